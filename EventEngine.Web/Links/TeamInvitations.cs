using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventEngine.Web.Links;

public enum InviteResult { Sent, AlreadyMember, AlreadyInvited }

public enum AcceptResult { Joined, AlreadyMember, WrongAccount, Closed }

/// <summary>What an invitation's page, and the login and register pages reached from it, say about it.</summary>
public sealed record InvitationPreview(string Name, string Email, string Role, string RoleArticle, string RoleDescription, string InvitedBy, string TimeZoneId,
    bool IsOrganisation = false);

/// <summary>
/// Invitations to an event's team: made and sent by email through the outbox, resent, revoked, and accepted through
/// a single-use link (/invitations/{token}) that the sender fills in just before sending, as with RSVP links.
/// </summary>
public sealed class TeamInvitations(AppDbContext db, DatabaseIdentity identity, LinkTokens tokens, ILookupNormalizer normalizer, IOptions<AppOptions> app, OrganisationInvitations organisations,
    TimeProvider clock)
{
    public static string Url(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/invitations/{token}";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The invitation (to an event's team or an organisation) a token opens, in any state; null for anything that is not one.</summary>
    public async Task<Invitation?> FindAsync(string? token)
    {
        if (!LinkTokens.IsWellFormed(token)) return null;
        var hash = LinkTokens.Hash(token!);
        // The link presented is who the database is asked for from here on (with the signed-in person, if any).
        identity.LinkTokenHash = hash;
        return await db.EventInvitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash) as Invitation
            ?? await organisations.FindByHashAsync(hash);
    }

    /// <summary>A new invitation's link (seed and hash) and times, for either kind.</summary>
    public static T New<T>(T invitation, LinkTokens tokens, DateTime now) where T : Invitation
    {
        invitation.Id = Guid.NewGuid();
        invitation.Seed = LinkTokens.NewSeed();
        invitation.TokenHash = LinkTokens.Hash(tokens.Token(invitation.Seed));
        invitation.CreatedAt = now;
        invitation.SentAt = now;
        invitation.ExpiresAt = now + Invitation.Lifetime;
        return invitation;
    }

    public static bool PutLink(OutboxMessage message, string url)
    {
        message.BodyText = message.BodyText.Replace(MessageComposer.InvitationLink, url);
        message.BodyHtml = message.BodyHtml?.Replace(MessageComposer.InvitationLink, url);
        return true;
    }

    /// <summary>What the login and register pages show when they were reached from an open invitation's page.</summary>
    public async Task<InvitationPreview?> PreviewAsync(string? returnUrl)
    {
        const string prefix = "/invitations/";
        if (returnUrl is null || !returnUrl.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
        if (await FindAsync(returnUrl[prefix.Length..]) is not { } invitation || invitation.StateAt(Now) != InvitationState.Open) return null;
        return await PreviewAsync(invitation);
    }

    public async Task<InvitationPreview> PreviewAsync(Invitation any)
    {
        if (any is OrganisationInvitation organisation) return await organisations.PreviewAsync(organisation);
        var invitation = (EventInvitation)any;
        return await db.Events.AsNoTracking().Where(e => e.Id == invitation.EventId)
            .Select(e => new InvitationPreview(e.Name, invitation.Email, invitation.Role.ToString(), invitation.Role.Article(), invitation.Role.Describe(),
                db.Users.Where(u => u.Id == invitation.InvitedById).Select(u => u.DisplayName).FirstOrDefault() ?? "The event's team", e.TimeZoneId, false))
            .SingleAsync();
    }

    /// <summary>Invites the address with the role, unless it already belongs to a member or has an invitation waiting.</summary>
    public async Task<InviteResult> InviteAsync(CurrentEvent current, ActivityLog log, string email, EventRole role)
    {
        var normalized = normalizer.NormalizeEmail(email);
        if (await db.EventMembers.AnyAsync(m => m.EventId == current.EventId && m.User.NormalizedEmail == normalized))
            return InviteResult.AlreadyMember;
        var now = Now;
        var ofEvent = db.EventInvitations.Where(i => i.EventId == current.EventId);
        if (await ofEvent.Open(now).AnyAsync(i => i.Email == email)) return InviteResult.AlreadyInvited;
        await using var transaction = await db.Database.BeginTransactionAsync();
        await ofEvent.CloseExpiredAsync(email, now);
        var invitation = New(new EventInvitation { EventId = current.EventId, Email = email, Role = role, InvitedById = current.UserId }, tokens, now);
        db.EventInvitations.Add(invitation);
        await QueueEmailAsync(invitation, current.Membership.UserName);
        log.Add(ActivityKind.MemberInvited, $"Invited {email} as {role.Article()}");
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

    /// <summary>Sends a waiting (or expired) invitation again with the same link, good for another 7 days.</summary>
    public async Task<bool> ResendAsync(CurrentEvent current, ActivityLog log, Guid id)
    {
        var invitation = await db.EventInvitations.SingleOrDefaultAsync(i => i.Id == id && i.EventId == current.EventId && i.AcceptedAt == null && i.RevokedAt == null);
        if (invitation is null) return false;
        invitation.SentAt = Now;
        invitation.ExpiresAt = Now + Invitation.Lifetime;
        await QueueEmailAsync(invitation, current.Membership.UserName);
        log.Add(ActivityKind.InvitationResent, $"Sent the invitation to {invitation.Email} again");
        await db.SaveChangesAsync();
        return true;
    }

    public async Task<bool> RevokeAsync(CurrentEvent current, ActivityLog log, Guid id)
    {
        var invitation = await db.EventInvitations.SingleOrDefaultAsync(i => i.Id == id && i.EventId == current.EventId && i.AcceptedAt == null && i.RevokedAt == null);
        if (invitation is null) return false;
        invitation.RevokedAt = Now;
        log.Add(ActivityKind.InvitationRevoked, $"Withdrew the invitation to {invitation.Email}");
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>
    /// Joins the signed-in user to the event with the invited role, once: the claim on the invitation and the new
    /// membership are one transaction, so two tabs (or two people) cannot both use one link.
    /// </summary>
    public async Task<AcceptResult> AcceptAsync(Invitation any, AppUser user)
    {
        // Accepting may follow a login or registration in the same request, after the identity was first set.
        identity.UserId = user.Id;
        if (any is OrganisationInvitation organisation) return await organisations.AcceptAsync(organisation, user);
        var invitation = (EventInvitation)any;
        if (user.NormalizedEmail != normalizer.NormalizeEmail(invitation.Email)) return AcceptResult.WrongAccount;
        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.EventInvitations.ClaimAsync(invitation.Id, user.Id, now) == 0) return AcceptResult.Closed;
        if (await db.EventMembers.AnyAsync(m => m.EventId == invitation.EventId && m.UserId == user.Id))
        {
            await transaction.CommitAsync();
            return AcceptResult.AlreadyMember;
        }
        db.EventMembers.Add(new EventMember { EventId = invitation.EventId, UserId = user.Id, Role = invitation.Role, JoinedAt = now });
        ActivityLog.Add(db, invitation.EventId, user.Id, user.DisplayName, ActivityKind.MemberJoined,
            $"Joined the team as {invitation.Role.Article()}, accepting the invitation to {invitation.Email}", null, null, now);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return AcceptResult.Joined;
    }

    /// <summary>
    /// Puts the invitation's link into a team invitation email just before it is sent. False when the invitation is
    /// no longer open (withdrawn or used meanwhile): that email should not go.
    /// </summary>
    public async Task<bool> FillAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Purpose != MessagePurpose.TeamInvitation) return true;
        var seed = await db.EventInvitations.Where(i => i.EventId == message.EventId).OpenSeedAsync(message.Recipient, Now, cancellationToken);
        return seed is not null && PutLink(message, Url(app.Value.BaseUrl, tokens.Token(seed)));
    }

    private async Task QueueEmailAsync(EventInvitation invitation, string inviterName)
    {
        var e = await db.Events.AsNoTracking().Where(x => x.Id == invitation.EventId)
            .Select(x => new { x.Name, x.StartsAt, x.TimeZoneId }).SingleAsync();
        db.OutboxMessages.Add(MessageComposer.TeamInvitation(invitation, inviterName, e.Name, e.StartsAt, e.TimeZoneId, Now));
    }
}
