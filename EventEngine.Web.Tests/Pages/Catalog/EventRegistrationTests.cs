using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Pages.Catalog;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Catalog;

/// <summary>Registering from a public event's page: one step when signed in, the waiting list when full.</summary>
public class EventRegistrationTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_signed_in_person_registers_in_one_step_and_the_page_then_says_so_with_one_place_fewer()
    {
        var e = await EventAsync(capacity: 10, placesPerPerson: 3);
        var (client, user) = await app.LoggedInAsync("Ada Attendee");
        var path = EventModel.PathOf(e);
        Assert.Equal("10 places left.", (await client.GetPageAsync(path)).QuerySelector("[data-testid=places-left]")!.TextContent.Trim());

        var registered = await client.PostFormAsync($"{path}?handler=register", [new("places", "2")], tokenFrom: path);

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.StartsWith("/registrations/", registered.Headers.Location!.OriginalString);
        var registration = await app.QueryAsync(db => db.Registrations.SingleAsync(r => r.EventId == e.Id));
        Assert.Equal((user.Id, "Ada Attendee", user.Email, 2, RegistrationStatus.Confirmed),
            (registration.UserId, registration.Name, registration.Email, registration.Places, registration.Status));
        var after = await client.GetPageAsync(path);
        Assert.Equal("8 places left.", after.QuerySelector("[data-testid=places-left]")!.TextContent.Trim());
        Assert.Contains("You're registered (2 places)", after.QuerySelector("[data-testid=registration-panel]")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(registered.Headers.Location.OriginalString)).StatusCode);

        // A second try goes to the registration that stands, not a second one.
        await client.PostFormAsync($"{path}?handler=register", [new("places", "1")], tokenFrom: path);
        Assert.Equal(1, await app.QueryAsync(db => db.Registrations.CountAsync(r => r.EventId == e.Id)));
    }

    [Fact]
    public async Task When_the_event_is_full_a_person_joins_the_waiting_list()
    {
        var e = await EventAsync(capacity: 1);
        var (first, _) = await app.LoggedInAsync("First");
        var (second, _) = await app.LoggedInAsync("Second");
        var path = EventModel.PathOf(e);
        await first.PostFormAsync($"{path}?handler=register", [new("places", "1")], tokenFrom: path);

        var page = await second.GetPageAsync(path);
        Assert.Contains("Full: join the waiting list", page.QuerySelector("#register-heading")!.TextContent);
        await second.PostFormAsync($"{path}?handler=register", [new("places", "1")], tokenFrom: path);

        Assert.Equal([RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted],
            await app.QueryAsync(db => db.Registrations.Where(r => r.EventId == e.Id).OrderBy(r => r.CreatedAt).Select(r => r.Status).ToListAsync()));
        Assert.Contains("You're on the waiting list", (await second.GetPageAsync(path)).QuerySelector("[data-testid=registration-panel]")!.TextContent);
    }

    [Fact]
    public async Task A_visitor_without_an_account_gives_a_name_and_an_address_and_the_place_is_held_until_they_confirm_from_the_email()
    {
        var e = await EventAsync(capacity: 10, placesPerPerson: 2);
        var path = EventModel.PathOf(e);
        var visitor = app.CreateAppClient();
        Assert.NotNull((await visitor.GetPageAsync(path)).QuerySelector("[data-testid=visitor-form]"));

        var sent = await visitor.PostFormAsync($"{path}?handler=visitor",
            [new("Visitor.Name", "  Vera Visitor "), new("Visitor.Email", "vera@example.com"), new("Visitor.Places", "2")], tokenFrom: path);

        Assert.Equal(path, sent.Headers.Location!.OriginalString);
        var registration = await app.QueryAsync(db => db.Registrations.SingleAsync(r => r.EventId == e.Id));
        Assert.Equal(("Vera Visitor", "vera@example.com", 2, RegistrationStatus.Held, (Guid?)null),
            (registration.Name, registration.Email, registration.Places, registration.Status, registration.UserId));
        var email = await app.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.EventId == e.Id && m.Recipient == "vera@example.com"));
        Assert.Equal(MessagePurpose.RegistrationHeld, email.Purpose);
        Assert.Contains("Check your email: we sent a link to vera@example.com", (await visitor.GetPageAsync(path)).QuerySelector(".app-toast")!.TextContent);
        // Signing in to register in one step is still offered, and the one-step handler asks a visitor to log in.
        var anonymous = await visitor.PostFormAsync($"{path}?handler=register", [new("places", "1")], tokenFrom: path);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_visitors_mistakes_are_explained_at_their_fields_keeping_what_was_typed_and_nothing_is_held()
    {
        var e = await EventAsync(capacity: 10, placesPerPerson: 2);
        var path = EventModel.PathOf(e);
        var visitor = app.CreateAppClient();

        var blank = await AppClient.ParseAsync(await visitor.PostFormAsync($"{path}?handler=visitor",
            [new("Visitor.Name", "   "), new("Visitor.Email", "not-an-address"), new("Visitor.Places", "3")], tokenFrom: path));

        Assert.Contains("Enter your name", blank.QuerySelector("[data-valmsg-for='Visitor.Name']")!.TextContent);
        Assert.Contains("like name@example.com", blank.QuerySelector("[data-valmsg-for='Visitor.Email']")!.TextContent);
        Assert.Contains("from 1 to 2 places", blank.QuerySelector("[data-valmsg-for='Visitor.Places']")!.TextContent);
        Assert.Equal("not-an-address", blank.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Visitor_Email")!.Value);
        Assert.False(await app.QueryAsync(db => db.Registrations.AnyAsync(r => r.EventId == e.Id)));

        var (client, _) = await app.LoggedInAsync("Greedy");
        var greedy = await client.PostFormAsync($"{path}?handler=register", [new("places", "3")], tokenFrom: path);
        Assert.Equal(path, greedy.Headers.Location!.OriginalString);
        Assert.False(await app.QueryAsync(db => db.Registrations.AnyAsync(r => r.EventId == e.Id)));
    }

    [Fact]
    public async Task An_event_without_places_set_takes_no_registrations_here()
    {
        var e = await app.PublicEventAsync(await app.OrganisationAsync(), "Open Air", "london", new DateTime(2027, 5, 1, 19, 0, 0));
        var (client, _) = await app.LoggedInAsync("Keen");
        var path = EventModel.PathOf(e);

        Assert.Null((await client.GetPageAsync(path)).QuerySelector("[data-testid=registration-panel]"));
        await client.PostFormAsync($"{path}?handler=register", [new("places", "1")], tokenFrom: path);
        Assert.False(await app.QueryAsync(db => db.Registrations.AnyAsync(r => r.EventId == e.Id)));
    }

    private Task<Event> EventAsync(int capacity, int placesPerPerson = 1) => app.ClassWithPlacesAsync(capacity, placesPerPerson);

    [Fact]
    public async Task The_organisers_questions_are_asked_checked_at_their_fields_and_the_answers_show_in_the_guest_table_and_export()
    {
        var (organiser, owner) = await app.LoggedInAsync("Organiser");
        var e = await app.PublicEventAsync(await app.OrganisationAsync(), "Fun Run", "london", new DateTime(2027, 5, 1, 9, 0, 0), admin: owner,
            more: x => x.Capacity = 10);
        var size = new RegistrationQuestion { Id = Guid.NewGuid(), EventId = e.Id, Position = 1, Label = "T-shirt size", Kind = QuestionKind.Choice, Choices = ["S", "M", "L"], Required = true, CreatedAt = DateTime.UtcNow };
        var note = new RegistrationQuestion { Id = Guid.NewGuid(), EventId = e.Id, Position = 2, Label = "Anything else?", Kind = QuestionKind.Text, CreatedAt = DateTime.UtcNow };
        await app.QueryAsync(db => { db.RegistrationQuestions.AddRange(size, note); return db.SaveChangesAsync(); });
        var path = EventModel.PathOf(e);
        var visitor = app.CreateAppClient();
        Assert.Equal(2, (await visitor.GetPageAsync(path)).QuerySelectorAll("[data-testid=visitor-form] [data-testid=question]").Length);

        var refused = await AppClient.ParseAsync(await visitor.PostFormAsync($"{path}?handler=visitor",
            [new("Visitor.Name", "Vera"), new("Visitor.Email", "vera@example.com"), new("Visitor.Places", "1"), new($"Answers[{size.Id}]", "XXL"), new($"Answers[{note.Id}]", "Vegan")], tokenFrom: path));
        Assert.Contains("Choose one of the answers offered", refused.QuerySelector($"[data-valmsg-for='Answers[{size.Id}]']")!.TextContent);
        Assert.Equal("Vegan", refused.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"#answer-{note.Id:N}")!.Value);
        Assert.False(await app.QueryAsync(db => db.Registrations.AnyAsync(r => r.EventId == e.Id)));

        // Signed in, a required question left blank is asked again at its field.
        var (client, _) = await app.LoggedInAsync("Ada");
        var blank = await AppClient.ParseAsync(await client.PostFormAsync($"{path}?handler=register", [new("places", "1")], tokenFrom: path));
        Assert.Contains("Choose an answer", blank.QuerySelector($"[data-valmsg-for='Answers[{size.Id}]']")!.TextContent);
        Assert.False(await app.QueryAsync(db => db.Registrations.AnyAsync(r => r.EventId == e.Id)));

        await visitor.PostFormAsync($"{path}?handler=visitor",
            [new("Visitor.Name", "Vera Visitor"), new("Visitor.Email", "vera@example.com"), new("Visitor.Places", "1"), new($"Answers[{size.Id}]", "M"), new($"Answers[{note.Id}]", " Vegan ")], tokenFrom: path);

        var answers = await app.QueryAsync(db => db.RegistrationAnswers.Where(a => a.EventId == e.Id).OrderBy(a => a.Value).Select(a => a.Value).ToListAsync());
        Assert.Equal(["M", "Vegan"], answers);
        var guests = await organiser.GetPageAsync($"/events/{e.Id}/guests");
        Assert.Equal(["T-shirt size: M", "Anything else?: Vegan"], guests.QuerySelectorAll("[data-field=answer]").Select(a => a.TextContent.Trim()));
        var csv = CsvRecords.Read(System.Text.Encoding.UTF8.GetString((await organiser.Http.GetByteArrayAsync($"/events/{e.Id}/guests/export"))[3..]));
        Assert.Equal("T-shirt size: M; Anything else?: Vegan", csv[1][csv[0].IndexOf("Answers")]);
    }
}
