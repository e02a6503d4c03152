namespace EventEngine.Web.Domain;

/// <summary>What a page or handler under /events/{eventId}/ needs. Roles grant these in <see cref="EventRoles"/>.</summary>
public enum EventPermission
{
    ViewEvent,
    EditGuests,
    SendMessages,
    EditEvent,
    ManageTeam,
    DeleteEvent,
}
