using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Publishing;
using EventEngine.Web.Registrations;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Pages.Events.Manage;

/// <summary>The organiser's list of a series' dates: how full each is, and moving, re-sizing or cancelling one.</summary>
public class DatesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(AppClient Client, Event Event, List<Occurrence> Dates)> ClassAsync()
    {
        var (client, user) = await app.LoggedInAsync("Organiser");
        var e = await app.PublicEventAsync(await app.OrganisationAsync(), "Tuesday Class", "london", new DateTime(2027, 3, 2, 19, 0, 0), admin: user,
            more: x => (x.Capacity, x.RepeatRule, x.EndsAt) = (1, "FREQ=WEEKLY;COUNT=3", x.StartsAt.AddHours(1)));
        await app.Services.GetRequiredService<Series>().PlanAsync(e.Id);
        return (client, e, await app.QueryAsync(db => db.Occurrences.AsNoTracking().Where(o => o.EventId == e.Id).OrderBy(o => o.Day).ToListAsync()));
    }

    [Fact]
    public async Task The_organiser_sees_how_full_each_date_is_and_moves_one_with_the_time_in_the_events_zone()
    {
        var (client, e, dates) = await ClassAsync();
        var capacity = app.Services.GetRequiredService<Capacity>();
        await capacity.RegisterAsync(new(e.Id, null, "Ann", "ann@example.com", 1, true, dates[0].Id));
        await capacity.RegisterAsync(new(e.Id, null, "Ben", "ben@example.com", 1, true, dates[0].Id));
        var url = $"/events/{e.Id}/dates";

        var page = await client.GetPageAsync(url);
        Assert.Equal("1 of 1 places taken · 1 waiting", string.Join(" ", page.QuerySelector("[data-testid=date] .small")!.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)));

        var moved = await client.PostFormAsync($"{url}?handler=move&occurrenceId={dates[1].Id}", [new("startsAt", "2027-03-10T18:30")], tokenFrom: url);

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var after = await app.QueryAsync(db => db.Occurrences.SingleAsync(o => o.Id == dates[1].Id));
        Assert.Equal((new DateTime(2027, 3, 10, 18, 30, 0, DateTimeKind.Utc), 1), (after.StartsAt, after.Sequence));
        Assert.Contains("Moved the date Tue 9 Mar 2027, 19:00 GMT to Wed 10 Mar 2027, 18:30 GMT",
            await app.QueryAsync(db => db.EventActivities.Where(a => a.EventId == e.Id).Select(a => a.Summary).ToListAsync()));
    }

    [Fact]
    public async Task Places_below_those_taken_are_refused_and_a_cancelled_date_shows_as_cancelled()
    {
        var (client, e, dates) = await ClassAsync();
        await app.Services.GetRequiredService<Capacity>().RegisterAsync(new(e.Id, null, "Ann", "ann@example.com", 1, true, dates[0].Id));
        var url = $"/events/{e.Id}/dates";

        await client.PostFormAsync($"{url}?handler=places&occurrenceId={dates[0].Id}", [new("places", "0")], tokenFrom: url);
        Assert.Contains("1 place is already taken on that date", (await client.GetPageAsync(url)).QuerySelector(".app-toast")!.TextContent);
        Assert.Null(await app.QueryAsync(db => db.Occurrences.Where(o => o.Id == dates[0].Id).Select(o => o.Capacity).SingleAsync()));

        await client.PostFormAsync($"{url}?handler=cancel&occurrenceId={dates[0].Id}", [], tokenFrom: url);
        var page = await client.GetPageAsync(url);
        Assert.Contains("Cancelled", page.QuerySelector("[data-testid=date]")!.TextContent);
        Assert.Equal(RegistrationStatus.Cancelled, await app.QueryAsync(db => db.Registrations.Where(r => r.OccurrenceId == dates[0].Id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_viewer_sees_the_dates_but_cannot_change_them()
    {
        var (_, e, dates) = await ClassAsync();
        var (viewer, viewerUser) = await app.LoggedInAsync("Viewer");
        await app.QueryAsync(db =>
        {
            db.EventMembers.Add(new EventMember { EventId = e.Id, UserId = viewerUser.Id, Role = EventRole.Viewer, JoinedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        var url = $"/events/{e.Id}/dates";

        var page = await viewer.GetPageAsync(url);
        Assert.Equal(3, page.QuerySelectorAll("[data-testid=date]").Length);
        Assert.Empty(page.QuerySelectorAll("form[action*=cancel]"));
        var refused = await viewer.PostFormAsync($"{url}?handler=cancel&occurrenceId={dates[0].Id}", [], tokenFrom: url);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(OccurrenceStatus.Scheduled, await app.QueryAsync(db => db.Occurrences.Where(o => o.Id == dates[0].Id).Select(o => o.Status).SingleAsync()));
    }
}
