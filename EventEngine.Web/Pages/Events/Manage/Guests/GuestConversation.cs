using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>What was sent to a guest and what they wrote back, newest first, for the guest's page.</summary>
public sealed record GuestConversation(Guid EventId, Guid GuestId, string TimeZoneId, bool CanSend, IReadOnlyList<GuestConversation.Item> Items)
{
    public const int Limit = 50;

    public sealed record Item(DateTime At, bool Incoming, MessageChannel Channel, MessagePurpose? Purpose, string? Subject, string Body, MessageState? State, string? Error);

    public static async Task<GuestConversation> LoadAsync(AppDbContext db, Guid eventId, Guid guestId, string timeZoneId, bool canSend)
    {
        var sent = await db.OutboxMessages.Where(m => m.EventId == eventId && m.GuestId == guestId)
            .OrderByDescending(m => m.CreatedAt).Take(Limit)
            .Select(m => new Item(m.CreatedAt, false, m.Channel, m.Purpose, m.Subject, m.BodyText, m.State, m.Error)).ToListAsync();
        var received = await db.InboundMessages.Where(i => i.EventId == eventId && i.GuestId == guestId)
            .OrderByDescending(i => i.ReceivedAt).Take(Limit)
            .Select(i => new Item(i.ReceivedAt, true, MessageChannel.WhatsApp, null, null, i.Body, null, null)).ToListAsync();
        return new GuestConversation(eventId, guestId, timeZoneId, canSend, [.. sent.Concat(received).OrderByDescending(i => i.At).Take(Limit)]);
    }
}
