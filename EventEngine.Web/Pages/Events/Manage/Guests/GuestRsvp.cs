using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Links;
using EventEngine.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>
/// A guest's RSVP link (if one has been made) and what happened on it, newest first, for the guest's page; with the
/// guest's phone and a short text in their language, for sharing the link on WhatsApp by hand.
/// </summary>
public sealed record GuestRsvp(Guid EventId, Guid GuestId, string GuestName, string? Household, string? Url, string TimeZoneId, IReadOnlyList<GuestRsvp.Item> Activity,
    string? Phone = null, string? ShareText = null)
{
    /// <summary>WhatsApp's click-to-chat link with the text ready to send: to the guest's number, or to a chat the host picks.</summary>
    public string? WhatsAppShareUrl => ShareText is null ? null
        : $"https://wa.me/{Phone?.TrimStart('+')}?text={Uri.EscapeDataString(ShareText)}";

    public const int Limit = 50;

    /// <summary>One entry of the history: what happened, when, on which channel, and who did it ("by Rina", "through the RSVP link").</summary>
    public sealed record Item(DateTime At, string What, MessageChannel? Channel, string? Detail, string? By = null);

    public static async Task<GuestRsvp> LoadAsync(AppDbContext db, RsvpLinks links, Guid eventId, Guid guestId, string timeZoneId)
    {
        var guest = await db.Guests.Where(g => g.Id == guestId && g.EventId == eventId)
            .Select(g => new { g.FirstName, g.LastName, g.Phone, g.Language, g.HouseholdId, Household = g.Household != null ? g.Household.Name : null }).SingleAsync();
        var e = await db.Events.Where(e => e.Id == eventId).Select(e => new { e.Name, e.Language }).SingleAsync();
        var token = await links.LiveTokenForGuestAsync(eventId, guestId);
        // A household's messages go to its members with an address and carry the link that answers for everyone, so
        // each member's history has them, with who they went to.
        var household = guest.HouseholdId is { } householdId
            ? await db.Guests.Where(g => g.HouseholdId == householdId).Select(g => new { g.Id, g.FirstName, g.LastName }).ToListAsync()
            : [new { Id = guestId, guest.FirstName, guest.LastName }];
        var ids = household.Select(h => h.Id).ToList();
        var sent = await db.OutboxMessages
            .Where(m => m.EventId == eventId && m.GuestId != null && ids.Contains(m.GuestId.Value) && m.SentAt != null)
            .OrderByDescending(m => m.SentAt).Take(Limit)
            .Select(m => new { m.SentAt, m.Purpose, m.Channel, m.GuestId, m.CreatedById }).ToListAsync();
        var senders = await db.Users.Where(u => sent.Select(m => m.CreatedById).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        var happened = await db.EventActivities.Where(a => a.EventId == eventId && a.GuestId == guestId)
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(Limit).ToListAsync();
        string NameOf(Guid? id) => household.Where(h => h.Id == id).Select(h => Guest.NameOf(h.FirstName, h.LastName)).FirstOrDefault() ?? "another member";
        var items = sent.Select(m => new Item(m.SentAt!.Value,
                $"{m.Purpose.Label()} sent" + (m.GuestId == guestId ? "" : $" to {NameOf(m.GuestId)}, for the household"),
                m.Channel, null, m.CreatedById is { } by && senders.GetValueOrDefault(by) is { } sender ? $"by {sender}" : null))
            .Concat(happened.Select(a => new Item(a.CreatedAt, a.Kind == ActivityKind.RsvpLinkRevoked ? $"{a.Summary}; a new one replaces it" : a.Summary, a.Channel, a.Detail,
                a.ActorUserId is null && a.Kind.Area() == ActivityArea.Rsvp ? "through the RSVP link" : $"by {a.ActorName}")))
            .OrderByDescending(i => i.At).Take(Limit).ToList();
        var url = token is null ? null : links.Url(token);
        var texts = GuestTexts.For(guest.Language ?? e.Language);
        var share = url is null ? null : $"{e.Name}\n{texts.Format(texts.ReplyHere, url)}";
        return new GuestRsvp(eventId, guestId, Guest.NameOf(guest.FirstName, guest.LastName), guest.Household, url, timeZoneId, items, guest.Phone, share);
    }
}
