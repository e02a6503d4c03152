using System.Text.RegularExpressions;

namespace EventEngine.Web.Messaging;

/// <summary>
/// Placeholders a host can write in a message, such as {{first_name}}, and their replacement for one guest.
/// Unknown placeholders, and ones this event has no value for, are reported rather than sent as typed.
/// </summary>
public static partial class MessageTemplate
{
    public static readonly IReadOnlyList<(string Name, string Meaning)> Placeholders =
    [
        ("first_name", "the guest's first name"),
        ("names", "the first names of everyone the guest's link answers for (\"Priya and Arjun\" for a household)"),
        ("last_name", "the guest's last name"),
        ("full_name", "the guest's full name"),
        ("event_name", "the event's name"),
        ("event_date", "the event's date"),
        ("event_time", "the event's start time, with its time zone"),
        ("venue", "the venue"),
        ("rsvp_deadline", "the date to answer by"),
        ("rsvp_link", "the guest's private RSVP link (one per household, filled in as the message is sent)"),
    ];

    [GeneratedRegex(@"\{\{\s*([A-Za-z_]+)\s*\}\}")]
    private static partial Regex Placeholder();

    /// <summary>A message for the first placeholder that is unknown or has no value, or null when all can be filled.</summary>
    public static string? Problem(string? text, IReadOnlyDictionary<string, string?> values)
    {
        if (text is null) return null;
        foreach (Match match in Placeholder().Matches(text))
        {
            var name = match.Groups[1].Value.ToLowerInvariant();
            if (!values.TryGetValue(name, out var value))
                return $"{{{{{match.Groups[1].Value}}}}} isn't a placeholder. Use one of: {string.Join(", ", Placeholders.Select(p => "{{" + p.Name + "}}"))}.";
            if (value is null)
                return name switch
                {
                    "venue" => "This event has no venue yet: add one to the event, or remove {{venue}}.",
                    "rsvp_deadline" => "This event has no RSVP deadline yet: set one on the event, or remove {{rsvp_deadline}}.",
                    _ => $"{{{{{name}}}}} has no value for every guest; remove it.",
                };
        }
        return null;
    }

    public static string Render(string text, IReadOnlyDictionary<string, string?> values) =>
        Placeholder().Replace(text, match => values.TryGetValue(match.Groups[1].Value.ToLowerInvariant(), out var value) ? value ?? "" : match.Value);
}
