using EventEngine.Web.Domain;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Occurrence = EventEngine.Web.Domain.Occurrence;

namespace EventEngine.Web.Messaging;

/// <summary>
/// An iCalendar (RFC 5545) file of the event, written by Ical.Net: the event in its own time zone with a VTIMEZONE
/// for it, and a UID that stays the same per guest and event so that a changed event replaces the entry.
/// </summary>
/// <remarks>
/// The file publishes the event (METHOD:PUBLISH) rather than requesting an answer (METHOD:REQUEST with the guest as
/// an ATTENDEE). A request makes Gmail and Outlook show Yes / Maybe / No buttons whose reply goes by email to the
/// organizer's address, a mailbox nobody reads: the guest would believe they had answered while the hosts never
/// heard of it. The answer has more to it than yes or no (who of the household is coming, plus-ones, dietary
/// needs), so it is given on the guest's page, through the link in the message; the calendar entry only remembers
/// the date.
/// </remarks>
public static class CalendarFile
{
    public const string Method = "PUBLISH";

    public static string Uid(Guid eventId, Guid guestId) => $"{eventId:N}-{guestId:N}@eventengine";

    /// <summary>The event as it travels with an invitation email, from the hosts (the sender's name and address).</summary>
    public static string Invitation(Event e, Guid guestId, string organizerEmail, string organizerName, DateTime now) =>
        Build(e, Uid(e.Id, guestId), now, new Organizer($"mailto:{organizerEmail}") { CommonName = organizerName }, e.Venue, null);

    /// <summary>The event to add to a calendar from the guest's page.</summary>
    public static string Download(Event e, Guid guestId, DateTime now) => Build(e, Uid(e.Id, guestId), now, null, e.Venue, null);

    /// <summary>
    /// A public event for anyone's calendar: one UID per event, its page's address, and CANCELLED once it is. For one
    /// occurrence of a series, the UID is the occurrence's and SEQUENCE counts its moves, so a calendar that has the
    /// entry replaces it with the new time.
    /// </summary>
    public static string Public(Event e, string pageUrl, DateTime now, Occurrence? occurrence = null) => Feed(null, [(e, occurrence, pageUrl)], now);

    private static string Place(Event e) => string.Join(", ", new[] { e.Venue, e.Address }.Where(p => !string.IsNullOrWhiteSpace(p)));

    /// <summary>
    /// Many public events in one calendar, to subscribe to (a city's, an organisation's, a category's): each keeps the
    /// UID of its own file, so an entry added from the event's page and then from a feed is one entry, and a cancelled
    /// one turns CANCELLED in subscribers' calendars.
    /// </summary>
    public static string Feed(string? name, IReadOnlyList<(Event Event, Occurrence? Date, string PageUrl)> events, DateTime now)
    {
        var calendar = new Calendar { Method = Method, ProductId = "-//EventEngine//Invitations//EN" };
        if (name is not null)
        {
            calendar.AddProperty("X-WR-CALNAME", name);
            // How often subscribers should fetch it again (RFC 7986, and the older name Outlook reads).
            var refresh = new CalendarProperty("REFRESH-INTERVAL", "PT6H");
            refresh.Parameters.Add("VALUE", "DURATION");
            calendar.AddProperty(refresh);
            calendar.AddProperty("X-PUBLISHED-TTL", "PT6H");
        }
        foreach (var zone in events.GroupBy(x => x.Event.TimeZoneId))
        {
            var earliest = Local(zone.Min(x => x.Date?.StartsAt ?? x.Event.StartsAt), zone.Key);
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(zone.Key, earliest.Value.AddYears(-1), includeHistoricalData: false));
        }
        foreach (var (e, date, pageUrl) in events)
        {
            if (date is null)
            {
                calendar.Events.Add(Entry(e, $"{e.Id:N}@eventengine", now, null, Place(e), pageUrl));
                continue;
            }
            // A date of a series: its own UID, and SEQUENCE counting its moves, so a calendar replaces the entry.
            var entry = Entry(e.At(date), $"{date.Id:N}@eventengine", now, null, Place(e), pageUrl);
            entry.Sequence = date.Sequence;
            if (date.Status == OccurrenceStatus.Cancelled) entry.Status = "CANCELLED";
            calendar.Events.Add(entry);
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static string Build(Event e, string uid, DateTime now, Organizer? organizer, string? location, string? url)
    {
        var start = Local(e.StartsAt, e.TimeZoneId);
        var calendar = new Calendar { Method = Method, ProductId = "-//EventEngine//Invitations//EN" };
        // The zone's rules from a year before the event, so calendars place it right whatever their own zone.
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(e.TimeZoneId, start.Value.AddYears(-1), includeHistoricalData: false));
        calendar.Events.Add(Entry(e, uid, now, organizer, location, url));
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static CalendarEvent Entry(Event e, string uid, DateTime now, Organizer? organizer, string? location, string? url) => new()
    {
        Uid = uid,
        Sequence = 0,
        DtStamp = new CalDateTime(DateTime.SpecifyKind(now, DateTimeKind.Utc), hasTime: true),
        DtStart = Local(e.StartsAt, e.TimeZoneId),
        DtEnd = e.EndsAt is { } end ? Local(end, e.TimeZoneId) : null,
        Summary = e.Name,
        Location = string.IsNullOrWhiteSpace(location) ? null : location,
        Url = url is null ? null : new Uri(url),
        Description = string.IsNullOrWhiteSpace(e.Description) ? null : e.Description,
        Organizer = organizer,
        Status = e.Visibility == EventVisibility.Public && e.Status == Domain.EventStatus.Cancelled ? "CANCELLED" : "CONFIRMED",
    };

    /// <summary>A stored UTC instant as the wall-clock time in the event's zone, labelled with that zone.</summary>
    private static CalDateTime Local(DateTime utc, string zoneId)
    {
        var local = EventTime.InZone(utc, zoneId).LocalDateTime;
        return new CalDateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, zoneId);
    }
}
