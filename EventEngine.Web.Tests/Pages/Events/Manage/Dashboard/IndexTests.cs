using Microsoft.Extensions.DependencyInjection;
using System.Net;
using AngleSharp.Dom;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Dashboard;

/// <summary>The dashboard against a small event whose every number is worked out by hand below.</summary>
public class IndexTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(Event Event, AppClient Viewer)> KnownEventAsync()
    {
        var admin = await app.CreateUserAsync("Admin");
        var e = await app.CreateEventAsync(admin, "Chart Wedding", "America/New_York");
        var (viewer, viewerUser) = await app.LoggedInAsync("Viewer");
        await app.AddMemberAsync(e.Id, viewerUser, EventRole.Viewer);
        var alpha = new Household { Id = Guid.NewGuid(), EventId = e.Id, Name = "Alpha family", CreatedAt = DateTime.UtcNow };
        var beta = new Household { Id = Guid.NewGuid(), EventId = e.Id, Name = "Beta family", CreatedAt = DateTime.UtcNow };
        await app.QueryAsync(db => { db.Households.AddRange(alpha, beta); return db.SaveChangesAsync(); });

        // Bride: Ana (confirmed, brings Tom), Ben (declined), Cai (waiting). Groom: Dov (confirmed), Eve (waiting). No side: Fay (confirmed, 2 allowed, none coming).
        var ana = await app.AddGuestAsync(e.Id, "Ana", g => { g.LastName = "Amir"; g.Side = "Bride"; g.Status = GuestStatus.Confirmed; g.HouseholdId = alpha.Id; g.PlusOnesAllowed = 1; g.PlusOnesComing = 1; g.PlusOneNames = ["Tom"]; g.PlusOneDietaryNeeds = ["Vegan"]; g.DietaryNeeds = "vegetarian, no nuts"; });
        await app.AddGuestAsync(e.Id, "Ben", g => { g.LastName = "Bar"; g.Side = "Bride"; g.Status = GuestStatus.Declined; g.HouseholdId = alpha.Id; g.DietaryNeeds = "halal"; });
        await app.AddGuestAsync(e.Id, "Cai", g => { g.LastName = "Cole"; g.Side = "Bride"; g.DietaryNeeds = "Vegetarian"; });
        var dov = await app.AddGuestAsync(e.Id, "Dov", g => { g.LastName = "Dor"; g.Side = "Groom"; g.Status = GuestStatus.Confirmed; g.HouseholdId = beta.Id; g.DietaryNeeds = "vegan."; });
        await app.AddGuestAsync(e.Id, "Eve", g => { g.LastName = "Eden"; g.Side = "Groom"; g.HouseholdId = beta.Id; });
        await app.AddGuestAsync(e.Id, "Fay", g => { g.LastName = "Fox"; g.Status = GuestStatus.Confirmed; g.PlusOnesAllowed = 2; });

        await app.QueryAsync(db =>
        {
            EventActivity Answer(Guest g, DateTime at, ActivityKind kind = ActivityKind.RsvpAnswered) =>
                new() { EventId = e.Id, CreatedAt = at, ActorName = g.FirstName, Kind = kind, Summary = "Answered", GuestId = g.Id };
            // Two answers on 1 March; one at 02:00 UTC on 4 March, which is still 3 March in New York; a change of answer is not a first answer.
            db.EventActivities.AddRange(Answer(ana, new(2027, 3, 1, 14, 0, 0, DateTimeKind.Utc)), Answer(dov, new(2027, 3, 1, 20, 0, 0, DateTimeKind.Utc)),
                Answer(ana, new(2027, 3, 4, 2, 0, 0, DateTimeKind.Utc)), Answer(dov, new(2027, 3, 2, 12, 0, 0, DateTimeKind.Utc), ActivityKind.RsvpChanged));
            OutboxMessage Message(MessageChannel channel, MessageState state, MessagePurpose purpose, DateTime? sent = null, Guid? guestId = null) => new()
            {
                Id = Guid.NewGuid(),
                EventId = e.Id,
                GuestId = guestId ?? ana.Id,
                Channel = channel,
                Purpose = purpose,
                Recipient = "x",
                BodyText = "x",
                State = state,
                NextAttemptAt = DateTime.UtcNow,
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
                SentAt = sent,
            };
            db.OutboxMessages.AddRange(
                Message(MessageChannel.Email, MessageState.Sent, MessagePurpose.Invitation, new(2027, 3, 1, 9, 0, 0, DateTimeKind.Utc)),
                Message(MessageChannel.Email, MessageState.Sent, MessagePurpose.Reminder, new(2027, 3, 3, 15, 0, 0, DateTimeKind.Utc)),
                Message(MessageChannel.Email, MessageState.Failed, MessagePurpose.Broadcast),
                Message(MessageChannel.WhatsApp, MessageState.Delivered, MessagePurpose.Broadcast, DateTime.UtcNow),
                Message(MessageChannel.WhatsApp, MessageState.Read, MessagePurpose.Broadcast, DateTime.UtcNow),
                Message(MessageChannel.WhatsApp, MessageState.Read, MessagePurpose.Broadcast, DateTime.UtcNow),
                Message(MessageChannel.WhatsApp, MessageState.Queued, MessagePurpose.Broadcast),
                Message(MessageChannel.WhatsApp, MessageState.Cancelled, MessagePurpose.Broadcast));
            return db.SaveChangesAsync();
        });

        // Another event's guests and messages must not count here.
        var other = await app.CreateEventAsync(admin, "Other Event");
        await app.AddGuestAsync(other.Id, "Zed", g => { g.Side = "Bride"; g.Status = GuestStatus.Confirmed; g.DietaryNeeds = "vegan"; });
        return (e, viewer);
    }

    private static List<string> Row(IElement table, string rowHeader) =>
        table.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent == rowHeader).QuerySelectorAll("td").Select(c => c.TextContent).ToList();

    [Fact]
    public async Task Every_number_on_the_dashboard_matches_the_guest_list()
    {
        var (e, viewer) = await KnownEventAsync();

        var page = await viewer.GetPageAsync($"/events/{e.Id}/dashboard"); // a Viewer may see the dashboard
        string Count(string name) => page.QuerySelector($"[data-count={name}]")!.TextContent;
        Assert.Equal(("6", "3", "1", "2", "50%", "4"), (Count("guests"), Count("confirmed"), Count("declined"), Count("waiting"), Count("rate"), Count("headcount")));
        Assert.Contains("of up to 8", page.QuerySelector("[data-count=headcount]")!.ParentElement!.TextContent);

        var sides = page.QuerySelector("[data-testid=sides-chart] table")!;
        Assert.Equal(["3", "1", "1", "1", "2"], Row(sides, "Bride"));
        Assert.Equal(["2", "1", "0", "1", "1"], Row(sides, "Groom"));
        Assert.Equal(["1", "1", "0", "0", "1"], Row(sides, "No side"));
        var households = page.QuerySelector("[data-testid=households-chart] table")!;
        Assert.Equal(["Alpha family", "Beta family", "Guests without a household"], households.QuerySelectorAll("tbody th").Select(t => t.TextContent));
        Assert.Equal(["2", "1", "1", "0", "2"], Row(households, "Alpha family"));
        Assert.Equal(["2", "1", "0", "1", "1"], Row(households, "Beta family"));
        Assert.Equal(["2", "1", "0", "1", "1"], Row(households, "Guests without a household"));

        // The bars are drawn to scale: Bride's 1 confirmed of the largest group's 3 guests is a third of 360.
        var bride = page.QuerySelectorAll("[data-testid=sides-chart] svg g").First(g => g.QuerySelector("title")!.TextContent.StartsWith("Bride"));
        Assert.Equal("120", bride.QuerySelector(".bar-confirmed")!.GetAttribute("width"));
        Assert.Equal("img", page.QuerySelector("[data-testid=sides-chart] svg")!.GetAttribute("role"));
        Assert.Contains("Bride: 3 guests, 1 confirmed, 1 declined, 1 waiting", page.QuerySelector("#sides-chart-desc")!.TextContent);

        var dietary = page.QuerySelectorAll("[data-testid=dietary] li").ToDictionary(li => li.GetAttribute("data-need")!, li => (
            li.QuerySelector(".dietary-count")!.TextContent, li.QuerySelector("p")!.TextContent));
        Assert.Equal(["Vegan", "Vegetarian", "No nuts"], dietary.Keys); // halal was Ben's, who declined
        Assert.Equal(("2", "Tom (with Ana Amir), Dov Dor"), dietary["Vegan"]);
        Assert.Equal(("2", "Ana Amir, Cai Cole"), dietary["Vegetarian"]);
        Assert.Equal(("1", "Ana Amir"), dietary["No nuts"]);

        var days = page.QuerySelectorAll("[data-testid=answers-chart] tbody tr").ToDictionary(r => r.GetAttribute("data-day")!, r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToList());
        Assert.Equal(["2027-03-01", "2027-03-03"], days.Keys);
        Assert.Equal(["2", "invitations"], days["2027-03-01"]);
        Assert.Equal(["1", "reminders"], days["2027-03-03"]);
        Assert.Equal(14, page.QuerySelectorAll("[data-testid=answers-chart] svg .bar-answers").Length); // at least two weeks, ending 3 March

        var delivery = page.QuerySelector("[data-testid=delivery]")!;
        Assert.Equal(["0", "2", "0", "0", "1"], Row(delivery, "Email"));
        Assert.Equal(["1", "0", "1", "2", "0"], Row(delivery, "WhatsApp"));
    }

    [Fact]
    public async Task An_event_without_guests_says_so_instead_of_drawing_empty_charts()
    {
        var (admin, user) = await app.LoggedInAsync("Empty Host");
        var e = await app.CreateEventAsync(user, "Empty Event");

        var page = await admin.GetPageAsync($"/events/{e.Id}/dashboard");

        Assert.Contains("No guests yet", page.QuerySelector(".empty-state h2")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("svg.chart-svg"));
    }

    [Fact]
    public async Task Hostile_names_are_drawn_as_text_in_the_charts()
    {
        var (admin, user) = await app.LoggedInAsync("Hostile Host");
        var e = await app.CreateEventAsync(user, "Hostile Event");
        await app.AddGuestAsync(e.Id, "X", g => { g.Side = "</text><script>alert(1)</script>"; g.DietaryNeeds = "<img src=x onerror=alert(1)>"; });

        var response = await admin.GetAsync($"/events/{e.Id}/dashboard");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.DoesNotContain("<img src=x", html);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("</text><script>alert(1)</script>", page.QuerySelector("[data-testid=sides-chart] tbody th")!.TextContent);
    }

    [Fact]
    public async Task The_export_menu_offers_every_report_for_the_whole_event_to_those_who_may_export()
    {
        var (client, admin) = await app.LoggedInAsync();
        var (viewer, viewerUser) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin);
        await app.AddMemberAsync(e.Id, viewerUser, EventRole.Viewer);

        var page = await client.GetPageAsync($"/events/{e.Id}/dashboard");

        Assert.Equal("All guests", page.QuerySelector("[data-export-scope]")!.TextContent);
        Assert.Equal(
            [$"/events/{e.Id}/guests/export", $"/events/{e.Id}/reports/guest-list", $"/events/{e.Id}/reports/guest-list?group=side",
             $"/events/{e.Id}/reports/caterer-sheet", $"/events/{e.Id}/reports/door-list", $"/events/{e.Id}/reports/seating-plan"],
            page.QuerySelectorAll("[data-export-link]").Select(a => a.GetAttribute("href")));
        Assert.Null((await viewer.GetPageAsync($"/events/{e.Id}/dashboard")).QuerySelector("[data-export-link]"));
    }

    [Fact]
    public async Task A_public_event_shows_its_places_waiting_list_and_registrations_per_day()
    {
        var (client, owner) = await app.LoggedInAsync("Organiser");
        var e = await app.PublicEventAsync(await app.OrganisationAsync(), "Talk", "london", DateTime.UtcNow.Date.AddDays(20).AddHours(19), admin: owner,
            more: x => x.Capacity = 2);
        var desk = app.Services.GetRequiredService<EventEngine.Web.Registrations.Capacity>();
        foreach (var name in new[] { "Ann", "Bob", "Cat" }) await desk.RegisterAsync(new(e.Id, null, name, $"{name}@example.com", 1, true));

        var page = await client.GetPageAsync($"/events/{e.Id}/dashboard");

        var pool = page.QuerySelector("[data-testid=registration-pool]")!;
        Assert.Equal(["2 of 2 taken", "1 waiting", "0 offered"], pool.QuerySelectorAll("[data-figure]").Select(f => f.TextContent.Trim()));
        Assert.Contains("3 registrations in the last 30 days", page.QuerySelector("#registrations-chart-title")!.TextContent);
        // A private event has no such panel.
        var privateEvent = await app.CreateEventAsync(owner, "Dinner", "Europe/London");
        Assert.Null((await client.GetPageAsync($"/events/{privateEvent.Id}/dashboard")).QuerySelector("[data-testid=registrations]"));
    }
}
