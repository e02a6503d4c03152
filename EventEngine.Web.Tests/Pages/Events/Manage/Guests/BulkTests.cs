using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Guests;

public class BulkTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static List<KeyValuePair<string, string>> Form(string action, string? value, IEnumerable<Guest> guests, bool confirmed = false)
    {
        var fields = guests.Select(g => new KeyValuePair<string, string>("ids", g.Id.ToString())).ToList();
        fields.Add(new("action", action));
        if (value is not null) fields.Add(new("value", value));
        if (confirmed) fields.Add(new("confirmed", "true"));
        return fields;
    }

    private Task<List<Guest>> ReloadAsync(params Guest[] guests)
    {
        var ids = guests.Select(g => g.Id).ToList();
        return app.QueryAsync(db => db.Guests.AsNoTracking().Where(g => ids.Contains(g.Id)).OrderBy(g => g.FirstName).ToListAsync());
    }

    [Fact]
    public async Task Status_side_table_and_tags_change_for_the_selected_guests_only()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var a = await app.AddGuestAsync(e.Id, "A", g => g.Tags = ["old"]);
        var b = await app.AddGuestAsync(e.Id, "B");
        var untouched = await app.AddGuestAsync(e.Id, "C", g => g.Tags = ["old"]);
        var url = $"/events/{e.Id}/guests/bulk";

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(url, Form("status-Confirmed", null, [a, b]))).StatusCode);
        await client.PostFormAsync(url, Form("side", "  Bride  ", [a, b]));
        await client.PostFormAsync(url, Form("table", "Table 4", [a, b]));
        await client.PostFormAsync(url, Form("tag-add", "vip", [a, b]));
        await client.PostFormAsync(url, Form("tag-add", "vip", [a]));
        await client.PostFormAsync(url, Form("tag-remove", "old", [a, b]));

        var (newA, newB, newC) = (await ReloadAsync(a, b, untouched)) switch { var l => (l[0], l[1], l[2]) };
        Assert.All(new[] { newA, newB }, g => Assert.Equal((GuestStatus.Confirmed, "Bride", "Table 4"), (g.Status, g.Side, g.TableName)));
        Assert.Equal(["vip"], newA.Tags);
        Assert.Equal(["vip"], newB.Tags);
        Assert.Equal((GuestStatus.Invited, null, null), (newC.Status, newC.Side, newC.TableName));
        Assert.Equal(["old"], newC.Tags);
    }

    [Fact]
    public async Task Delete_asks_first_and_deletes_only_after_confirmation()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var a = await app.AddGuestAsync(e.Id, "Ada");
        var b = await app.AddGuestAsync(e.Id, "Bea");
        var url = $"/events/{e.Id}/guests/bulk";

        var ask = await client.PostHtmxAsync(url, Form("delete", null, [a, b]));
        var dialog = await AppClient.ParseAsync(ask);

        Assert.Equal("Delete 2 guests?", dialog.QuerySelector("#bulk-confirm-title")!.TextContent);
        Assert.Contains("Ada, Bea", dialog.Body!.TextContent);
        Assert.Equal(2, (await ReloadAsync(a, b)).Count);

        var confirmed = await client.PostHtmxAsync(url, Form("delete", null, [a, b], confirmed: true));

        Assert.Contains("guests-changed", confirmed.Headers.GetValues("HX-Trigger").Single());
        Assert.Empty(await ReloadAsync(a, b));
    }

    [Fact]
    public async Task Ids_from_another_event_are_never_changed()
    {
        var (client, admin) = await app.LoggedInAsync();
        var mine = await app.CreateEventAsync(admin);
        var theirs = await app.CreateEventAsync(await app.CreateUserAsync(), "Theirs");
        var foreign = await app.AddGuestAsync(theirs.Id, "Foreign", g => g.Tags = ["keep"]);
        var url = $"/events/{mine.Id}/guests/bulk";

        foreach (var (action, value) in new[] { ("status-Declined", (string?)null), ("side", "x"), ("tag-remove", "keep"), ("tag-add", "x") })
            await client.PostFormAsync(url, Form(action, value, [foreign]));
        await client.PostFormAsync(url, Form("delete", null, [foreign], confirmed: true));

        var after = Assert.Single(await ReloadAsync(foreign));
        Assert.Equal((GuestStatus.Invited, null), (after.Status, after.Side));
        Assert.Equal(["keep"], after.Tags);
    }

    [Fact]
    public async Task Nothing_selected_or_an_unknown_action_says_so_and_changes_nothing()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var a = await app.AddGuestAsync(e.Id, "Ada");
        var url = $"/events/{e.Id}/guests/bulk";

        var none = await client.PostHtmxAsync(url, Form("status-Confirmed", null, []));
        var unknown = await client.PostHtmxAsync(url, Form("explode", null, [a]));
        var tagless = await client.PostHtmxAsync(url, Form("tag-add", "  ", [a]));

        Assert.Contains("Select at least one guest first.", none.Headers.GetValues("HX-Trigger").Single());
        Assert.Contains("Choose what to do with the selected guests.", unknown.Headers.GetValues("HX-Trigger").Single());
        Assert.Contains("Type the tag to add or remove.", tagless.Headers.GetValues("HX-Trigger").Single());
        var after = Assert.Single(await ReloadAsync(a));
        Assert.Equal((GuestStatus.Invited, 0), (after.Status, after.Tags.Count));
    }
}
