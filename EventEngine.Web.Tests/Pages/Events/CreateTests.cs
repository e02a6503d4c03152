using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Events;

public class CreateTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static List<KeyValuePair<string, string>> Form(string name = "Garden Party", string starts = "2027-07-04T18:00", string? ends = null,
        string zone = "America/New_York", string country = "US", string? venue = "Prospect Park", string? description = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Name", name), new("Input.StartsAt", starts), new("Input.TimeZoneId", zone), new("Input.DefaultCountry", country),
        };
        if (ends is not null) fields.Add(new("Input.EndsAt", ends));
        if (venue is not null) fields.Add(new("Input.Venue", venue));
        if (description is not null) fields.Add(new("Input.Description", description));
        return fields;
    }

    [Fact]
    public async Task Invitations_come_from_the_creator_until_the_hosts_say_otherwise()
    {
        var (client, user) = await app.LoggedInAsync("Priya Raman");
        var form = await client.GetPageAsync("/events/new");
        Assert.Equal("Priya Raman", form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_HostNames")!.Value);
        Assert.Equal(user.Email, form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_ReplyTo")!.Value);

        var name = $"Mehndi {Guid.NewGuid():N}";
        var response = await client.PostFormAsync("/events/new", [.. Form(name), new("Input.HostNames", " Priya & Arjun "), new("Input.ReplyTo", "arjun@example.com")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var created = await app.QueryAsync(db => db.Events.SingleAsync(e => e.Name == name));
        Assert.Equal(("Priya & Arjun", "arjun@example.com"), (created.HostNames, created.ReplyTo));
    }

    [Fact]
    public async Task A_reply_address_that_is_not_an_email_is_refused_at_its_field_and_kept()
    {
        var (client, _) = await app.LoggedInAsync();

        var response = await client.PostFormAsync("/events/new", [.. Form(), new("Input.ReplyTo", "arjun at home")]);
        var page = await AppClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Enter an email address like name@example.com.", page.QuerySelector("[data-valmsg-for='Input.ReplyTo']")!.TextContent.Trim());
        Assert.Equal("arjun at home", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_ReplyTo")!.Value);
    }

    [Fact]
    public async Task Creating_an_event_stores_the_start_as_UTC_and_makes_the_creator_its_Admin()
    {
        var (client, user) = await app.LoggedInAsync("Creator");
        var name = $"Garden Party {Guid.NewGuid():N}";

        var response = await client.PostFormAsync("/events/new", Form(name));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var created = await app.QueryAsync(db => db.Events.Include(e => e.Members).SingleAsync(e => e.Name == name));
        Assert.Equal($"/events/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(new DateTime(2027, 7, 4, 22, 0, 0, DateTimeKind.Utc), created.StartsAt);
        Assert.Equal("America/New_York", created.TimeZoneId);
        Assert.Equal("US", created.DefaultCountry);
        var member = Assert.Single(created.Members);
        Assert.Equal((user.Id, EventRole.Admin), (member.UserId, member.Role));
    }

    public static TheoryData<string, List<KeyValuePair<string, string>>, string> BadInput() => new()
    {
        { "Input.Name", Form(name: ""), "Give the event a name" },
        { "Input.Name", Form(name: "\u202E\u2066"), "Give the event a name" },
        { "Input.Name", Form(name: new string('x', 10_000)), "under 200 characters" },
        { "Input.StartsAt", Form(starts: ""), "Choose when the event starts" },
        { "Input.StartsAt", Form(starts: "next tuesday"), "not valid" },
        { "Input.EndsAt", Form(starts: "2027-07-04T18:00", ends: "2027-07-04T17:00"), "can't end before it starts" },
        { "Input.TimeZoneId", Form(zone: "Mars/Olympus_Mons"), "Choose a time zone from the list" },
        { "Input.TimeZoneId", Form(zone: "<script>alert(1)</script>"), "Choose a time zone from the list" },
        { "Input.DefaultCountry", Form(country: "XX"), "Choose a country from the list" },
        { "Input.Venue", Form(venue: new string('v', 301)), "under 300 characters" },
        { "Input.Description", Form(description: new string('d', 5001)), "under 5000 characters" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_gets_a_message_at_its_field_and_nothing_is_created(string field, List<KeyValuePair<string, string>> form, string message)
    {
        var (client, user) = await app.LoggedInAsync("Careless");

        var response = await client.PostFormAsync("/events/new", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent);
        Assert.False(await app.QueryAsync(db => db.EventMembers.AnyAsync(m => m.UserId == user.Id)));
    }

    [Fact]
    public async Task A_refused_form_keeps_what_was_typed_and_encodes_markup()
    {
        var (client, _) = await app.LoggedInAsync("Typist");
        var hostileName = "<img src=x onerror=alert(1)> Robert'); DROP TABLE events;--";

        var response = await client.PostFormAsync("/events/new", Form(name: hostileName, venue: "<b>Hall</b>", zone: "Nowhere/Land"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<b>Hall</b>", html);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal(hostileName, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Name")!.Value);
        Assert.Equal("<b>Hall</b>", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Venue")!.Value);
        Assert.Equal("2027-07-04T18:00", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_StartsAt")!.Value);
    }

    [Fact]
    public async Task Markup_in_a_saved_name_is_shown_as_text()
    {
        var (client, _) = await app.LoggedInAsync("Stored");
        var name = $"<script>alert('{Guid.NewGuid():N}')</script>";
        await client.PostFormAsync("/events/new", Form(name: name));

        var html = await (await client.GetAsync("/events")).Content.ReadAsStringAsync();

        Assert.DoesNotContain(name, html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public async Task An_HTMX_post_with_errors_gets_back_only_the_form_with_its_messages()
    {
        var (client, _) = await app.LoggedInAsync("Htmx");

        var response = await client.PostHtmxAsync("/events/new", Form(name: ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<form", html.TrimStart());
        Assert.DoesNotContain("<html", html);
        Assert.Contains("Give the event a name", html);
        Assert.Contains("HX-Request", response.Headers.Vary);
    }

    [Fact]
    public async Task An_HTMX_post_that_succeeds_redirects_through_HX_Redirect()
    {
        var (client, _) = await app.LoggedInAsync("HtmxOk");
        var name = $"Htmx Gala {Guid.NewGuid():N}";

        var response = await client.PostHtmxAsync("/events/new", Form(name: name));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var id = await app.QueryAsync(db => db.Events.Where(e => e.Name == name).Select(e => e.Id).SingleAsync());
        Assert.Equal($"/events/{id}", response.Headers.GetValues("HX-Redirect").Single());
    }

    [Fact]
    public async Task An_HTMX_post_without_the_antiforgery_header_is_refused_and_creates_nothing()
    {
        var (client, _) = await app.LoggedInAsync("Forged");
        var name = $"Forged {Guid.NewGuid():N}";

        var response = await client.PostHtmxAsync("/events/new", Form(name: name), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.QueryAsync(db => db.Events.AnyAsync(e => e.Name == name)));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_log_in()
    {
        var response = await app.CreateAppClient().GetAsync("/events/new");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/account/login", response.Headers.Location!.ToString());
    }
}
