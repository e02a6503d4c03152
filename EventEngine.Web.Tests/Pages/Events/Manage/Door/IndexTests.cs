using System.Net;
using System.Text;
using EventEngine.Web.Domain;
using EventEngine.Web.Publishing;
using EventEngine.Web.Registrations;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Door;

/// <summary>The door list: who is expected, found by name, marked as arrived with one tap, and the attendance exported.</summary>
public class IndexTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task At_the_door_a_host_finds_a_confirmed_guest_by_name_marks_them_arrived_with_one_tap_and_exports_who_came()
    {
        var (client, owner) = await app.LoggedInAsync("Host");
        var e = await app.CreateEventAsync(owner, "Dinner", "Europe/London");
        var zoe = await app.AddGuestAsync(e.Id, "Zoë", g => (g.LastName, g.Status, g.PlusOnesAllowed, g.PlusOnesComing) = ("Adams", GuestStatus.Confirmed, 1, 1));
        await app.AddGuestAsync(e.Id, "Yann", g => g.Status = GuestStatus.Confirmed);
        await app.AddGuestAsync(e.Id, "Xavi", g => g.Status = GuestStatus.Declined);
        var url = $"/events/{e.Id}/door";

        var page = await client.GetPageAsync(url);
        Assert.Equal(["Yann", "Zoë Adams"], page.QuerySelectorAll("[data-testid=door-person] .fw-semibold").Select(n => n.TextContent.Trim()));
        Assert.Equal("0 of 3 people arrived", page.QuerySelector("[data-testid=door-count]")!.TextContent.Trim());
        var found = await AppClient.ParseAsync(await client.GetHtmxAsync(url + "?q=zoe"));
        Assert.Equal("Zoë Adams", Assert.Single(found.QuerySelectorAll("[data-testid=door-person] .fw-semibold")).TextContent.Trim());

        var tapped = await client.PostHtmxAsync($"{url}?handler=mark&guestId={zoe.Id}&arrived=true", []);

        Assert.Equal(HttpStatusCode.OK, tapped.StatusCode);
        var row = await AppClient.ParseAsync(tapped);
        Assert.Equal("true", row.QuerySelector("[data-testid=door-person]")!.GetAttribute("data-arrived"));
        Assert.Equal("2 of 3 people arrived", (await client.GetPageAsync(url)).QuerySelector("[data-testid=door-count]")!.TextContent.Trim());
        var arrived = await client.GetPageAsync($"/events/{e.Id}/guests?arrived=true");
        Assert.Equal("Zoë Adams", Assert.Single(arrived.QuerySelectorAll("[data-guest-row]")).QuerySelector("[data-field=name]")!.TextContent.Trim());
        Assert.Equal("Arrived", arrived.QuerySelector("[data-guest-row] [data-field=arrived]")!.TextContent.Trim());
        Assert.Equal(2, (await client.GetPageAsync($"/events/{e.Id}/guests?arrived=false")).QuerySelectorAll("[data-guest-row]").Length);
        // A second tap at once (another phone) changes nothing; undo takes it back.
        await client.PostHtmxAsync($"{url}?handler=mark&guestId={zoe.Id}&arrived=true", []);
        Assert.Equal(1, await app.QueryAsync(db => db.Attendances.CountAsync(a => a.GuestId == zoe.Id)));

        var csv = CsvRecords.Read(Encoding.UTF8.GetString((await client.Http.GetByteArrayAsync(url + "?handler=export"))[3..]));
        Assert.Equal(["First name", "Last name", "Email", "People", "Arrived", "Arrived at (Europe/London)", "Marked by"], csv[0]);
        Assert.Equal([("Zoë", "Yes", "Host"), ("Yann", "No", "")], csv.Skip(1).Select(r => (r[0], r[4], r[6])));

        await client.PostHtmxAsync($"{url}?handler=mark&guestId={zoe.Id}&arrived=false", []);
        Assert.False(await app.QueryAsync(db => db.Attendances.AnyAsync(a => a.GuestId == zoe.Id)));
    }

    [Fact]
    public async Task A_viewer_sees_the_door_list_but_cannot_mark_anyone_and_a_guest_not_expected_cannot_be_marked()
    {
        var (client, owner) = await app.LoggedInAsync("Host");
        var e = await app.CreateEventAsync(owner, "Dinner", "Europe/London");
        var guest = await app.AddGuestAsync(e.Id, "Yann", g => g.Status = GuestStatus.Confirmed);
        var declined = await app.AddGuestAsync(e.Id, "Xavi", g => g.Status = GuestStatus.Declined);
        var (viewer, viewerUser) = await app.LoggedInAsync("Viewer");
        await app.AddMemberAsync(e.Id, viewerUser, EventRole.Viewer);
        var url = $"/events/{e.Id}/door";

        Assert.Empty((await viewer.GetPageAsync(url)).QuerySelectorAll("[data-testid=door-person] form"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostHtmxAsync($"{url}?handler=mark&guestId={guest.Id}", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostHtmxAsync($"{url}?handler=mark&guestId={declined.Id}", [])).StatusCode);
        Assert.False(await app.QueryAsync(db => db.Attendances.AnyAsync(a => a.EventId == e.Id)));
    }

    [Fact]
    public async Task For_a_series_the_door_lists_the_people_registered_for_the_chosen_date_and_marks_them_for_that_date()
    {
        var (client, owner) = await app.LoggedInAsync("Teacher");
        var e = await app.PublicEventAsync(await app.OrganisationAsync(), "Tuesday Class", "london", new DateTime(2027, 3, 2, 19, 0, 0), admin: owner,
            more: x => (x.Capacity, x.PlacesPerPerson, x.RepeatRule, x.EndsAt) = (5, 2, "FREQ=WEEKLY;COUNT=3", x.StartsAt.AddHours(1)));
        await app.Services.GetRequiredService<Series>().PlanAsync(e.Id);
        var dates = await app.QueryAsync(db => db.Occurrences.Where(o => o.EventId == e.Id).OrderBy(o => o.Day).ToListAsync());
        var capacity = app.Services.GetRequiredService<Capacity>();
        await capacity.RegisterAsync(new(e.Id, null, "Ann", "ann@example.com", 1, true, dates[0].Id));
        await capacity.RegisterAsync(new(e.Id, null, "Kim", "kim@example.com", 2, true, dates[1].Id));
        var url = $"/events/{e.Id}/door?date=2027-03-09";

        var page = await client.GetPageAsync(url);
        Assert.Equal("Kim", Assert.Single(page.QuerySelectorAll("[data-testid=door-person] .fw-semibold")).TextContent.Trim());
        Assert.Equal("0 of 2 people arrived", page.QuerySelector("[data-testid=door-count]")!.TextContent.Trim());
        var kim = await app.QueryAsync(db => db.Guests.SingleAsync(g => g.EventId == e.Id && g.Email == "kim@example.com"));
        await client.PostHtmxAsync($"/events/{e.Id}/door?handler=mark&guestId={kim.Id}&date=2027-03-09", []);

        Assert.Equal(dates[1].Id, await app.QueryAsync(db => db.Attendances.Where(a => a.GuestId == kim.Id).Select(a => a.OccurrenceId).SingleAsync()));
        Assert.Equal("Ann", Assert.Single((await client.GetPageAsync($"/events/{e.Id}/door?date=2027-03-02")).QuerySelectorAll("[data-testid=door-person] .fw-semibold")).TextContent.Trim());
    }
}
