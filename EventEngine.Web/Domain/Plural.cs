namespace EventEngine.Web.Domain;

/// <summary>A count with its noun, the way every page, message and report writes it: "1 guest", "1,200 guests", "3 people".</summary>
public static class Plural
{
    public static string Of(int count, string one, string? many = null) => $"{count:N0} {(count == 1 ? one : many ?? one + "s")}";
}
