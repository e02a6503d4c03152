using System.Net;
using System.Security.Cryptography;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Guests = EventEngine.Web.Pages.Events.Manage.Guests;
using Members = EventEngine.Web.Pages.Events.Manage.Members;
using Messages = EventEngine.Web.Pages.Events.Manage.Messages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Authorization;

/// <summary>
/// A team for one event (Admin, Editor, Viewer); the members of the organisation the event belongs to (Owner, Editor,
/// Viewer, and an Owner whose membership expired a minute ago), who reach it by their organisation role alone; an
/// outsider who is Admin of another event; and an anonymous visitor.
/// </summary>
public class PermissionMatrixFixture : AppFactory, IAsyncLifetime
{
    public Dictionary<string, (AppClient Client, AppUser? User)> People { get; } = [];

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        foreach (var role in new[] { "Admin", "Editor", "Viewer", "Outsider" })
            People[role] = await LoggedInAsync(role);
        People["Anonymous"] = (CreateAppClient(), null);
        await CreateEventAsync(People["Outsider"].User!, "The outsider's own event");
        foreach (var role in new[] { "OrgOwner", "OrgEditor", "OrgViewer", "ExpiredOrgOwner" })
            People[role] = await LoggedInAsync(role);
        var now = DateTime.UtcNow;
        Organisation = new Organisation { Id = Guid.NewGuid(), Name = "Matrix Org", Slug = $"matrix-{Guid.NewGuid():N}", CreatedAt = now };
        Organisation.Members.AddRange(
            new OrganisationMember { UserId = People["OrgOwner"].User!.Id, Role = OrganisationRole.Owner, JoinedAt = now },
            new OrganisationMember { UserId = People["OrgEditor"].User!.Id, Role = OrganisationRole.Editor, JoinedAt = now, ExpiresAt = now.AddDays(30) },
            new OrganisationMember { UserId = People["OrgViewer"].User!.Id, Role = OrganisationRole.Viewer, JoinedAt = now },
            new OrganisationMember { UserId = People["ExpiredOrgOwner"].User!.Id, Role = OrganisationRole.Owner, JoinedAt = now.AddDays(-30), ExpiresAt = now.AddMinutes(-1) });
        await QueryAsync(db =>
        {
            db.Organisations.Add(Organisation);
            return db.SaveChangesAsync();
        });
    }

    public Organisation Organisation { get; private set; } = null!;

    /// <summary>A new event with the team at their roles and one guest, so destructive handlers never affect other cases.</summary>
    public async Task<(Event Event, Guest Guest, GuestImport Import, OutboxMessage Message, Reminder Reminder, EventInvitation Invitation)> CreateTeamEventAsync()
    {
        var e = await CreateEventAsync(People["Admin"].User!, $"Matrix event {Guid.NewGuid():N}");
        await QueryAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(x => x.SetProperty(v => v.OrganisationId, Organisation.Id)));
        await AddMemberAsync(e.Id, People["Editor"].User!, EventRole.Editor);
        await AddMemberAsync(e.Id, People["Viewer"].User!, EventRole.Viewer);
        var guest = await AddGuestAsync(e.Id, "Matrix", g => g.LastName = "Guest");
        var import = new GuestImport
        {
            Id = Guid.NewGuid(),
            EventId = e.Id,
            FileName = "done.csv",
            Content = "Name,Email\nX,x@example.com\n"u8.ToArray(),
            CreatedAt = DateTime.UtcNow,
            CompletedAt = DateTime.UtcNow,
            Rejected = 1,
            RejectedCsv = "Name,Problems\nY,bad\n"u8.ToArray(),
        };
        var now = DateTime.UtcNow;
        var message = new OutboxMessage
        {
            Id = Guid.NewGuid(),
            EventId = e.Id,
            GuestId = guest.Id,
            Channel = MessageChannel.Email,
            Purpose = MessagePurpose.Broadcast,
            Recipient = guest.Email!,
            BodyText = "Hello",
            State = MessageState.Failed,
            Attempts = 1,
            NextAttemptAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var reminder = new Reminder { Id = Guid.NewGuid(), EventId = e.Id, Anchor = ReminderAnchor.EventStart, DaysBefore = 7, Channel = ChannelChoice.Email, CreatedAt = now };
        var invitation = new EventInvitation
        {
            Id = Guid.NewGuid(),
            EventId = e.Id,
            Email = $"invited-{Guid.NewGuid():N}@example.com",
            Role = EventRole.Viewer,
            Seed = RandomNumberGenerator.GetBytes(32),
            TokenHash = RandomNumberGenerator.GetBytes(32),
            CreatedAt = now,
            SentAt = now,
            ExpiresAt = now.AddDays(7),
        };
        await QueryAsync(async db =>
        {
            db.GuestImports.Add(import);
            db.OutboxMessages.Add(message);
            db.Reminders.Add(reminder);
            db.EventInvitations.Add(invitation);
            return await db.SaveChangesAsync();
        });
        return (e, guest, import, message, reminder, invitation);
    }
}

[StartsFirst]
public class PermissionMatrixTests(PermissionMatrixFixture app) : IClassFixture<PermissionMatrixFixture>
{
    private const int Ok = 200, Redirect = 302, Forbidden = 403, NotFound = 404;

    /// <summary>One row per page handler under Events/Manage: the request, and the status each person gets.</summary>
    private sealed record Row(Type Page, string Method, string Path, Func<Event, (string, string)[]> Form, int Admin, int Editor, int Viewer)
    {
        public int Expected(string person) => person switch
        {
            "Admin" or "OrgOwner" => Admin,
            "Editor" or "OrgEditor" => Editor,
            "Viewer" or "OrgViewer" => Viewer,
            "Outsider" or "ExpiredOrgOwner" => NotFound,
            _ => Redirect, // anonymous: to the login page
        };
    }

    private static (string, string)[] NoFields(Event e) => [];

    private static (string, string)[] ValidEventForm(Event e) =>
    [
        ("Input.Name", "Renamed by the matrix"), ("Input.StartsAt", "2027-06-12T15:00"), ("Input.TimeZoneId", "Europe/London"),
        ("Input.DefaultCountry", "GB"),
    ];

    private static (string, string)[] ValidGuestForm(Event e) =>
        [("Input.FirstName", "Changed by the matrix"), ("Input.Email", $"matrix-{Guid.NewGuid():N}@example.com")];

    private static (string, string)[] BulkConfirm(Event e) => [("ids", "{guest}"), ("action", "status-Declined")];

    private static (string, string)[] Message(Event e) =>
    [
        ("Input.Purpose", "Broadcast"), ("Input.Channel", "Email"), ("Input.Subject", "Matrix"), ("Input.Body", "Hello {{first_name}}"),
        ("Input.BroadcastId", Guid.NewGuid().ToString()), ("Input.ExpectedCount", "1"),
    ];

    private static (string, string)[] NewReminder(Event e) => [("Input.Anchor", "EventStart"), ("Input.DaysBefore", "3"), ("Input.Channel", "Email")];

    private static readonly Row[] Matrix =
    [
        new(typeof(Web.Pages.Events.Manage.IndexModel), "GET", "/events/{id}", NoFields, Ok, Ok, Ok),
        new(typeof(Web.Pages.Events.Manage.EditModel), "GET", "/events/{id}/edit", NoFields, Ok, Forbidden, Forbidden),
        new(typeof(Web.Pages.Events.Manage.EditModel), "POST", "/events/{id}/edit", ValidEventForm, Redirect, Forbidden, Forbidden),
        // The matrix event is private, so the public form sends Admins and Editors on to the private one.
        new(typeof(Web.Pages.Events.Manage.EditPublicModel), "GET", "/events/{id}/editpublic", NoFields, Redirect, Forbidden, Forbidden),
        new(typeof(Web.Pages.Events.Manage.EditPublicModel), "POST", "/events/{id}/editpublic", NoFields, Redirect, Forbidden, Forbidden),
        new(typeof(Web.Pages.Events.Manage.PublishingModel), "GET", "/events/{id}/publishing", NoFields, Redirect, Redirect, Redirect),
        new(typeof(Web.Pages.Events.Manage.PublishingModel), "POST", "/events/{id}/publishing?handler=Submit", NoFields, Redirect, Forbidden, Forbidden),
        new(typeof(Web.Pages.Events.Manage.PublishingModel), "POST", "/events/{id}/publishing?handler=Withdraw", NoFields, Redirect, Forbidden, Forbidden),
        new(typeof(Web.Pages.Events.Manage.PublishingModel), "POST", "/events/{id}/publishing?handler=Cancel", NoFields, Redirect, Forbidden, Forbidden),
        new(typeof(Web.Pages.Events.Manage.DeleteModel), "GET", "/events/{id}/delete", NoFields, Ok, Forbidden, Forbidden),
        new(typeof(Web.Pages.Events.Manage.DeleteModel), "POST", "/events/{id}/delete", e => [("ConfirmName", e.Name)], Redirect, Forbidden, Forbidden),
        new(typeof(Guests.IndexModel), "GET", "/events/{id}/guests", NoFields, Ok, Ok, Ok),
        new(typeof(Guests.IndexModel), "GET", "/events/{id}/guests?handler=Households&Input.Household=a", NoFields, Ok, Ok, Ok),
        new(typeof(Guests.AddModel), "GET", "/events/{id}/guests/add", NoFields, Ok, Ok, Forbidden),
        new(typeof(Guests.AddModel), "POST", "/events/{id}/guests/add", ValidGuestForm, Redirect, Redirect, Forbidden),
        new(typeof(Guests.EditModel), "GET", "/events/{id}/guests/edit/{guest}", NoFields, Ok, Ok, Forbidden),
        new(typeof(Guests.EditModel), "POST", "/events/{id}/guests/edit/{guest}", ValidGuestForm, Redirect, Redirect, Forbidden),
        new(typeof(Guests.EditModel), "GET", "/events/{id}/guests/edit/{guest}?handler=Row", NoFields, Ok, Ok, Forbidden),
        new(typeof(Guests.EditModel), "POST", "/events/{id}/guests/edit/{guest}?handler=Row", ValidGuestForm, Ok, Ok, Forbidden),
        new(typeof(Guests.EditModel), "GET", "/events/{id}/guests/edit/{guest}?handler=Display", NoFields, Ok, Ok, Forbidden),
        new(typeof(Guests.EditModel), "POST", "/events/{id}/guests/edit/{guest}?handler=Delete", NoFields, Redirect, Redirect, Forbidden),
        new(typeof(Guests.BulkModel), "GET", "/events/{id}/guests/bulk", NoFields, Redirect, Redirect, Forbidden),
        new(typeof(Guests.BulkModel), "POST", "/events/{id}/guests/bulk", BulkConfirm, Redirect, Redirect, Forbidden),
        new(typeof(Guests.LinkModel), "GET", "/events/{id}/guests/link/{guest}", NoFields, Ok, Ok, Forbidden),
        new(typeof(Guests.LinkModel), "POST", "/events/{id}/guests/link/{guest}", NoFields, Ok, Ok, Forbidden),
        new(typeof(Guests.LinkModel), "POST", "/events/{id}/guests/link/{guest}?handler=Revoke", NoFields, Ok, Ok, Forbidden),
        new(typeof(Guests.ExportModel), "GET", "/events/{id}/guests/export", NoFields, Ok, Ok, Forbidden),
        new(typeof(Guests.HouseholdModel), "GET", "/events/{id}/guests/household", NoFields, Ok, Ok, Forbidden),
        new(typeof(Guests.HouseholdModel), "GET", "/events/{id}/guests/household?handler=Member&index=4", NoFields, Ok, Ok, Forbidden),
        new(typeof(Guests.HouseholdModel), "POST", "/events/{id}/guests/household",
            e => [("Name", "Matrix family"), ("Members[0].FirstName", "Kid"), ("Members[0].Email", $"kid-{Guid.NewGuid():N}@example.com")], Redirect, Redirect, Forbidden),
        new(typeof(Guests.Import.IndexModel), "GET", "/events/{id}/guests/import", NoFields, Ok, Ok, Forbidden),
        new(typeof(Guests.Import.IndexModel), "POST", "/events/{id}/guests/import", NoFields, Ok, Ok, Forbidden), // no file: asks for one
        new(typeof(Guests.Import.ReviewModel), "GET", "/events/{id}/guests/import/review/{import}", NoFields, Ok, Ok, Forbidden),
        new(typeof(Guests.Import.ReviewModel), "POST", "/events/{id}/guests/import/review/{import}", e => [("map", "FullName"), ("map", "Email")], Redirect, Redirect, Forbidden),
        new(typeof(Guests.Import.ReviewModel), "GET", "/events/{id}/guests/import/review/{import}?handler=Rejected", NoFields, Ok, Ok, Forbidden),
        new(typeof(Messages.IndexModel), "GET", "/events/{id}/messages", NoFields, Ok, Ok, Ok),
        new(typeof(Messages.IndexModel), "POST", "/events/{id}/messages?handler=Retry&id={message}", NoFields, Redirect, Redirect, Forbidden),
        new(typeof(Messages.IndexModel), "POST", "/events/{id}/messages?handler=Cancel&id={message}", NoFields, Redirect, Redirect, Forbidden),
        new(typeof(Messages.NewModel), "GET", "/events/{id}/messages/new", NoFields, Ok, Ok, Forbidden),
        new(typeof(Messages.NewModel), "POST", "/events/{id}/messages/new?handler=Preview", Message, Ok, Ok, Forbidden),
        new(typeof(Messages.NewModel), "POST", "/events/{id}/messages/new", Message, Redirect, Redirect, Forbidden),
        new(typeof(Messages.NewModel), "POST", "/events/{id}/messages/new?handler=Test", Message, Redirect, Redirect, Forbidden),
        new(typeof(Messages.RemindersModel), "GET", "/events/{id}/messages/reminders", NoFields, Ok, Ok, Ok),
        new(typeof(Messages.RemindersModel), "POST", "/events/{id}/messages/reminders", NewReminder, Redirect, Redirect, Forbidden),
        new(typeof(Messages.RemindersModel), "POST", "/events/{id}/messages/reminders?handler=Delete&id={reminder}", NoFields, Redirect, Redirect, Forbidden),
        new(typeof(Members.IndexModel), "GET", "/events/{id}/members", NoFields, Ok, Ok, Ok),
        new(typeof(Members.IndexModel), "POST", "/events/{id}/members?handler=AnswerEmails", e => [("answerEmails", "AtOnce")], Redirect, Redirect, Redirect),
        new(typeof(Members.IndexModel), "POST", "/events/{id}/members?handler=Invite",
            e => [("Input.Email", $"new-{Guid.NewGuid():N}@example.com"), ("Input.Role", "Editor")], Redirect, Forbidden, Forbidden),
        new(typeof(Members.IndexModel), "POST", "/events/{id}/members?handler=Resend&id={invitation}", NoFields, Redirect, Forbidden, Forbidden),
        new(typeof(Members.IndexModel), "POST", "/events/{id}/members?handler=Revoke&id={invitation}", NoFields, Redirect, Forbidden, Forbidden),
        new(typeof(Members.IndexModel), "POST", "/events/{id}/members?handler=Role&userId={viewer}", e => [("role", "Editor")], Redirect, Forbidden, Forbidden),
        new(typeof(Members.IndexModel), "POST", "/events/{id}/members?handler=Remove&userId={viewer}", NoFields, Redirect, Forbidden, Forbidden),
        new(typeof(Members.IndexModel), "POST", "/events/{id}/members?handler=Leave", NoFields, Redirect, Redirect, Redirect),
        new(typeof(Web.Pages.Events.Manage.Activity.IndexModel), "GET", "/events/{id}/activity", NoFields, Ok, Ok, Forbidden),
        new(typeof(Web.Pages.Events.Manage.Door.IndexModel), "GET", "/events/{id}/door", NoFields, Ok, Ok, Ok),
        new(typeof(Web.Pages.Events.Manage.Door.IndexModel), "GET", "/events/{id}/door?handler=Export", NoFields, Ok, Ok, Forbidden),
        new(typeof(Web.Pages.Events.Manage.Door.IndexModel), "POST", $"/events/{{id}}/door?handler=Mark&guestId={Guid.NewGuid()}", NoFields, NotFound, NotFound, Forbidden),
        new(typeof(Web.Pages.Events.Manage.WaitingModel), "GET", "/events/{id}/waiting", NoFields, Ok, Ok, Ok),
        new(typeof(Web.Pages.Events.Manage.WaitingModel), "POST", $"/events/{{id}}/waiting?handler=Promote&registrationId={Guid.NewGuid()}", NoFields, NotFound, NotFound, Forbidden),
        // The matrix event is private: its guests answer on their RSVP page, so it has no registration questions.
        new(typeof(Web.Pages.Events.Manage.QuestionsModel), "GET", "/events/{id}/questions", NoFields, Redirect, Forbidden, Forbidden),
        new(typeof(Web.Pages.Events.Manage.QuestionsModel), "POST", "/events/{id}/questions?handler=Add", e => [("Input.Label", "Size?"), ("Input.Kind", "Text")], NotFound, Forbidden, Forbidden),
        new(typeof(Web.Pages.Events.Manage.QuestionsModel), "POST", $"/events/{{id}}/questions?handler=Remove&questionId={Guid.NewGuid()}", NoFields, NotFound, Forbidden, Forbidden),
        // The matrix event does not repeat: its dates page sends everyone to the overview, and no date of it is found.
        new(typeof(Web.Pages.Events.Manage.DatesModel), "GET", "/events/{id}/dates", NoFields, Redirect, Redirect, Redirect),
        new(typeof(Web.Pages.Events.Manage.DatesModel), "POST", $"/events/{{id}}/dates?handler=Cancel&occurrenceId={Guid.NewGuid()}", NoFields, NotFound, Forbidden, Forbidden),
        new(typeof(Web.Pages.Events.Manage.DatesModel), "POST", $"/events/{{id}}/dates?handler=Move&occurrenceId={Guid.NewGuid()}", e => [("startsAt", "2027-06-12T15:00")], NotFound, Forbidden, Forbidden),
        new(typeof(Web.Pages.Events.Manage.DatesModel), "POST", $"/events/{{id}}/dates?handler=Places&occurrenceId={Guid.NewGuid()}", e => [("places", "3")], NotFound, Forbidden, Forbidden),
        new(typeof(Web.Pages.Events.Manage.Dashboard.IndexModel), "GET", "/events/{id}/dashboard", NoFields, Ok, Ok, Ok),
        new(typeof(Web.Pages.Events.Manage.Reports.IndexModel), "GET", "/events/{id}/reports/guest-list", NoFields, Ok, Ok, Forbidden),
        new(typeof(Web.Pages.Events.Manage.Reports.IndexModel), "GET", "/events/{id}/reports/guest-list?group=side&status=Confirmed", NoFields, Ok, Ok, Forbidden),
        new(typeof(Web.Pages.Events.Manage.Reports.IndexModel), "GET", "/events/{id}/reports/caterer-sheet", NoFields, Ok, Ok, Forbidden),
        new(typeof(Web.Pages.Events.Manage.Reports.IndexModel), "GET", "/events/{id}/reports/door-list", NoFields, Ok, Ok, Forbidden),
        new(typeof(Web.Pages.Events.Manage.Reports.IndexModel), "GET", "/events/{id}/reports/seating-plan", NoFields, Ok, Ok, Forbidden),
    ];

    private static readonly string[] People = ["Admin", "Editor", "Viewer", "OrgOwner", "OrgEditor", "OrgViewer", "ExpiredOrgOwner", "Outsider", "Anonymous"];

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in Matrix)
            foreach (var person in People)
                data.Add(person, row.Method, row.Path);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_person_gets_the_expected_status_and_denied_requests_change_nothing(string person, string method, string path)
    {
        var row = Matrix.Single(r => r.Method == method && r.Path == path);
        var (e, guest, import, message, reminder, invitation) = await app.CreateTeamEventAsync();
        var before = await SnapshotAsync(e.Id);
        var url = path.Replace("{id}", e.Id.ToString()).Replace("{guest}", guest.Id.ToString()).Replace("{import}", import.Id.ToString())
            .Replace("{message}", message.Id.ToString()).Replace("{reminder}", reminder.Id.ToString())
            .Replace("{invitation}", invitation.Id.ToString()).Replace("{viewer}", app.People["Viewer"].User!.Id.ToString());
        var client = app.People[person].Client;
        var form = row.Form(e).Select(f => (f.Item1, f.Item2.Replace("{guest}", guest.Id.ToString()))).ToArray();

        var response = method == "GET" ? await client.GetAsync(url) : await client.PostFormAsync(url, form);

        Assert.Equal(row.Expected(person), (int)response.StatusCode);
        if (person == "Anonymous")
            Assert.StartsWith("https://localhost/account/login", response.Headers.Location!.ToString());
        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound || person == "Anonymous")
            Assert.Equal(before, await SnapshotAsync(e.Id));
        if (response.StatusCode == HttpStatusCode.NotFound)
            Assert.DoesNotContain(e.Name, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_matrix_covers_every_handler_of_every_page_under_Events_Manage()
    {
        var handlers = PageHandlers.In("EventEngine.Web.Pages.Events.Manage");

        Assert.NotEmpty(handlers);
        foreach (var (page, method, handler) in handlers)
            Assert.True(Matrix.Any(r => r.Page == page && r.Method == method && PageHandlers.HandlerOf(r.Path) == handler),
                $"{page.Name} {method} handler '{handler}' has no row in the permission matrix.");
    }

    private Task<string> SnapshotAsync(Guid eventId) => app.QueryAsync(async db =>
    {
        var e = await db.Events.AsNoTracking().SingleOrDefaultAsync(x => x.Id == eventId);
        var members = await db.EventMembers.Where(m => m.EventId == eventId).OrderBy(m => m.UserId).Select(m => m.UserId + ":" + m.Role).ToListAsync();
        var guests = await db.Guests.Where(g => g.EventId == eventId).OrderBy(g => g.Id)
            .Select(g => g.Id + ":" + g.FirstName + ":" + g.Status + ":" + g.UpdatedAt).ToListAsync();
        var households = await db.Households.CountAsync(h => h.EventId == eventId);
        var messages = await db.OutboxMessages.Where(m => m.EventId == eventId).OrderBy(m => m.Id).Select(m => m.Id + ":" + m.State).ToListAsync();
        var reminders = await db.Reminders.Where(r => r.EventId == eventId).OrderBy(r => r.Id).Select(r => r.Id.ToString()).ToListAsync();
        var links = await db.RsvpLinks.Where(l => l.EventId == eventId).OrderBy(l => l.Id).Select(l => l.Id + ":" + l.RevokedAt).ToListAsync();
        var invitations = await db.EventInvitations.Where(i => i.EventId == eventId).OrderBy(i => i.Id)
            .Select(i => i.Id + ":" + i.ExpiresAt + ":" + i.AcceptedAt + ":" + i.RevokedAt).ToListAsync();
        var activity = await db.EventActivities.CountAsync(a => a.EventId == eventId);
        return e is null ? "deleted" : $"{e.Name}|{e.StartsAt:O}|{e.UpdatedAt:O}|{string.Join(",", members)}|{string.Join(",", guests)}|{households}|" +
            $"{string.Join(",", messages)}|{string.Join(",", reminders)}|{string.Join(",", links)}|{string.Join(",", invitations)}|{activity}";
    });
}
