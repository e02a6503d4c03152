using System.Text.Json;
using EventEngine.Web.Domain;

namespace EventEngine.Web.Publishing;

/// <summary>
/// A public event's fields as people read them, as (field, value) pairs: the activity log compares two of them to say
/// what an edit changed, and the moderation queue compares the event with the one kept when it was last published.
/// </summary>
public static class PublicEventSnapshot
{
    /// <summary>The public fields as people read them: for the activity log, and for moderators to see what changed.</summary>
    public static List<(string Field, string Value)> Of(Event e, string? cityName)
    {
        static string Time(DateTime t, string zone) => EventTime.ToLocal(t, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return
        [
            ("Name", e.Name),
            ("Summary", e.Summary ?? ""),
            ("Starts", Time(e.StartsAt, e.TimeZoneId)),
            ("Ends", e.EndsAt is { } end ? Time(end, e.TimeZoneId) : ""),
            ("Repeats", e.IsSeries ? Recurrence.Describe(e) + Dates(" skipping", e.RepeatSkipped) + Dates(" adding", e.RepeatAdded) : ""),
            ("City", cityName ?? ""),
            ("Category", e.Category?.ToString() ?? ""),
            ("How people attend", e.AttendanceMode.Label()),
            ("Venue", e.Venue ?? ""),
            ("Address", e.Address ?? ""),
            ("Online link", e.OnlineUrl ?? ""),
            ("Registration link", e.RegistrationUrl ?? ""),
            ("Price", Prices.Label(e.PriceFrom, e.Currency)),
            ("Places", e.Capacity is { } places ? $"{places}, up to {e.PlacesPerPerson} per person, offers last {e.OfferHours} h" : "No registration here"),
            ("Picture", e.ImageId is { } image ? $"picture {image.ToString()[..8]}" : ""),
            ("Description", e.Description ?? ""),
        ];
    }

    private static string Dates(string label, List<DateOnly> days) =>
        days.Count == 0 ? "" : $";{label} {string.Join(", ", days.Select(d => d.ToString("yyyy-MM-dd")))}";

    private sealed record Pair(string Field, string Value);

    public static string ToJson(List<(string Field, string Value)> snapshot) => JsonSerializer.Serialize(snapshot.Select(p => new Pair(p.Field, p.Value)));

    public static List<(string Field, string Value)> FromJson(string json) =>
        (JsonSerializer.Deserialize<List<Pair>>(json) ?? []).Select(p => (p.Field, p.Value)).ToList();

    /// <summary>"Venue: Pier 4 → Pier 5" for each field that differs; empty when nothing does.</summary>
    public static IReadOnlyList<string> Changes(string publishedJson, List<(string Field, string Value)> now) =>
        Data.ActivityLog.Changes(FromJson(publishedJson), now)?.Split('\n') ?? [];
}
