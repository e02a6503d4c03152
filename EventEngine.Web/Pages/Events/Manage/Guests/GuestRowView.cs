using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>What one row of the guest table needs: the guest, its latest message, where its links point, and what to offer.</summary>
public sealed record GuestRowView(Guest Guest, Guid EventId, bool CanEdit, GuestRowView.LastMessage? Message = null)
{
    public sealed record LastMessage(Guid GuestId, MessageChannel Channel, MessageState State, string? Error);

    /// <summary>The newest message of each of these guests.</summary>
    public static async Task<Dictionary<Guid, LastMessage>> LastMessagesAsync(AppDbContext db, Guid eventId, IReadOnlyCollection<Guid> guestIds) =>
        await db.OutboxMessages.Where(m => m.EventId == eventId && m.GuestId != null && guestIds.Contains(m.GuestId.Value))
            .GroupBy(m => m.GuestId!.Value)
            .Select(g => g.OrderByDescending(m => m.CreatedAt).Select(m => new LastMessage(m.GuestId!.Value, m.Channel, m.State, m.Error)).First())
            .ToDictionaryAsync(m => m.GuestId);
}
