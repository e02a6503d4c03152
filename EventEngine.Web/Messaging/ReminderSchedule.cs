using EventEngine.Web.Domain;
using NodaTime;

namespace EventEngine.Web.Messaging;

/// <summary>
/// When a reminder goes out: on the day that is DaysBefore days before its anchor (the RSVP deadline or the
/// event), at 10:00 in the event's time zone. A reminder that is late (the app was down, or it was added after
/// that moment) still goes, but only between 09:00 and 20:00 local time and only while the anchor is ahead.
/// </summary>
public static class ReminderSchedule
{
    public const int SendHour = 10;
    public const int WindowStartHour = 9;
    public const int WindowEndHour = 20;

    public static DateTime? Anchor(Reminder reminder, Event e) => reminder.Anchor == ReminderAnchor.RsvpDeadline ? e.RsvpDeadline : e.StartsAt;

    public static DateTime? DueAt(Reminder reminder, Event e)
    {
        if (Anchor(reminder, e) is not { } anchor) return null;
        var day = EventTime.InZone(anchor, e.TimeZoneId).Date.PlusDays(-reminder.DaysBefore);
        return EventTime.ToUtc(day.At(new LocalTime(SendHour, 0)).ToDateTimeUnspecified(), e.TimeZoneId);
    }

    public enum Decision
    {
        Wait,
        Send,
        /// <summary>The anchor has passed: a reminder would be pointless now.</summary>
        Skip,
    }

    public static Decision Decide(Reminder reminder, Event e, DateTime now)
    {
        if (Anchor(reminder, e) is not { } anchor) return Decision.Wait;
        if (now >= anchor) return Decision.Skip;
        if (DueAt(reminder, e) is not { } due || now < due) return Decision.Wait;
        var hour = EventTime.InZone(now, e.TimeZoneId).Hour;
        return hour is >= WindowStartHour and < WindowEndHour ? Decision.Send : Decision.Wait;
    }
}
