namespace EventEngine.Web.Domain;

/// <summary>What a page or handler under /events/{eventId}/ needs. Roles grant these in <see cref="EventRoles"/>.</summary>
public enum EventPermission
{
    ViewEvent,
    EditGuests,
    /// <summary>Files that carry guests' personal data out of the app (CSV and PDF exports).</summary>
    ExportGuests,
    SendMessages,
    EditEvent,
    /// <summary>The activity log: who changed what.</summary>
    ViewActivity,
    ManageTeam,
    DeleteEvent,
}
