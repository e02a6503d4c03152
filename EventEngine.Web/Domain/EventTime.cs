using NodaTime;
using NodaTime.Text;

namespace EventEngine.Web.Domain;

/// <summary>
/// Conversions between stored UTC instants and an event's own IANA time zone. Every event time shown to a
/// person goes through here, so it is always in the event's zone and labelled with it.
/// </summary>
public static class EventTime
{
    private static readonly IDateTimeZoneProvider Zones = DateTimeZoneProviders.Tzdb;
    private static readonly LocalDateTimePattern DisplayPattern = LocalDateTimePattern.CreateWithInvariantCulture("ddd d MMM yyyy, HH:mm");

    /// <summary>Canonical IANA zone ids, for the zone picker.</summary>
    public static IReadOnlyList<string> ZoneIds { get; } = Zones.Ids
        .Where(id => id.Contains('/') && !id.StartsWith("Etc/", StringComparison.Ordinal))
        .Append("UTC")
        .Order(StringComparer.Ordinal)
        .ToList();

    public static bool IsKnownZone(string? zoneId) => zoneId is not null && Zones.GetZoneOrNull(zoneId) is not null;

    /// <summary>The UTC instant of a wall-clock time in a zone. A time skipped by a DST change moves forward; a repeated one takes the earlier.</summary>
    public static DateTime ToUtc(DateTime local, string zoneId) =>
        LocalDateTime.FromDateTime(local).InZoneLeniently(Zones[zoneId]).ToDateTimeUtc();

    /// <summary>The wall-clock time in the zone, for filling a datetime-local input.</summary>
    public static DateTime ToLocal(DateTime utc, string zoneId) => InZone(utc, zoneId).LocalDateTime.ToDateTimeUnspecified();

    /// <summary>A stored UTC instant in the event's zone, for code that needs its date, hour or zone interval.</summary>
    public static ZonedDateTime InZone(DateTime utc, string zoneId) => ToInstant(utc).InZone(Zones[zoneId]);

    public static DateTimeZone Zone(string zoneId) => Zones[zoneId];

    public static Instant ToInstant(DateTime utc) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>"Sat 12 Jun 2027, 16:00 BST" in the event's zone.</summary>
    public static string Format(DateTime utc, string zoneId)
    {
        var zoned = InZone(utc, zoneId);
        return $"{DisplayPattern.Format(zoned.LocalDateTime)} {Abbreviation(zoned)}";
    }

    /// <summary>The zone's short name at that time ("BST", "CET") or its UTC offset where tzdb has no abbreviation.</summary>
    private static string Abbreviation(ZonedDateTime zoned)
    {
        var name = zoned.GetZoneInterval().Name;
        if (name.Length > 0 && !name.StartsWith('+') && !name.StartsWith('-')) return name;
        var offset = zoned.Offset.ToTimeSpan();
        return "UTC" + (offset < TimeSpan.Zero ? "−" : "+") + offset.ToString(offset.Minutes == 0 ? "%h" : @"h\:mm");
    }
}
