using System.Net;
using System.Text;
using AngleSharp.Dom;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Activity;

/// <summary>Each kind of change writes its entry (who, what, old → new), the page filters and pages them, and a change never lands without its entry.</summary>
public class IndexTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(Event Event, AppClient Admin, AppUser User)> EventAsync()
    {
        var (admin, user) = await app.LoggedInAsync("Ada Admin");
        return (await app.CreateEventAsync(user, "Log Wedding"), admin, user);
    }

    private Task<List<EventActivity>> EntriesAsync(Guid eventId) =>
        app.QueryAsync(db => db.EventActivities.AsNoTracking().Where(a => a.EventId == eventId).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task Guest_changes_are_logged_with_the_fields_old_and_new_and_the_person_who_made_them()
    {
        var (e, admin, user) = await EventAsync();

        await admin.PostFormAsync($"/events/{e.Id}/guests/add", ("Input.FirstName", "Maya"), ("Input.LastName", "Cohen"), ("Input.Email", "maya@example.com"));
        var maya = await app.QueryAsync(db => db.Guests.SingleAsync(g => g.EventId == e.Id && g.FirstName == "Maya"));
        await admin.PostFormAsync($"/events/{e.Id}/guests/edit/{maya.Id}", ("Input.FirstName", "Maya"), ("Input.LastName", "Cohen"),
            ("Input.Email", "maya@example.com"), ("Input.Phone", "07911 123456"), ("Input.TableName", "4"), ("Input.Status", "Confirmed"));
        await admin.PostFormAsync($"/events/{e.Id}/guests/edit/{maya.Id}", ("Input.FirstName", "Maya"), ("Input.LastName", "Cohen"),
            ("Input.Email", "maya@example.com"), ("Input.Phone", "+447911123456"), ("Input.TableName", "4"), ("Input.Status", "Confirmed")); // no change
        await admin.PostFormAsync($"/events/{e.Id}/guests/edit/{maya.Id}?handler=delete");

        var entries = await EntriesAsync(e.Id);
        Assert.Equal([ActivityKind.GuestAdded, ActivityKind.GuestEdited, ActivityKind.GuestDeleted], entries.Select(a => a.Kind));
        Assert.All(entries, a => Assert.Equal((user.Id, "Ada Admin"), (a.ActorUserId!.Value, a.ActorName)));
        Assert.Equal("Added guest Maya Cohen", entries[0].Summary);
        Assert.Equal("Edited guest Maya Cohen", entries[1].Summary);
        Assert.Equal(["Phone: (empty) → +447911123456", "Status: Waiting → Confirmed", "Table: (empty) → 4"], entries[1].Detail!.Split('\n'));
        Assert.Equal("Deleted guest Maya Cohen", entries[2].Summary);
        Assert.Contains("Email: maya@example.com", entries[2].Detail);
        Assert.All(entries, a => Assert.Null(a.GuestId)); // the guest is gone; the names stay in the entries
    }

    [Fact]
    public async Task Bulk_changes_households_and_imports_are_logged_with_counts_and_names()
    {
        var (e, admin, _) = await EventAsync();
        var a = await app.AddGuestAsync(e.Id, "Avi", g => g.LastName = "Bar");
        var b = await app.AddGuestAsync(e.Id, "Bo", g => g.LastName = "Cal");

        await admin.PostFormAsync($"/events/{e.Id}/guests/bulk", ("ids", a.Id.ToString()), ("ids", b.Id.ToString()), ("action", "status-Declined"));
        await admin.PostFormAsync($"/events/{e.Id}/guests/bulk", ("ids", a.Id.ToString()), ("ids", b.Id.ToString()), ("action", "tag-add"), ("Value", "family"));
        await admin.PostFormAsync($"/events/{e.Id}/guests/bulk", ("ids", a.Id.ToString()), ("action", "delete"), ("Confirmed", "true"));
        await admin.PostFormAsync($"/events/{e.Id}/guests/household", ("Name", "The Okafors"), ("Members[0].FirstName", "Ngozi"), ("Members[0].Email", "ngozi@example.com"));
        var upload = await admin.PostFileAsync($"/events/{e.Id}/guests/import", "list.csv",
            Encoding.UTF8.GetBytes("Name,Email\nZoe Quinn,zoe@example.com\nYan Li,yan@example.com\nBroken,not-an-email\nNgozi,ngozi@example.com\n"));
        var review = await admin.GetPageAsync(upload.Headers.Location!.ToString());
        var fields = review.QuerySelectorAll("form[method=post] input[type=hidden]").Where(i => i.GetAttribute("name") != "__RequestVerificationToken")
            .Select(i => (i.GetAttribute("name")!, i.GetAttribute("value")!)).ToArray();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(upload.Headers.Location!.ToString(), fields)).StatusCode);

        var entries = await EntriesAsync(e.Id);
        Assert.Equal([ActivityKind.GuestsBulkEdited, ActivityKind.GuestsBulkEdited, ActivityKind.GuestsBulkDeleted, ActivityKind.GuestAdded, ActivityKind.GuestsImported],
            entries.Select(x => x.Kind));
        Assert.Equal(("2 guests marked declined", "Avi Bar, Bo Cal"), (entries[0].Summary, entries[0].Detail));
        Assert.Equal(("Tag family added to 2 guests", "Avi Bar, Bo Cal"), (entries[1].Summary, entries[1].Detail));
        Assert.Equal(("1 guest deleted", "Avi Bar"), (entries[2].Summary, entries[2].Detail));
        Assert.Equal("Added guest Ngozi to the household The Okafors", entries[3].Summary);
        Assert.Equal("Imported list.csv: 2 added, 0 updated", entries[4].Summary);
        Assert.Equal("Skipped as duplicates: 1\nRejected with problems: 1", entries[4].Detail);
    }

    [Fact]
    public async Task Event_edits_messages_and_reminders_are_logged()
    {
        var (e, admin, _) = await EventAsync();
        await app.AddGuestAsync(e.Id, "Rina"); // the broadcast's one recipient
        await admin.PostFormAsync($"/events/{e.Id}/edit", ("Input.Name", "Log Wedding"), ("Input.StartsAt", "2027-06-12T18:30"),
            ("Input.TimeZoneId", "Europe/London"), ("Input.DefaultCountry", "GB"), ("Input.Venue", "Kew Gardens"));
        await admin.PostFormAsync($"/events/{e.Id}/messages/new", ("Input.Purpose", "Broadcast"), ("Input.Channel", "Email"), ("Input.Subject", "Parking"),
            ("Input.Body", "Park at the north gate."), ("Input.BroadcastId", Guid.NewGuid().ToString()), ("Input.ExpectedCount", "1"));
        var failed = await app.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.EventId == e.Id));
        await app.QueryAsync(db => db.OutboxMessages.Where(m => m.Id == failed.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.State, MessageState.Failed)));
        await admin.PostFormAsync($"/events/{e.Id}/messages?handler=retry&id={failed.Id}");
        await admin.PostFormAsync($"/events/{e.Id}/messages?handler=cancel&id={failed.Id}");
        await admin.PostFormAsync($"/events/{e.Id}/messages/reminders", ("Input.Anchor", "EventStart"), ("Input.DaysBefore", "3"), ("Input.Channel", "Email"));
        var reminder = await app.QueryAsync(db => db.Reminders.SingleAsync(r => r.EventId == e.Id));
        await admin.PostFormAsync($"/events/{e.Id}/messages/reminders?handler=delete&id={reminder.Id}");

        var entries = await EntriesAsync(e.Id);
        Assert.Equal([ActivityKind.EventEdited, ActivityKind.MessagesQueued, ActivityKind.MessagesRetried, ActivityKind.MessagesCancelled,
            ActivityKind.RemindersChanged, ActivityKind.RemindersChanged], entries.Select(x => x.Kind));
        Assert.Equal(["Starts: 2027-06-12 15:00 → 2027-06-12 18:30", "Venue: (empty) → Kew Gardens"], entries[0].Detail!.Split('\n'));
        Assert.Equal("Sent the broadcast to 1 guest: 1 by email", entries[1].Summary);
        Assert.Equal("Subject: Parking\nPark at the north gate.", entries[1].Detail);
        Assert.Equal("Sent a failed message again", entries[2].Summary);
        Assert.Equal("Cancelled the broadcast to Rina", entries[3].Summary);
        Assert.Equal("Added a reminder 3 days before the event, by email", entries[4].Summary);
        Assert.Equal("Removed the reminder 3 days before the event, by email", entries[5].Summary);
    }

    [Fact]
    public async Task Creating_an_event_and_team_changes_are_logged()
    {
        var (admin, user) = await app.LoggedInAsync("Cara Creator");
        var created = await admin.PostFormAsync("/events/new", ("Input.Name", "Fresh Party"), ("Input.StartsAt", "2027-07-01T19:00"),
            ("Input.TimeZoneId", "Europe/London"), ("Input.DefaultCountry", "GB"));
        var eventId = Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[2]);
        var viewer = await app.CreateUserAsync("Vera Viewer");
        await app.AddMemberAsync(eventId, viewer, EventRole.Viewer);
        await admin.PostFormAsync($"/events/{eventId}/members?handler=invite", ("Input.Email", "new.person@example.com"), ("Input.Role", "Editor"));
        var invitation = await app.QueryAsync(db => db.EventInvitations.SingleAsync(i => i.EventId == eventId));
        await admin.PostFormAsync($"/events/{eventId}/members?handler=resend&id={invitation.Id}");
        await admin.PostFormAsync($"/events/{eventId}/members?handler=revoke&id={invitation.Id}");
        await admin.PostFormAsync($"/events/{eventId}/members?handler=role&userId={viewer.Id}", ("role", "Editor"));
        await admin.PostFormAsync($"/events/{eventId}/members?handler=remove&userId={viewer.Id}");

        var entries = await EntriesAsync(eventId);
        Assert.Equal([ActivityKind.EventCreated, ActivityKind.MemberInvited, ActivityKind.InvitationResent, ActivityKind.InvitationRevoked,
            ActivityKind.RoleChanged, ActivityKind.MemberRemoved], entries.Select(x => x.Kind));
        Assert.All(entries, a => Assert.Equal(user.Id, a.ActorUserId));
        Assert.Equal("Created the event Fresh Party", entries[0].Summary);
        Assert.Equal("Invited new.person@example.com as an Editor", entries[1].Summary);
        Assert.Equal("Changed Vera Viewer's role from Viewer to Editor", entries[4].Summary);
        Assert.StartsWith("Removed Vera Viewer", entries[5].Summary);
    }

    [Fact]
    public async Task A_change_whose_entry_cannot_be_written_does_not_happen()
    {
        var (e, admin, _) = await EventAsync();
        var guest = await app.AddGuestAsync(e.Id, "Dov");
        // The database refuses this event's log entries, as a full disk or a bug would: the changes must roll back with them.
        // DDL takes no parameters; the only values in it are this test's GUIDs.
        var create = $"""
            CREATE FUNCTION refuse_log_{e.Id:N}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'log refused'; END $$;
            CREATE TRIGGER refuse_log_{e.Id:N} BEFORE INSERT ON event_activities FOR EACH ROW
                WHEN (NEW.event_id = '{e.Id}') EXECUTE FUNCTION refuse_log_{e.Id:N}();
            """;
        var drop = $"DROP TRIGGER refuse_log_{e.Id:N} ON event_activities; DROP FUNCTION refuse_log_{e.Id:N}();";
        // As the tables' owner: the app's own role may not add triggers.
        await app.Database.ExecuteAsync(create);
        try
        {
            Assert.Equal(HttpStatusCode.InternalServerError, (await admin.PostFormAsync($"/events/{e.Id}/guests/edit/{guest.Id}", ("Input.FirstName", "Renamed"), ("Input.Email", guest.Email!))).StatusCode);
            Assert.Equal(HttpStatusCode.InternalServerError, (await admin.PostFormAsync($"/events/{e.Id}/guests/bulk", ("ids", guest.Id.ToString()), ("action", "status-Confirmed"))).StatusCode);
            Assert.Equal(HttpStatusCode.InternalServerError, (await admin.PostFormAsync($"/events/{e.Id}/members?handler=invite", ("Input.Email", "x@example.com"), ("Input.Role", "Viewer"))).StatusCode);

            var after = await app.QueryAsync(db => db.Guests.AsNoTracking().SingleAsync(g => g.Id == guest.Id));
            Assert.Equal(("Dov", GuestStatus.Invited), (after.FirstName, after.Status));
            Assert.False(await app.QueryAsync(db => db.EventInvitations.AnyAsync(i => i.EventId == e.Id)));
            Assert.False(await app.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.EventId == e.Id)));
        }
        finally
        {
            await app.Database.ExecuteAsync(drop);
        }
    }

    [Fact]
    public async Task The_page_filters_by_person_kind_and_date_in_the_event_zone_and_pages_by_50()
    {
        var (e, admin, user) = await EventAsync();
        var editor = await app.CreateUserAsync("Eli Editor");
        await app.AddMemberAsync(e.Id, editor, EventRole.Editor);
        var guest = await app.AddGuestAsync(e.Id, "Gil");
        await app.QueryAsync(async db =>
        {
            // 55 guest edits by the Admin on 1 March (London), 3 team entries by the Editor on 2 March, one RSVP answer and one link opening.
            for (var i = 0; i < 55; i++)
                db.EventActivities.Add(new EventActivity { EventId = e.Id, CreatedAt = new DateTime(2027, 3, 1, 10, 0, i, DateTimeKind.Utc), ActorUserId = user.Id, ActorName = "Ada Admin", Kind = ActivityKind.GuestEdited, Summary = $"Edit {i}", GuestId = guest.Id });
            for (var i = 0; i < 3; i++)
                db.EventActivities.Add(new EventActivity { EventId = e.Id, CreatedAt = new DateTime(2027, 3, 2, 23, 30, i, DateTimeKind.Utc), ActorUserId = editor.Id, ActorName = "Eli Editor", Kind = ActivityKind.MemberInvited, Summary = $"Invite {i}" });
            db.EventActivities.Add(new EventActivity { EventId = e.Id, CreatedAt = new DateTime(2027, 3, 2, 12, 0, 0, DateTimeKind.Utc), ActorName = "Gil", Kind = ActivityKind.RsvpAnswered, Summary = "Answered: Gil: Attending", GuestId = guest.Id, Channel = MessageChannel.Email });
            db.EventActivities.Add(new EventActivity { EventId = e.Id, CreatedAt = new DateTime(2027, 3, 2, 12, 0, 0, DateTimeKind.Utc), ActorName = "Gil", Kind = ActivityKind.RsvpOpened, Summary = "Opened the RSVP link of Gil", GuestId = guest.Id });
            return await db.SaveChangesAsync();
        });
        var path = $"/events/{e.Id}/activity";
        static List<string> Summaries(IDocument page) => page.QuerySelectorAll("[data-testid=activity-entry]").Select(x => x.QuerySelector("[data-testid=activity-summary]")!.TextContent).ToList();

        var first = await admin.GetPageAsync(path);
        Assert.Equal(50, Summaries(first).Count);
        Assert.StartsWith("Invite 2", Summaries(first)[0]); // newest first; the link opening is not a change and is not listed
        Assert.Contains("59 entries", first.QuerySelector("#activity-heading")!.TextContent);
        var second = await admin.GetPageAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal(9, Summaries(second).Count);
        Assert.StartsWith("Edit 0", Summaries(second)[^1]);

        Assert.Equal(3, Summaries(await admin.GetPageAsync($"{path}?who={editor.Id}")).Count);
        Assert.Equal(["Answered: Gil: Attending"], Summaries(await admin.GetPageAsync($"{path}?who=guests")));
        Assert.Equal(3, Summaries(await admin.GetPageAsync($"{path}?kind=Team")).Count);
        Assert.StartsWith("55 entries match", (await admin.GetPageAsync($"{path}?kind=Guests")).QuerySelector("#activity-heading")!.TextContent);
        // 23:30 UTC on 2 March is still 2 March in London (GMT): the date filter counts days in the event's zone.
        var march2 = await admin.GetPageAsync($"{path}?from=2027-03-02&to=2027-03-02");
        Assert.Equal(4, Summaries(march2).Count);
        var open = march2.QuerySelectorAll("[data-testid=activity-entry] a").Select(x => x.GetAttribute("href")).ToList();
        Assert.Contains($"/events/{e.Id}/guests/edit/{guest.Id}", open);

        var bad = await admin.GetPageAsync($"{path}?from=yesterday&to=2027-03-01&kind=Nope");
        Assert.Equal("Enter a date like 2026-11-21.", bad.QuerySelector("#from + span")!.TextContent);
        Assert.Equal("yesterday", bad.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#from")!.GetAttribute("value"));
        Assert.Equal("Choose a kind from the list.", bad.QuerySelector("#kind + span")!.TextContent);
        var backwards = await admin.GetPageAsync($"{path}?from=2027-03-02&to=2027-03-01");
        Assert.Equal("The end date is before the start date.", backwards.QuerySelector("#to + span")!.TextContent);

        var (viewerClient, viewer) = await app.LoggedInAsync("Vic Viewer");
        await app.AddMemberAsync(e.Id, viewer, EventRole.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewerClient.GetAsync(path)).StatusCode);
        Assert.DoesNotContain("/activity", (await viewerClient.GetPageAsync($"/events/{e.Id}")).QuerySelector(".event-nav")!.InnerHtml);
    }
}
