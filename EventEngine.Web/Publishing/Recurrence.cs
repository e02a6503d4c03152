using EventEngine.Web.Domain;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace EventEngine.Web.Publishing;

/// <summary>How a series repeats, as the organiser's form offers it.</summary>
public enum RepeatFrequency
{
    Never,
    Daily,
    Weekly,
    /// <summary>On the same date each month (the 14th).</summary>
    MonthlyByDate,
    /// <summary>On the same weekday of the month (the second Tuesday, or the last Friday).</summary>
    MonthlyByWeekday,
}

/// <summary>The organiser's choice, read from and written to an RRULE.</summary>
public sealed record RepeatChoice(RepeatFrequency Frequency, int Every, IReadOnlyList<DayOfWeek> Days, DateOnly? Until, int? Count);

/// <summary>One date a series' rule gives: its day in the event's zone, and its start and end in UTC.</summary>
public sealed record PlannedOccurrence(DateOnly Day, DateTime StartsAt, DateTime? EndsAt);

/// <summary>
/// A series' repeat rule (RFC 5545 RRULE, with EXDATE and RDATE), written from the organiser's choice and expanded by
/// Ical.Net in the event's own time zone: a 19:00 class stays at 19:00 local on both sides of a daylight-saving change,
/// and one that falls in a spring-forward gap moves forward by the gap's length, as RFC 5545 (3.3.5) says.
/// </summary>
public static class Recurrence
{
    /// <summary>How far ahead a series' occurrences are made; the background service extends it as time passes.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(731);
    public const int MaxOccurrences = 500;
    public const int MaxEvery = 12;
    public const int MaxCount = 500;

    /// <summary>The RRULE for the choice, from the first occurrence's local start (its weekday and date); null for Never.</summary>
    public static string? Rule(RepeatChoice choice, DateTime localStart, string zoneId)
    {
        if (choice.Frequency == RepeatFrequency.Never) return null;
        var pattern = new RecurrencePattern
        {
            Frequency = choice.Frequency switch
            {
                RepeatFrequency.Daily => FrequencyType.Daily,
                RepeatFrequency.Weekly => FrequencyType.Weekly,
                _ => FrequencyType.Monthly,
            },
            Interval = Math.Clamp(choice.Every, 1, MaxEvery),
        };
        if (choice.Frequency == RepeatFrequency.Weekly)
            pattern.ByDay = (choice.Days.Count > 0 ? choice.Days : [localStart.DayOfWeek]).Distinct().Order().Select(d => new WeekDay(d)).ToList();
        if (choice.Frequency == RepeatFrequency.MonthlyByDate) pattern.ByMonthDay = [localStart.Day];
        if (choice.Frequency == RepeatFrequency.MonthlyByWeekday)
            // The fifth of a weekday is not in every month: say "the last" instead, which is.
            pattern.ByDay = [new WeekDay(localStart.DayOfWeek, (localStart.Day - 1) / 7 + 1 is var nth && nth == 5 ? -1 : nth)];
        if (choice.Count is { } count) pattern.Count = Math.Clamp(count, 1, MaxCount);
        else if (choice.Until is { } until)
            // UNTIL is in UTC when DTSTART has a zone (RFC 5545 3.3.10): the end of that day there.
            pattern.Until = new CalDateTime(EventTime.ToUtc(until.AddDays(1).ToDateTime(TimeOnly.MinValue), zoneId).AddSeconds(-1), "UTC");
        return pattern.ToString();
    }

    /// <summary>The organiser's choice a stored rule came from, to fill the form.</summary>
    public static RepeatChoice Read(string? rule, string zoneId)
    {
        if (rule is null) return new(RepeatFrequency.Never, 1, [], null, null);
        var pattern = new RecurrencePattern(rule);
        var frequency = pattern.Frequency switch
        {
            FrequencyType.Daily => RepeatFrequency.Daily,
            FrequencyType.Weekly => RepeatFrequency.Weekly,
            _ => pattern.ByDay.Count > 0 ? RepeatFrequency.MonthlyByWeekday : RepeatFrequency.MonthlyByDate,
        };
        var until = pattern.Until is { } u ? DateOnly.FromDateTime(EventTime.ToLocal(u.AsUtc, zoneId)) : (DateOnly?)null;
        return new(frequency, pattern.Interval, frequency == RepeatFrequency.Weekly ? pattern.ByDay.Select(d => d.DayOfWeek).ToList() : [],
            until, pattern.Count);
    }

    /// <summary>"Every week on Tuesday and Thursday, 8 times", as the organiser and visitors read the rule.</summary>
    public static string Describe(Event e)
    {
        var choice = Read(e.RepeatRule, e.TimeZoneId);
        if (choice.Frequency == RepeatFrequency.Never) return "Does not repeat";
        var start = EventTime.ToLocal(e.StartsAt, e.TimeZoneId);
        string Every(string unit) => choice.Every == 1 ? $"Every {unit}" : $"Every {choice.Every} {unit}s";
        var days = choice.Days.Count > 0 ? choice.Days : [start.DayOfWeek];
        var text = choice.Frequency switch
        {
            RepeatFrequency.Daily => Every("day"),
            RepeatFrequency.Weekly => $"{Every("week")} on {Join(days.Order().Select(d => d.ToString()).ToList())}",
            RepeatFrequency.MonthlyByDate => $"{Every("month")} on the {Ordinal(start.Day)}",
            _ => $"{Every("month")} on the {((start.Day - 1) / 7 + 1 is var nth && nth == 5 ? "last" : Ordinal(nth))} {start.DayOfWeek}",
        };
        text += $" at {start:HH:mm}";
        if (choice.Count is { } count) text += $", {Plural.Of(count, "time")}";
        else if (choice.Until is { } until) text += $", until {until:d MMM yyyy}";
        return text;
    }

    private static string Join(IReadOnlyList<string> words) => words.Count <= 1 ? string.Concat(words) : string.Join(", ", words.Take(words.Count - 1)) + " and " + words[^1];

    private static string Ordinal(int n) => n + (n % 100 is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });

    /// <summary>Null when Ical.Net reads the rule and it is one the form offers; otherwise why not.</summary>
    public static string? Problem(string rule)
    {
        try
        {
            var pattern = new RecurrencePattern(rule);
            return pattern.Frequency is FrequencyType.Daily or FrequencyType.Weekly or FrequencyType.Monthly ? null : "Repeat daily, weekly or monthly.";
        }
        catch (ArgumentException)
        {
            return "That repeat rule can't be read.";
        }
    }

    /// <summary>
    /// The series' occurrences that start in [from, until), at most <paramref name="max"/>: the rule from the event's
    /// start (DTSTART), less the skipped days (EXDATE), plus the added ones (RDATE), each as long as the first.
    /// </summary>
    public static IReadOnlyList<PlannedOccurrence> Expand(Event e, DateTime from, DateTime until, int max = MaxOccurrences)
    {
        if (e.RepeatRule is null) return [];
        var start = Local(e.StartsAt, e.TimeZoneId);
        var length = e.EndsAt - e.StartsAt;
        var series = new CalendarEvent { DtStart = start, RecurrenceRule = new RecurrencePattern(e.RepeatRule) };
        foreach (var day in e.RepeatSkipped) series.ExceptionDates.Add(At(day, start, e.TimeZoneId));
        foreach (var day in e.RepeatAdded) series.RecurrenceDates.Add(At(day, start, e.TimeZoneId));
        return series.GetOccurrences(Local(from, e.TimeZoneId))
            .Select(o => o.Period.StartTime)
            .TakeWhile(s => s.AsUtc < until)
            .Where(s => s.AsUtc >= from)
            .Take(max)
            .Select(s => new PlannedOccurrence(s.Date, s.AsUtc, s.AsUtc + length))
            .ToList();
    }

    private static CalDateTime At(DateOnly day, CalDateTime start, string zoneId) => new(day, start.Time!.Value, zoneId);

    private static CalDateTime Local(DateTime utc, string zoneId)
    {
        var local = EventTime.InZone(utc, zoneId).LocalDateTime;
        return new CalDateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, zoneId);
    }
}
