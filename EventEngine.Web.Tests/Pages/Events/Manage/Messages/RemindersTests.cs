using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Messages;

public class RemindersTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static (string, string)[] Form(string anchor, string days) => [("Input.Anchor", anchor), ("Input.DaysBefore", days), ("Input.Channel", "Email")];

    [Fact]
    public async Task A_reminder_is_scheduled_at_ten_in_the_events_time_zone_and_listed()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin, zone: "America/New_York");
        var url = $"/events/{e.Id}/messages/reminders";

        var response = await client.PostFormAsync(url, Form("EventStart", "3"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetPageAsync(url);
        var item = Assert.Single(page.QuerySelectorAll("[data-testid=reminder]"));
        Assert.Contains("3 days before the event", item.TextContent);
        Assert.Contains("Wed 9 Jun 2027, 10:00 EDT", item.TextContent);
    }

    [Fact]
    public async Task Counting_back_from_a_missing_deadline_is_refused_at_the_field()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var url = $"/events/{e.Id}/messages/reminders";

        var response = await client.PostFormAsync(url, Form("RsvpDeadline", "14"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("This event has no RSVP deadline yet", page.QuerySelector("[data-valmsg-for='Input.Anchor']")!.TextContent);
        Assert.False(await app.QueryAsync(db => db.Reminders.AnyAsync(r => r.EventId == e.Id)));
    }

    [Theory]
    [InlineData("0", "Choose between 1 and 365 days.")]
    [InlineData("abc", "The value entered for Days before is not valid.")]
    public async Task Bad_day_counts_are_refused_at_the_field_and_kept(string days, string message)
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);

        var page = await AppClient.ParseAsync(await client.PostFormAsync($"/events/{e.Id}/messages/reminders", Form("EventStart", days)));

        Assert.Contains(message, page.QuerySelector("[data-valmsg-for='Input.DaysBefore']")!.TextContent);
        Assert.Equal(days, page.QuerySelector("input[name='Input.DaysBefore']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_same_day_twice_is_refused_and_a_reminder_can_be_removed_before_it_goes()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var url = $"/events/{e.Id}/messages/reminders";
        await client.PostFormAsync(url, Form("EventStart", "7"));

        var twice = await AppClient.ParseAsync(await client.PostFormAsync(url, Form("EventStart", "7")));
        Assert.Contains("There is already a reminder on that day.", twice.QuerySelector("[data-valmsg-for='Input.DaysBefore']")!.TextContent);

        var id = await app.QueryAsync(db => db.Reminders.Where(r => r.EventId == e.Id).Select(r => r.Id).SingleAsync());
        await client.PostFormAsync($"{url}?handler=delete&id={id}", []);
        Assert.False(await app.QueryAsync(db => db.Reminders.AnyAsync(r => r.EventId == e.Id)));
    }
}
