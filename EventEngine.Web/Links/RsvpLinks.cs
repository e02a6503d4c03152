using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Links;

/// <summary>The RSVP settings (section "Rsvp"). LinkKey is a secret: set Rsvp__LinkKey, never commit it.</summary>
public sealed class RsvpOptions
{
    /// <summary>Base64 of at least 32 random bytes (openssl rand -base64 32). Changing it invalidates every link.</summary>
    public string? LinkKey { get; set; }

    /// <summary>Wrong tokens one client address may try per window before its wrong ones get 429 (see README for the numbers).</summary>
    public int WrongTokensPerWindow { get; set; } = 30;
    public int WindowMinutes { get; set; } = 10;

    public const string KeyHelp = "Set Rsvp__LinkKey to the base64 of 32 random bytes (for example: openssl rand -base64 32). " +
        "It is a secret: keep it in configuration, not in git. ./scripts/run makes one for you.";

    public static byte[]? Key(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            return key.Length >= 32 ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// One private link per household (or per guest without one), its token made and found by <see cref="LinkTokens"/>.
/// Every message to the household carries the same link, filled in only at the moment it is sent.
/// </summary>
public sealed class RsvpLinks(DatabaseIdentity identity, AppDbContext db, LinkTokens tokens, IOptions<AppOptions> app, TimeProvider clock)
{
    /// <summary>The link; "via" tells the page which channel it came through, so the confirmation goes back the same way.</summary>
    public string Url(string token, MessageChannel? via = null) =>
        $"{app.Value.BaseUrl.TrimEnd('/')}/rsvp/{token}" + via switch
        {
            MessageChannel.Email => "?via=email",
            MessageChannel.WhatsApp => "?via=whatsapp",
            _ => "",
        };

    /// <summary>The live link of the guest's household (or of the guest alone) if it has one; nothing is made.</summary>
    public async Task<string?> LiveTokenForGuestAsync(Guid eventId, Guid guestId, CancellationToken cancellationToken = default)
    {
        var householdId = await HouseholdOfAsync(eventId, guestId, cancellationToken);
        return await LiveAsync(eventId, householdId, guestId, cancellationToken) is { } live ? tokens.Token(live.Seed) : null;
    }

    /// <summary>The live link of the guest's household (or of the guest alone), made on first use.</summary>
    public async Task<string> TokenForGuestAsync(Guid eventId, Guid guestId, CancellationToken cancellationToken = default)
    {
        var householdId = await HouseholdOfAsync(eventId, guestId, cancellationToken);
        var live = await LiveAsync(eventId, householdId, guestId, cancellationToken);
        if (live is not null) return tokens.Token(live.Seed);

        var seed = LinkTokens.NewSeed();
        var hash = LinkTokens.Hash(tokens.Token(seed));
        var now = clock.GetUtcNow().UtcDateTime;
        // Two requests may make the first link at once; the partial unique index keeps one and the other reads it.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO rsvp_links (id, event_id, household_id, guest_id, seed, token_hash, created_at)
            VALUES ({Guid.NewGuid()}, {eventId}, {householdId}, {(householdId is null ? guestId : null)}, {seed}, {hash}, {now})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        live = await LiveAsync(eventId, householdId, guestId, cancellationToken);
        return tokens.Token(live!.Seed);
    }

    private Task<Guid?> HouseholdOfAsync(Guid eventId, Guid guestId, CancellationToken cancellationToken) =>
        db.Guests.Where(g => g.Id == guestId && g.EventId == eventId).Select(g => g.HouseholdId).SingleAsync(cancellationToken);

    private Task<RsvpLink?> LiveAsync(Guid eventId, Guid? householdId, Guid guestId, CancellationToken cancellationToken) =>
        db.RsvpLinks.AsNoTracking().Where(l => l.EventId == eventId && l.RevokedAt == null)
            .Where(l => householdId != null ? l.HouseholdId == householdId : l.GuestId == guestId)
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>The link a token opens, revoked or not; null for anything that is not a link (a wrong token reveals nothing).</summary>
    public async Task<RsvpLink?> FindAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!LinkTokens.IsWellFormed(token)) return null;
        var hash = LinkTokens.Hash(token!);
        // The link presented is who the database is asked for from here on: its household, nothing else (0021).
        identity.LinkTokenHash = hash;
        return await db.RsvpLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
    }

    /// <summary>The guests a link answers for: the household's members, or the one guest.</summary>
    public IQueryable<Guest> Members(RsvpLink link) =>
        db.Guests.Where(g => g.EventId == link.EventId && (link.HouseholdId != null ? g.HouseholdId == link.HouseholdId : g.Id == link.GuestId));

    /// <summary>The members, tracked, in the order they were added (as the page lists them).</summary>
    public Task<List<Guest>> MembersAsync(RsvpLink link, CancellationToken cancellationToken = default) =>
        Members(link).OrderBy(g => g.CreatedAt).ThenBy(g => g.SortName).ToListAsync(cancellationToken);

    /// <summary>Revokes the guest's household link (the next use makes a new one) and notes it on each member, by the host.</summary>
    public async Task<bool> RevokeAsync(Guid eventId, Guid guestId, ActivityLog log, CancellationToken cancellationToken = default)
    {
        var householdId = await HouseholdOfAsync(eventId, guestId, cancellationToken);
        var live = await LiveAsync(eventId, householdId, guestId, cancellationToken);
        if (live is null) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var revoked = await db.RsvpLinks.Where(l => l.Id == live.Id && l.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), cancellationToken);
        if (revoked == 0) return false;
        var members = await Members(live).OrderBy(g => g.SortName).Select(g => new { g.Id, g.FirstName, g.LastName }).ToListAsync(cancellationToken);
        foreach (var member in members)
            log.Add(ActivityKind.RsvpLinkRevoked, $"Revoked the RSVP link of {Guest.NameOf(member.FirstName, member.LastName)}", null, member.Id);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Puts the guest's link where the message has {{rsvp_link}}, just before it is sent (the stored message keeps the placeholder).</summary>
    public async Task FillAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message is not { GuestId: { } guestId, EventId: { } eventId } || !Mentions(message)) return;
        var url = Url(await TokenForGuestAsync(eventId, guestId, cancellationToken), message.Channel);
        message.Subject = message.Subject?.Replace(MessageComposer.RsvpLink, url);
        message.BodyText = message.BodyText.Replace(MessageComposer.RsvpLink, url);
        message.BodyHtml = message.BodyHtml?.Replace(MessageComposer.RsvpLink, url);
        message.TemplateParameters = message.TemplateParameters.Select(p => p.Replace(MessageComposer.RsvpLink, url)).ToList();
    }

    private static bool Mentions(OutboxMessage message) =>
        message.BodyText.Contains(MessageComposer.RsvpLink) || message.BodyHtml?.Contains(MessageComposer.RsvpLink) == true ||
        message.Subject?.Contains(MessageComposer.RsvpLink) == true || message.TemplateParameters.Any(p => p.Contains(MessageComposer.RsvpLink));
}
