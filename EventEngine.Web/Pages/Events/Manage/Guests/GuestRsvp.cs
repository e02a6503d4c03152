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

    public sealed record Item(DateTime At, string What, MessageChannel? Channel, string? Detail);

    public static async Task<GuestRsvp> LoadAsync(AppDbContext db, RsvpLinks links, Guid eventId, Guid guestId, string timeZoneId)
    {
        var guest = await db.Guests.Where(g => g.Id == guestId && g.EventId == eventId)
            .Select(g => new { g.FirstName, g.LastName, g.Phone, g.Language, Household = g.Household != null ? g.Household.Name : null }).SingleAsync();
        var e = await db.Events.Where(e => e.Id == eventId).Select(e => new { e.Name, e.Language }).SingleAsync();
        var token = await links.LiveTokenForGuestAsync(eventId, guestId);
        var sent = await db.OutboxMessages
            .Where(m => m.EventId == eventId && m.GuestId == guestId && m.SentAt != null
                && (m.Purpose == MessagePurpose.Invitation || m.Purpose == MessagePurpose.Reminder || m.Purpose == MessagePurpose.Confirmation))
            .OrderByDescending(m => m.SentAt).Take(Limit)
            .Select(m => new { m.SentAt, m.Purpose, m.Channel }).ToListAsync();
        var rsvp = ActivityKinds.In(ActivityArea.Rsvp);
        var happened = await db.EventActivities.Where(a => a.EventId == eventId && a.GuestId == guestId && rsvp.Contains(a.Kind))
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(Limit).ToListAsync();
        var items = sent.Select(m => new Item(m.SentAt!.Value, m.Purpose switch
        {
            MessagePurpose.Invitation => "Invitation with the link sent",
            MessagePurpose.Reminder => "Reminder with the link sent",
            _ => "Confirmation of the answer sent",
        }, m.Channel, null))
            .Concat(happened.Select(a => new Item(a.CreatedAt,
                a.Kind == ActivityKind.RsvpLinkRevoked ? $"{a.Summary} (by {a.ActorName}); a new one replaces it" : a.Summary, a.Channel, a.Detail)))
            .OrderByDescending(i => i.At).Take(Limit).ToList();
        var url = token is null ? null : links.Url(token);
        var texts = GuestTexts.For(guest.Language ?? e.Language);
        var share = url is null ? null : $"{e.Name}\n{texts.Format(texts.ReplyHere, url)}";
        return new GuestRsvp(eventId, guestId, Guest.NameOf(guest.FirstName, guest.LastName), guest.Household, url, timeZoneId, items, guest.Phone, share);
    }
}
