using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Events.Manage;

public class DeleteTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_confirmation_names_the_event_and_its_guest_count()
    {
        var (client, admin) = await app.LoggedInAsync("Admin");
        var e = await app.CreateEventAsync(admin, "Named Party");

        var page = await client.GetPageAsync($"/events/{e.Id}/delete");

        Assert.Contains("Delete “Named Party”?", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_name_that_does_not_match_deletes_nothing()
    {
        var (client, admin) = await app.LoggedInAsync("Admin");
        var e = await app.CreateEventAsync(admin, "Keep Me");

        var response = await client.PostFormAsync($"/events/{e.Id}/delete", ("ConfirmName", "keep me"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("doesn't match", (await AppClient.ParseAsync(response)).QuerySelector("[data-valmsg-for=ConfirmName]")!.TextContent);
        Assert.True(await app.QueryAsync(db => db.Events.AnyAsync(x => x.Id == e.Id)));
    }

    [Fact]
    public async Task Deleting_removes_the_event_with_its_guests_households_and_members()
    {
        var (client, admin) = await app.LoggedInAsync("Admin");
        var e = await app.CreateEventAsync(admin, "Doomed");
        await app.QueryAsync(async db =>
        {
            var household = new Household { EventId = e.Id, Name = "The Doomed family" };
            db.Households.Add(household);
            db.Guests.Add(new Guest { EventId = e.Id, Household = household, FirstName = "Gone", Email = "gone@example.test" });
            return await db.SaveChangesAsync();
        });

        var response = await client.PostFormAsync($"/events/{e.Id}/delete", ("ConfirmName", "Doomed"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/events", response.Headers.Location?.OriginalString);
        Assert.Equal((0, 0, 0, 0), await app.QueryAsync(async db => (
            await db.Events.CountAsync(x => x.Id == e.Id), await db.Guests.CountAsync(g => g.EventId == e.Id),
            await db.Households.CountAsync(h => h.EventId == e.Id), await db.EventMembers.CountAsync(m => m.EventId == e.Id))));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/events/{e.Id}")).StatusCode);
    }
}
