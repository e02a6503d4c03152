namespace EventEngine.Web.Domain;

public enum GuestStatus
{
    Invited,
    Confirmed,
    Declined,
}

public static class GuestStatusLabels
{
    /// <summary>
    /// The one word for each state wherever people read it: badges, filters, counts, exports, PDFs, the activity log.
    /// A guest is "Invited" in the database from the moment they are added, before anything is sent, so people read
    /// "Waiting" (for their answer). Imports accept either word.
    /// </summary>
    public static string Label(this GuestStatus status) => status switch
    {
        GuestStatus.Confirmed => "Confirmed",
        GuestStatus.Declined => "Declined",
        _ => "Waiting",
    };
}
