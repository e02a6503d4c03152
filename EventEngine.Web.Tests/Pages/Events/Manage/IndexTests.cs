using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Events.Manage;

/// <summary>The event's overview: a new event opens on what to do first, each step done by what the event really has.</summary>
public class IndexTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static List<(string Step, bool Done, string? Action)> Steps(IDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=first-steps] li").Select(li => (
            li.QuerySelector("strong")!.TextContent, li.ClassList.Contains("done"), li.QuerySelector("a")?.GetAttribute("href")))];

    [Fact]
    public async Task A_new_event_opens_on_its_first_steps_with_the_next_one_a_click_away_and_no_zero_tiles_or_delete_panel()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);

        var page = await client.GetPageAsync($"/events/{e.Id}");

        Assert.Equal([
            ("Add your guests", false, $"/events/{e.Id}/guests"),
            ("Set the date to answer by", false, $"/events/{e.Id}/edit#Input_RsvpDeadline"),
            ("Send the invitations", false, $"/events/{e.Id}/messages/new?purpose=Invitation"),
            ("Schedule reminders", false, $"/events/{e.Id}/messages/reminders"),
        ], Steps(page));
        Assert.Equal("0 of 4 done", page.QuerySelector("[data-testid=first-steps-progress]")!.TextContent);
        Assert.Equal(["btn-primary"], page.QuerySelectorAll("[data-testid=first-steps] a.btn-primary").Select(_ => "btn-primary"));
        Assert.Equal("Add guests", page.QuerySelector("[data-testid=first-steps] a.btn-primary")!.TextContent);
        Assert.True(page.QuerySelector("#guest-counts")!.HasAttribute("hidden"));
        Assert.Null(page.QuerySelector(".danger-panel"));
        Assert.NotNull((await client.GetPageAsync($"/events/{e.Id}/edit")).QuerySelector($".danger-panel a[href='/events/{e.Id}/delete']"));
    }

    [Fact]
    public async Task Each_step_is_done_by_what_the_event_has_and_the_list_goes_when_all_are()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var guest = await app.AddGuestAsync(e.Id, "Ada");
        await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.RsvpDeadline, e.StartsAt.AddDays(-14))));

        var halfway = await client.GetPageAsync($"/events/{e.Id}");

        Assert.Equal([true, true, false, false], Steps(halfway).Select(s => s.Done));
        Assert.Equal("2 of 4 done", halfway.QuerySelector("[data-testid=first-steps-progress]")!.TextContent);
        Assert.Equal("Send invitations", halfway.QuerySelector("[data-testid=first-steps] a.btn-primary")!.TextContent);
        Assert.False(halfway.QuerySelector("#guest-counts")!.HasAttribute("hidden"));

        await app.QueryAsync(db =>
        {
            var now = DateTime.UtcNow;
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = Guid.NewGuid(),
                EventId = e.Id,
                GuestId = guest.Id,
                Channel = MessageChannel.Email,
                Purpose = MessagePurpose.Invitation,
                Recipient = guest.Email!,
                BodyText = "Hi",
                NextAttemptAt = now,
                CreatedAt = now,
                UpdatedAt = now,
            });
            db.Reminders.Add(new Reminder { Id = Guid.NewGuid(), EventId = e.Id, Anchor = ReminderAnchor.RsvpDeadline, DaysBefore = 3, Channel = ChannelChoice.Email, CreatedAt = now });
            return db.SaveChangesAsync();
        });

        Assert.Null((await client.GetPageAsync($"/events/{e.Id}")).QuerySelector("[data-testid=first-steps]"));
    }

    [Fact]
    public async Task A_viewer_sees_the_steps_without_buttons_they_could_not_use()
    {
        var (_, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        var (viewer, viewerUser) = await app.LoggedInAsync("Viewer");
        await app.AddMemberAsync(e.Id, viewerUser, EventRole.Viewer);

        var page = await viewer.GetPageAsync($"/events/{e.Id}");

        Assert.Equal(4, Steps(page).Count);
        Assert.All(Steps(page), s => Assert.Null(s.Action));
    }
}
