using EventEngine.Web.Domain;
using EventEngine.Web.Publishing;
using EventEngine.Web.Registrations;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Publishing;

/// <summary>A series' stored occurrences: made from its rule, each a pool of its own, kept when booked, extended as time passes.</summary>
public class SeriesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly TestClock clock = Now(new DateTime(2027, 1, 10, 12, 0, 0, DateTimeKind.Utc));

    private static TestClock Now(DateTime utc)
    {
        var clock = new TestClock();
        clock.Set(utc);
        return clock;
    }

    private Series Planner() => ActivatorUtilities.CreateInstance<Series>(app.Services, (TimeProvider)clock);
    private Capacity Desk() => ActivatorUtilities.CreateInstance<Capacity>(app.Services, (TimeProvider)clock);

    private Task<List<Occurrence>> OccurrencesAsync(Guid eventId) =>
        app.QueryAsync(db => db.Occurrences.AsNoTracking().Where(o => o.EventId == eventId).OrderBy(o => o.Day).ToListAsync());

    private static List<string> Local(IEnumerable<Occurrence> occurrences) =>
        occurrences.Select(o => EventTime.ToLocal(o.StartsAt, "Europe/London").ToString("yyyy-MM-dd HH:mm")).ToList();

    private Task<Registration?> RegisterAsync(Event e, Occurrence? o, string name) =>
        Desk().RegisterAsync(new(e.Id, null, name, $"{name.ToLowerInvariant()}@example.com", 1, Confirmed: true, o?.Id));

    [Fact]
    public async Task Planning_stores_each_date_of_the_rule_at_its_local_time_with_the_series_places()
    {
        var e = await app.WeeklyClassAsync(capacity: 2, rule: "FREQ=WEEKLY;COUNT=6");

        Assert.Empty(await Planner().PlanAsync(e.Id));

        var occurrences = await OccurrencesAsync(e.Id);
        // London changes to BST on 28 March: the class stays at 19:00.
        Assert.Equal(["2027-03-02 19:00", "2027-03-09 19:00", "2027-03-16 19:00", "2027-03-23 19:00", "2027-03-30 19:00", "2027-04-06 19:00"], Local(occurrences));
        Assert.All(occurrences, o => Assert.Equal((OccurrenceStatus.Scheduled, (int?)null, TimeSpan.FromHours(1)), (o.Status, o.Capacity, o.EndsAt - o.StartsAt)));
        Assert.NotNull((await app.QueryAsync(db => db.Events.SingleAsync(x => x.Id == e.Id))).OccurrencesUntil);
    }

    [Fact]
    public async Task Each_occurrence_is_a_pool_of_its_own_with_its_own_places()
    {
        var e = await app.WeeklyClassAsync(capacity: 1);
        await Planner().PlanAsync(e.Id);
        var occurrences = await OccurrencesAsync(e.Id);
        await app.QueryAsync(db => db.Occurrences.Where(o => o.Id == occurrences[2].Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Capacity, 2)));

        var first = await RegisterAsync(e, occurrences[0], "Ann");
        var second = await RegisterAsync(e, occurrences[0], "Ben");
        var nextWeek = await RegisterAsync(e, occurrences[1], "Cat");
        var third = new[] { await RegisterAsync(e, occurrences[2], "Dan"), await RegisterAsync(e, occurrences[2], "Eve") };

        Assert.Equal(RegistrationStatus.Confirmed, first!.Status);
        Assert.Equal(RegistrationStatus.Waitlisted, second!.Status);
        Assert.Equal(RegistrationStatus.Confirmed, nextWeek!.Status);
        Assert.All(third, r => Assert.Equal(RegistrationStatus.Confirmed, r!.Status));
        // The series itself takes none: a registration names its date.
        Assert.Null(await RegisterAsync(e, null, "Fay"));
    }

    [Fact]
    public async Task The_database_refuses_a_second_place_in_a_full_occurrence_whatever_path_writes_it()
    {
        var e = await app.WeeklyClassAsync(capacity: 1);
        await Planner().PlanAsync(e.Id);
        var o = (await OccurrencesAsync(e.Id))[0];
        var taken = await RegisterAsync(e, o, "Ann");
        var waiting = await RegisterAsync(e, o, "Ben");

        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.QueryAsync(db =>
            db.Registrations.Where(r => r.Id == waiting!.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Confirmed))));
        Assert.Equal("ck_registrations_capacity", refused.ConstraintName);
        Assert.Equal(RegistrationStatus.Confirmed, taken!.Status);
    }

    [Fact]
    public async Task Changing_the_rule_moves_unbooked_dates_and_keeps_booked_ones_where_they_were_and_says_which()
    {
        var e = await app.WeeklyClassAsync(capacity: 5, rule: "FREQ=WEEKLY;COUNT=4");
        await Planner().PlanAsync(e.Id);
        var before = await OccurrencesAsync(e.Id);
        await RegisterAsync(e, before[1], "Ann");

        // An hour earlier, on Wednesdays too, but not Wednesday the 10th.
        await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.StartsAt, x => x.StartsAt.AddHours(-1)).SetProperty(x => x.EndsAt, x => x.EndsAt!.Value.AddHours(-1))
            .SetProperty(x => x.RepeatRule, "FREQ=WEEKLY;COUNT=6;BYDAY=TU,WE").SetProperty(x => x.RepeatSkipped, [new DateOnly(2027, 3, 10)])));
        var kept = await Planner().PlanAsync(e.Id);

        var booked = Assert.Single(kept);
        Assert.Equal((new DateOnly(2027, 3, 9), 1, false), (booked.Day, booked.Registrations, booked.RuleDropsIt));
        Assert.Contains("Tue 9 Mar 2027, 19:00 GMT (1 registration)", Series.Explain(kept, "Europe/London"));
        var after = await OccurrencesAsync(e.Id);
        Assert.Equal(["2027-03-02 18:00", "2027-03-03 18:00", "2027-03-09 19:00", "2027-03-16 18:00", "2027-03-17 18:00"], Local(after));
        // The booked date is the same row, so its registration still points at it.
        Assert.Equal(before[1].Id, after.Single(o => o.Day == new DateOnly(2027, 3, 9)).Id);
    }

    [Fact]
    public async Task A_booked_date_the_new_rule_drops_is_kept_and_reported_and_an_unbooked_one_goes()
    {
        var e = await app.WeeklyClassAsync(capacity: 5, rule: "FREQ=WEEKLY;COUNT=4");
        await Planner().PlanAsync(e.Id);
        var before = await OccurrencesAsync(e.Id);
        await RegisterAsync(e, before[3], "Ann");

        await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.RepeatRule, "FREQ=WEEKLY;COUNT=2")));
        var kept = await Planner().PlanAsync(e.Id);

        Assert.Equal((new DateOnly(2027, 3, 23), true), (Assert.Single(kept).Day, kept[0].RuleDropsIt));
        Assert.Equal([new DateOnly(2027, 3, 2), new DateOnly(2027, 3, 9), new DateOnly(2027, 3, 23)], (await OccurrencesAsync(e.Id)).Select(o => o.Day));
    }

    [Fact]
    public async Task A_rule_without_end_is_made_two_years_ahead_at_most_500_and_extended_as_time_passes()
    {
        var daily = await app.WeeklyClassAsync(capacity: 5, rule: "FREQ=DAILY");
        var weekly = await app.WeeklyClassAsync(capacity: 5, rule: "FREQ=WEEKLY");
        await Planner().PlanAsync(daily.Id);
        await Planner().PlanAsync(weekly.Id);

        Assert.Equal(Recurrence.MaxOccurrences, (await OccurrencesAsync(daily.Id)).Count);
        var weeks = await OccurrencesAsync(weekly.Id);
        Assert.InRange(weeks[^1].StartsAt, clock.UtcNow + Recurrence.Horizon - TimeSpan.FromDays(7), clock.UtcNow + Recurrence.Horizon);

        clock.Advance(TimeSpan.FromDays(200));
        Assert.True(await Planner().ExtendDueAsync() >= 2);

        var extended = await OccurrencesAsync(weekly.Id);
        Assert.InRange(extended[^1].StartsAt, clock.UtcNow + Recurrence.Horizon - TimeSpan.FromDays(7), clock.UtcNow + Recurrence.Horizon);
        // The past is left as it was; nothing was made twice.
        Assert.Equal(weeks.Select(o => o.Id), extended.Take(weeks.Count).Select(o => o.Id));
        Assert.Equal(extended.Count, extended.Select(o => o.Day).Distinct().Count());
    }
}
