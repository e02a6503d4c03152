using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventEngine.Web.Links;

/// <summary>
/// Invitations to join an organisation: the same flow as an event team's (<see cref="TeamInvitations"/>): sent by email
/// through the outbox with the link filled in just before sending, resent, withdrawn, and accepted once through
/// /invitations/{token}. Accepting adds the membership with the invited role and end date.
/// </summary>
public sealed class OrganisationInvitations(AppDbContext db, LinkTokens tokens, ILookupNormalizer normalizer, IOptions<AppOptions> app, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<OrganisationInvitation?> FindByHashAsync(byte[] hash) =>
        db.OrganisationInvitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash);

    public async Task<InvitationPreview> PreviewAsync(OrganisationInvitation invitation) =>
        await db.Organisations.AsNoTracking().Where(o => o.Id == invitation.OrganisationId)
            .Select(o => new InvitationPreview(o.Name, invitation.Email, invitation.Role.ToString(), invitation.Role.Article(), invitation.Role.Describe(),
                db.Users.Where(u => u.Id == invitation.InvitedById).Select(u => u.DisplayName).FirstOrDefault() ?? "The organisation",
                o.HomeCity != null ? o.HomeCity.TimeZoneId : "Etc/UTC", IsOrganisation: true))
            .SingleAsync();

    /// <summary>Invites the address with the role and end, unless it already belongs to a member or has an invitation waiting.</summary>
    public async Task<InviteResult> InviteAsync(CurrentOrganisation current, string email, OrganisationRole role, DateTime? memberUntil)
    {
        var normalized = normalizer.NormalizeEmail(email);
        if (await db.OrganisationMembers.AnyAsync(m => m.OrganisationId == current.OrganisationId && m.User.NormalizedEmail == normalized))
            return InviteResult.AlreadyMember;
        var now = Now;
        var ofOrganisation = db.OrganisationInvitations.Where(i => i.OrganisationId == current.OrganisationId);
        if (await ofOrganisation.Open(now).AnyAsync(i => i.Email == email)) return InviteResult.AlreadyInvited;
        await using var transaction = await db.Database.BeginTransactionAsync();
        await ofOrganisation.CloseExpiredAsync(email, now);
        var invitation = TeamInvitations.New(new OrganisationInvitation
        {
            OrganisationId = current.OrganisationId,
            Email = email,
            Role = role,
            MemberUntil = memberUntil,
            InvitedById = current.UserId,
        }, tokens, now);
        db.OrganisationInvitations.Add(invitation);
        await QueueEmailAsync(invitation, current.UserName);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return InviteResult.AlreadyInvited;
        }
        await transaction.CommitAsync();
        return InviteResult.Sent;
    }

    public async Task<bool> ResendAsync(CurrentOrganisation current, Guid id)
    {
        var invitation = await Open(current).SingleOrDefaultAsync(i => i.Id == id);
        if (invitation is null) return false;
        invitation.SentAt = Now;
        invitation.ExpiresAt = Now + Invitation.Lifetime;
        await QueueEmailAsync(invitation, current.UserName);
        await db.SaveChangesAsync();
        return true;
    }

    public async Task<bool> RevokeAsync(CurrentOrganisation current, Guid id) =>
        await Open(current).Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, Now)) > 0;

    private IQueryable<OrganisationInvitation> Open(CurrentOrganisation current) =>
        db.OrganisationInvitations.Where(i => i.OrganisationId == current.OrganisationId && i.AcceptedAt == null && i.RevokedAt == null);

    /// <summary>Adds the signed-in user to the organisation with the invited role, once (the claim and the membership are one transaction).</summary>
    public async Task<AcceptResult> AcceptAsync(OrganisationInvitation invitation, AppUser user)
    {
        if (user.NormalizedEmail != normalizer.NormalizeEmail(invitation.Email)) return AcceptResult.WrongAccount;
        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.OrganisationInvitations.ClaimAsync(invitation.Id, user.Id, now) == 0) return AcceptResult.Closed;
        if (await db.OrganisationMembers.AnyAsync(m => m.OrganisationId == invitation.OrganisationId && m.UserId == user.Id))
        {
            await transaction.CommitAsync();
            return AcceptResult.AlreadyMember;
        }
        db.OrganisationMembers.Add(new OrganisationMember
        {
            OrganisationId = invitation.OrganisationId,
            UserId = user.Id,
            Role = invitation.Role,
            ExpiresAt = invitation.MemberUntil,
            JoinedAt = now,
        });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return AcceptResult.Joined;
    }

    /// <summary>Puts the link into an organisation invitation just before it is sent; false when the invitation closed meanwhile.</summary>
    public async Task<bool> FillAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Purpose != MessagePurpose.OrganisationInvitation) return true;
        var seed = await db.OrganisationInvitations.Where(i => i.OrganisationId == message.OrganisationId).OpenSeedAsync(message.Recipient, Now, cancellationToken);
        return seed is not null && TeamInvitations.PutLink(message, TeamInvitations.Url(app.Value.BaseUrl, tokens.Token(seed)));
    }

    private async Task QueueEmailAsync(OrganisationInvitation invitation, string inviterName)
    {
        var name = await db.Organisations.Where(o => o.Id == invitation.OrganisationId).Select(o => o.Name).SingleAsync();
        db.OutboxMessages.Add(MessageComposer.OrganisationInvitation(invitation, inviterName, name, Now));
    }
}
