namespace EventEngine.Web.Domain;

/// <summary>Private: today's invite-only event. Public: it belongs to an organisation and is listed once published.</summary>
public enum EventVisibility
{
    Private,
    Public,
}

/// <summary>A public event's life: Draft → InReview → Published → Cancelled; a rejection goes back to Draft with a reason.</summary>
public enum EventStatus
{
    Draft,
    InReview,
    Published,
    Cancelled,
}

public enum AttendanceMode
{
    Offline,
    Online,
    Mixed,
}

public enum EventCategory
{
    Music,
    Arts,
    Theatre,
    Film,
    Food,
    Sports,
    Family,
    Community,
    Learning,
    Business,
    Tech,
    Nightlife,
    Outdoors,
    Wellness,
    Other,
}

public static class PublicEventLabels
{
    public static string Label(this EventStatus status) => status switch
    {
        EventStatus.InReview => "In review",
        _ => status.ToString(),
    };

    public static string Label(this AttendanceMode mode) => mode switch
    {
        AttendanceMode.Offline => "In person",
        AttendanceMode.Online => "Online",
        _ => "In person and online",
    };
}
