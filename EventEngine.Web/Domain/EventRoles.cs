namespace EventEngine.Web.Domain;

/// <summary>The one table of which role grants which permission (Admin: everything; Editor: guests and messages; Viewer: read only).</summary>
public static class EventRoles
{
    public static bool Grants(this EventRole role, EventPermission permission) => role switch
    {
        EventRole.Admin => true,
        EventRole.Editor => permission is EventPermission.ViewEvent or EventPermission.EditGuests or EventPermission.ExportGuests
            or EventPermission.SendMessages or EventPermission.ViewActivity,
        EventRole.Viewer => permission is EventPermission.ViewEvent,
        _ => false,
    };

    public static string Describe(this EventRole role) => role switch
    {
        EventRole.Admin => "Everything, including the team and deleting the event",
        EventRole.Editor => "Guests and messages",
        EventRole.Viewer => "Read only",
        _ => "",
    };

    /// <summary>"an Admin", "an Editor", "a Viewer".</summary>
    public static string Article(this EventRole role) => (role == EventRole.Viewer ? "a " : "an ") + role;
}
