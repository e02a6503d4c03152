namespace EventEngine.Web.Domain;

/// <summary>A count with its noun, the way every page, message and report writes it: "1 guest", "1,200 guests", "3 people".</summary>
public static class Plural
{
    public static string Of(int count, string one, string? many = null) => $"{count:N0} {(count == 1 ? one : many ?? one + "s")}";
}

/// <summary>How long ago something happened, as a person says it: "just now", "5 minutes ago", "3 days ago".</summary>
public static class Ago
{
    public static string Of(DateTime then, DateTime now) => (now - then) switch
    {
        var d when d < TimeSpan.FromMinutes(1) => "just now",
        var d when d < TimeSpan.FromHours(1) => Plural.Of((int)d.TotalMinutes, "minute") + " ago",
        var d when d < TimeSpan.FromDays(1) => Plural.Of((int)d.TotalHours, "hour") + " ago",
        var d => Plural.Of((int)d.TotalDays, "day") + " ago",
    };
}
