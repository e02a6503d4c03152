using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;

namespace EventEngine.Web.Tests.Pages.Events;

public class IndexTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task My_events_lists_only_events_I_belong_to_with_role_local_time_and_guest_count()
    {
        var (client, me) = await app.LoggedInAsync("Lister");
        var other = await app.CreateUserAsync("Other");
        var mine = await app.CreateEventAsync(me, "Tokyo Launch", "Asia/Tokyo");
        var helping = await app.CreateEventAsync(other, "Lisbon Wedding", "Europe/Lisbon");
        await app.AddMemberAsync(helping.Id, me, EventRole.Viewer);
        await app.CreateEventAsync(other, "Not My Party");
        await app.QueryAsync(async db =>
        {
            db.Guests.AddRange(
                new Guest { EventId = mine.Id, FirstName = "A", Email = "a@example.test" },
                new Guest { EventId = mine.Id, FirstName = "B", Phone = "+447400123291" });
            return await db.SaveChangesAsync();
        });

        var page = await client.GetPageAsync("/events");

        var cards = page.QuerySelectorAll("[data-testid=event-card]");
        Assert.Equal(["Lisbon Wedding", "Tokyo Launch"], cards.Select(c => c.QuerySelector("h2")!.TextContent).Order());
        var tokyo = cards.Single(c => c.TextContent.Contains("Tokyo Launch"));
        Assert.Equal("Sat 12 Jun 2027, 15:00 JST (Asia/Tokyo)", Normalise(tokyo.QuerySelector("[data-testid=event-when]")!.TextContent));
        Assert.Equal("Admin", tokyo.QuerySelector("[data-testid=event-role]")!.TextContent);
        Assert.Equal("2", tokyo.QuerySelector("[data-testid=guest-count]")!.TextContent);
        var lisbon = cards.Single(c => c.TextContent.Contains("Lisbon Wedding"));
        Assert.Equal("Viewer", lisbon.QuerySelector("[data-testid=event-role]")!.TextContent);
        Assert.Equal("Sat 12 Jun 2027, 15:00 WEST (Europe/Lisbon)", Normalise(lisbon.QuerySelector("[data-testid=event-when]")!.TextContent));
    }

    [Fact]
    public async Task Someone_with_no_events_is_invited_to_create_one()
    {
        var (client, _) = await app.LoggedInAsync("Newcomer");

        var page = await client.GetPageAsync("/events");

        Assert.Contains("No events yet", page.QuerySelector(".empty-state")!.TextContent);
        Assert.NotNull(page.QuerySelector(".empty-state a[href='/events/new']"));
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
