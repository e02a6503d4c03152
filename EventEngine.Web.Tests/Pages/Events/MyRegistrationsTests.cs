using EventEngine.Web.Domain;
using EventEngine.Web.Registrations;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Pages.Events;

/// <summary>"My events" lists the public events a person registered for, upcoming first and then the past, each opening its registration.</summary>
public class MyRegistrationsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_person_sees_their_upcoming_and_past_registrations_and_not_anyone_elses_or_cancelled_ones()
    {
        var (client, user) = await app.LoggedInAsync("Regular");
        var capacity = app.Services.GetRequiredService<Capacity>();
        var org = await app.OrganisationAsync();
        var later = await EventAsync(org, "Later Class", new DateTime(2027, 6, 1, 19, 0, 0));
        var sooner = await EventAsync(org, "Sooner Class", new DateTime(2027, 5, 1, 19, 0, 0));
        var past = await EventAsync(org, "Past Class", new DateTime(2027, 4, 1, 19, 0, 0));
        var dropped = await EventAsync(org, "Dropped Class", new DateTime(2027, 4, 15, 19, 0, 0));
        foreach (var e in new[] { later, sooner, past, dropped })
            await capacity.RegisterAsync(new(e.Id, user.Id, user.DisplayName, user.Email!, 1, Confirmed: true));
        await capacity.RegisterAsync(new(sooner.Id, null, "Someone Else", "else@example.com", 1, Confirmed: true));
        await capacity.CancelAsync(await app.QueryAsync(db => db.Registrations.Where(r => r.EventId == dropped.Id).Select(r => r.Id).SingleAsync()));
        // The past one took place already (registration closes when an event has ended, so it is moved afterwards).
        await app.QueryAsync(db => db.Events.Where(e => e.Id == past.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.StartsAt, DateTime.UtcNow.AddDays(-7))));

        var rows = (await client.GetPageAsync("/events")).QuerySelectorAll("[data-testid=registration-row]");

        Assert.Equal(["Sooner Class", "Later Class", "Past Class"], rows.Select(r => r.QuerySelector("a")!.TextContent.Trim()));
        Assert.Equal(["false", "false", "true"], rows.Select(r => r.GetAttribute("data-past")));
        var opened = await client.GetPageAsync(rows[0].QuerySelector("a")!.GetAttribute("href")!);
        Assert.Contains("Sooner Class", opened.QuerySelector("h1")!.TextContent);
    }

    private Task<Event> EventAsync(Guid org, string name, DateTime local) =>
        app.PublicEventAsync(org, name, "london", local, more: e => e.Capacity = 10);
}
