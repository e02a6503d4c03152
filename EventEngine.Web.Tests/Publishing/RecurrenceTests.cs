using EventEngine.Web.Domain;
using EventEngine.Web.Publishing;

namespace EventEngine.Web.Tests.Publishing;

public class RecurrenceTests
{
    private static Event Series(string zone, DateTime localStart, string rule, TimeSpan? length = null)
    {
        var start = EventTime.ToUtc(localStart, zone);
        return new Event { TimeZoneId = zone, StartsAt = start, EndsAt = start + (length ?? TimeSpan.FromHours(1)), RepeatRule = rule };
    }

    private static List<string> LocalStarts(Event e, int count = 10) =>
        Recurrence.Expand(e, e.StartsAt, e.StartsAt.AddYears(1), count).Select(o => EventTime.ToLocal(o.StartsAt, e.TimeZoneId).ToString("yyyy-MM-dd HH:mm")).ToList();

    // Each zone's weekly class starts two weeks before its change and runs four weeks: two before, two after.
    [Theory]
    [InlineData("Europe/London", "2027-03-14")]     // BST starts 28 March 2027
    [InlineData("Europe/London", "2027-10-17")]     // and ends 31 October
    [InlineData("America/New_York", "2027-03-01")]  // EDT starts 14 March 2027
    [InlineData("America/New_York", "2027-10-25")]  // and ends 7 November
    [InlineData("Australia/Sydney", "2027-03-22")]  // AEDT ends 4 April 2027
    [InlineData("Australia/Sydney", "2027-09-22")]  // and starts 3 October
    public void A_weekly_class_stays_at_19_00_local_across_a_daylight_saving_change(string zone, string firstDay)
    {
        var e = Series(zone, DateTime.Parse(firstDay).AddHours(19), "FREQ=WEEKLY;COUNT=4");

        var planned = Recurrence.Expand(e, e.StartsAt, e.StartsAt.AddYears(1));

        Assert.Equal(4, planned.Count);
        Assert.All(planned, o => Assert.Equal(new TimeOnly(19, 0), TimeOnly.FromDateTime(EventTime.ToLocal(o.StartsAt, zone))));
        // The UTC time is not the same before and after: the offset changed, the wall clock did not.
        var offsets = planned.Select(o => EventTime.InZone(o.StartsAt, zone).Offset).Distinct().ToList();
        Assert.Equal(2, offsets.Count);
        Assert.All(planned, o => Assert.Equal(TimeSpan.FromHours(1), o.EndsAt - o.StartsAt));
        Assert.Equal(Enumerable.Range(0, 4).Select(w => DateOnly.Parse(firstDay).AddDays(7 * w)), planned.Select(o => o.Day));
    }

    [Fact]
    public void An_occurrence_in_a_spring_forward_gap_moves_forward_by_the_gap()
    {
        // London skips 01:00-02:00 on 28 March 2027: a 01:30 daily start is 02:30 BST that day, as RFC 5545 says.
        var e = Series("Europe/London", new DateTime(2027, 3, 27, 1, 30, 0), "FREQ=DAILY;COUNT=3");

        Assert.Equal(["2027-03-27 01:30", "2027-03-28 02:30", "2027-03-29 01:30"], LocalStarts(e));
        var gap = Recurrence.Expand(e, e.StartsAt, e.StartsAt.AddDays(5))[1];
        Assert.Equal(new DateTime(2027, 3, 28, 1, 30, 0, DateTimeKind.Utc), gap.StartsAt);
        Assert.Equal(new DateOnly(2027, 3, 28), gap.Day);
    }

    [Fact]
    public void Skipped_days_are_left_out_and_added_days_come_in_at_the_series_time()
    {
        var e = Series("America/New_York", new DateTime(2027, 3, 2, 19, 0, 0), "FREQ=WEEKLY;BYDAY=TU;COUNT=4");
        e.RepeatSkipped = [new DateOnly(2027, 3, 16)];
        e.RepeatAdded = [new DateOnly(2027, 3, 18)];

        Assert.Equal(["2027-03-02 19:00", "2027-03-09 19:00", "2027-03-18 19:00", "2027-03-23 19:00"], LocalStarts(e));
    }

    [Fact]
    public void Expansion_stops_at_the_limit_and_at_the_end_of_the_window()
    {
        var e = Series("Europe/London", new DateTime(2027, 1, 1, 9, 0, 0), "FREQ=DAILY");

        Assert.Equal(Recurrence.MaxOccurrences, Recurrence.Expand(e, e.StartsAt, e.StartsAt + Recurrence.Horizon).Count);
        var week = Recurrence.Expand(e, e.StartsAt.AddDays(10), e.StartsAt.AddDays(17));
        Assert.Equal(7, week.Count);
        Assert.Equal(new DateOnly(2027, 1, 11), week[0].Day);
    }

    [Theory]
    [InlineData(RepeatFrequency.Weekly, 2, "2027-01-05", null, 6, "FREQ=WEEKLY;INTERVAL=2;COUNT=6;BYDAY=TU,TH")]
    [InlineData(RepeatFrequency.MonthlyByDate, 1, "2027-01-14", null, 3, "FREQ=MONTHLY;COUNT=3;BYMONTHDAY=14")]
    [InlineData(RepeatFrequency.MonthlyByWeekday, 1, "2027-01-12", null, 3, "FREQ=MONTHLY;COUNT=3;BYDAY=2TU")]
    [InlineData(RepeatFrequency.MonthlyByWeekday, 1, "2027-01-29", null, 3, "FREQ=MONTHLY;COUNT=3;BYDAY=-1FR")]
    [InlineData(RepeatFrequency.Daily, 1, "2027-07-01", "2027-07-31", null, "FREQ=DAILY;UNTIL=20270731T225959Z")]
    public void The_organisers_choice_becomes_a_rule_and_reads_back(RepeatFrequency frequency, int every, string firstDay, string? until, int? count, string rule)
    {
        var days = frequency == RepeatFrequency.Weekly ? new[] { DayOfWeek.Thursday, DayOfWeek.Tuesday } : [];
        var choice = new RepeatChoice(frequency, every, days, until is null ? null : DateOnly.Parse(until), count);

        var written = Recurrence.Rule(choice, DateTime.Parse(firstDay).AddHours(19), "Europe/London");

        Assert.Equal(rule, written);
        var read = Recurrence.Read(written, "Europe/London");
        Assert.Equal((frequency, every, until, count), (read.Frequency, read.Every, read.Until?.ToString("yyyy-MM-dd"), read.Count));
        Assert.Equal(days.Order(), read.Days.Order());
    }

    [Fact]
    public void A_monthly_rule_on_the_last_friday_lands_on_the_last_friday_of_each_month()
    {
        var e = Series("Australia/Sydney", new DateTime(2027, 1, 29, 18, 0, 0),
            Recurrence.Rule(new(RepeatFrequency.MonthlyByWeekday, 1, [], null, 4), new DateTime(2027, 1, 29, 18, 0, 0), "Australia/Sydney")!);

        Assert.Equal(["2027-01-29 18:00", "2027-02-26 18:00", "2027-03-26 18:00", "2027-04-30 18:00"], LocalStarts(e));
    }

    [Theory]
    [InlineData("FREQ=HOURLY", "Repeat daily, weekly or monthly.")]
    [InlineData("FREQ=SOMETIMES", "That repeat rule can't be read.")]
    [InlineData("FREQ=WEEKLY;BYDAY=TU", null)]
    public void Rules_the_form_does_not_offer_are_refused(string rule, string? problem) => Assert.Equal(problem, Recurrence.Problem(rule));
}
