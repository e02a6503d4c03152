using System.Text;
using EventEngine.Web.Domain;
using NodaTime;
using NodaTime.TimeZones;

namespace EventEngine.Web.Messaging;

/// <summary>
/// An iCalendar (RFC 5545) invitation for one guest: the event in its own time zone (with a VTIMEZONE describing
/// that zone around the event), and a UID that stays the same per guest and event so updates replace the entry.
/// </summary>
public static class CalendarFile
{
    public static string Uid(Guid eventId, Guid guestId) => $"{eventId:N}-{guestId:N}@eventengine";

    public static string Invitation(Event e, Guid guestId, string guestName, string guestEmail, string organizerEmail, string organizerName, DateTime now, string? description = null) =>
        Build("REQUEST", e, guestId, now, description,
        [
            $"ORGANIZER;CN={Parameter(organizerName)}:mailto:{organizerEmail}",
            $"ATTENDEE;CN={Parameter(guestName)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{guestEmail}",
        ]);

    /// <summary>The event to add to a calendar (the RSVP page's download): no organizer or attendee, so calendars just save it.</summary>
    public static string Download(Event e, Guid guestId, DateTime now) => Build("PUBLISH", e, guestId, now, null, []);

    private static string Build(string method, Event e, Guid guestId, DateTime now, string? description, IEnumerable<string> people)
    {
        var zone = EventTime.Zone(e.TimeZoneId);
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//EventEngine//Invitations//EN",
            "CALSCALE:GREGORIAN",
            $"METHOD:{method}",
        };
        lines.AddRange(TimeZone(zone, e.StartsAt, e.EndsAt ?? e.StartsAt));
        lines.Add("BEGIN:VEVENT");
        lines.Add($"UID:{Uid(e.Id, guestId)}");
        lines.Add("SEQUENCE:0");
        lines.Add($"DTSTAMP:{Utc(now)}");
        lines.Add($"DTSTART;TZID={e.TimeZoneId}:{Local(e.StartsAt, zone)}");
        if (e.EndsAt is { } end) lines.Add($"DTEND;TZID={e.TimeZoneId}:{Local(end, zone)}");
        lines.Add($"SUMMARY:{Text(e.Name)}");
        if (e.Venue is not null) lines.Add($"LOCATION:{Text(e.Venue)}");
        var about = description ?? e.Description;
        if (!string.IsNullOrWhiteSpace(about)) lines.Add($"DESCRIPTION:{Text(about)}");
        lines.AddRange(people);
        lines.Add("STATUS:CONFIRMED");
        lines.Add("END:VEVENT");
        lines.Add("END:VCALENDAR");
        var text = new StringBuilder();
        foreach (var line in lines) Fold(text, line);
        return text.ToString();
    }

    /// <summary>The zone's observances in force from just before the event to its end, as explicit onsets (no RRULE needed).</summary>
    private static IEnumerable<string> TimeZone(DateTimeZone zone, DateTime startUtc, DateTime endUtc)
    {
        yield return "BEGIN:VTIMEZONE";
        yield return $"TZID:{zone.Id}";
        var from = EventTime.ToInstant(startUtc) - Duration.FromDays(366);
        var to = EventTime.ToInstant(endUtc) + Duration.FromDays(1);
        ZoneInterval? previous = null;
        foreach (var interval in zone.GetZoneIntervals(from, to))
        {
            var kind = interval.Savings == Offset.Zero ? "STANDARD" : "DAYLIGHT";
            var offsetFrom = previous?.WallOffset ?? interval.WallOffset;
            var onset = interval.HasStart ? interval.Start.WithOffset(offsetFrom).LocalDateTime : new LocalDateTime(1970, 1, 1, 0, 0);
            yield return $"BEGIN:{kind}";
            yield return $"DTSTART:{onset:yyyyMMdd'T'HHmmss}";
            yield return $"TZOFFSETFROM:{OffsetText(offsetFrom)}";
            yield return $"TZOFFSETTO:{OffsetText(interval.WallOffset)}";
            if (interval.Name.Length > 0) yield return $"TZNAME:{Text(interval.Name)}";
            yield return $"END:{kind}";
            previous = interval;
        }
        yield return "END:VTIMEZONE";
    }

    private static string OffsetText(Offset offset)
    {
        var span = offset.ToTimeSpan();
        return (span < TimeSpan.Zero ? "-" : "+") + span.Duration().ToString("hhmm");
    }

    private static string Local(DateTime utc, DateTimeZone zone) =>
        EventTime.ToInstant(utc).InZone(zone).LocalDateTime.ToString("yyyyMMdd'T'HHmmss", null);

    private static string Utc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'");

    /// <summary>TEXT values escape backslash, semicolon, comma and newlines.</summary>
    private static string Text(string value) =>
        value.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r\n", "\\n").Replace("\n", "\\n").Replace("\r", "");

    /// <summary>Parameter values are quoted when they hold characters with a meaning in the property line; DQUOTE itself is not allowed.</summary>
    private static string Parameter(string value) => "\"" + value.Replace("\"", "'").Replace("\r", "").Replace("\n", " ") + "\"";

    /// <summary>Lines longer than 75 octets continue on the next line after a space, never splitting a UTF-8 character.</summary>
    private static void Fold(StringBuilder text, string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > 75)
            {
                text.Append("\r\n ");
                octets = 1;
            }
            text.Append(rune.ToString());
            octets += size;
        }
        text.Append("\r\n");
    }
}
