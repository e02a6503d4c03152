using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>What was sent to a guest and what they wrote back, newest first, for the guest's page.</summary>
public sealed record GuestConversation(Guid EventId, Guid GuestId, string TimeZoneId, bool CanSend, IReadOnlyList<GuestConversation.Item> Items)
{
    public const int Limit = 50;

    /// <summary>A message; To names the household member it went to when that is someone else.</summary>
    public sealed record Item(DateTime At, bool Incoming, MessageChannel Channel, MessagePurpose? Purpose, string? Subject, string Body, MessageState? State, string? Error,
        string? To = null);

    public static async Task<GuestConversation> LoadAsync(AppDbContext db, Guid eventId, Guid guestId, string timeZoneId, bool canSend)
    {
        // A household's invitation reaches its members through whoever has an address, so each member sees it.
        var householdId = await db.Guests.Where(g => g.Id == guestId).Select(g => g.HouseholdId).SingleAsync();
        var ids = householdId is { } household ? await db.Guests.Where(g => g.HouseholdId == household).Select(g => g.Id).ToListAsync() : [guestId];
        var sent = await db.OutboxMessages.Where(m => m.EventId == eventId && m.GuestId != null && ids.Contains(m.GuestId.Value))
            .OrderByDescending(m => m.CreatedAt).Take(Limit)
            .Select(m => new Item(m.CreatedAt, false, m.Channel, m.Purpose, m.Subject, m.BodyText, m.State, m.Error,
                m.GuestId == guestId ? null : m.RecipientName)).ToListAsync();
        var received = await db.InboundMessages.Where(i => i.EventId == eventId && i.GuestId == guestId)
            .OrderByDescending(i => i.ReceivedAt).Take(Limit)
            .Select(i => new Item(i.ReceivedAt, true, MessageChannel.WhatsApp, null, null, i.Body, null, null)).ToListAsync();
        return new GuestConversation(eventId, guestId, timeZoneId, canSend, [.. sent.Concat(received).OrderByDescending(i => i.At).Take(Limit)]);
    }
}
