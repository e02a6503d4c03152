using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Registrations;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Pages.Events.Manage;

/// <summary>The organiser's waiting list: in order, and a place given by hand only when one is free.</summary>
public class WaitingTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_organiser_sees_who_waits_in_order_and_gives_a_place_by_hand_once_one_is_free()
    {
        var (client, owner) = await app.LoggedInAsync("Organiser");
        var e = await app.PublicEventAsync(await app.OrganisationAsync(), "Talk", "london", new DateTime(2027, 5, 1, 19, 0, 0), admin: owner, more: x => x.Capacity = 1);
        var desk = app.Services.GetRequiredService<Capacity>();
        await desk.RegisterAsync(new(e.Id, null, "Ann", "ann@example.com", 1, true));
        var bob = (await desk.RegisterAsync(new(e.Id, null, "Bob", "bob@example.com", 1, true)))!;
        await desk.RegisterAsync(new(e.Id, null, "Cat", "cat@example.com", 1, true));
        var url = $"/events/{e.Id}/waiting";

        var page = await client.GetPageAsync(url);
        Assert.Equal(["Bob", "Cat"], page.QuerySelectorAll("[data-testid=waiting-row] .fw-semibold").Select(n => n.TextContent.Split('·')[0].Trim()));

        // Full: no place to give.
        await client.PostFormAsync($"{url}?handler=promote&registrationId={bob.Id}", [], tokenFrom: url);
        Assert.Equal(RegistrationStatus.Waitlisted, await app.QueryAsync(db => db.Registrations.Where(r => r.Id == bob.Id).Select(r => r.Status).SingleAsync()));

        // Two more places, set straight in the database so nobody has been offered them yet: the organiser picks Cat.
        await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Capacity, 3)));
        var cat = await app.QueryAsync(db => db.Registrations.SingleAsync(r => r.EventId == e.Id && r.Name == "Cat"));
        var given = await client.PostFormAsync($"{url}?handler=promote&registrationId={cat.Id}", [], tokenFrom: url);

        Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
        Assert.Equal(RegistrationStatus.Confirmed, await app.QueryAsync(db => db.Registrations.Where(r => r.Id == cat.Id).Select(r => r.Status).SingleAsync()));
        Assert.Equal(MessagePurpose.Registration, await app.QueryAsync(db => db.OutboxMessages.Where(m => m.RegistrationId == cat.Id).OrderByDescending(m => m.CreatedAt).Select(m => m.Purpose).FirstAsync()));
        var (viewer, viewerUser) = await app.LoggedInAsync("Viewer");
        await app.AddMemberAsync(e.Id, viewerUser, EventRole.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostFormAsync($"{url}?handler=promote&registrationId={bob.Id}", [], tokenFrom: url)).StatusCode);
    }
}
