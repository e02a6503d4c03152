using EventEngine.Web.Domain;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>What one row of the guest table needs: the guest, where its links point, and whether to offer editing.</summary>
public sealed record GuestRowView(Guest Guest, Guid EventId, bool CanEdit)
{
    public string EditUrl => $"/events/{EventId}/guests/edit/{Guest.Id}";
}
