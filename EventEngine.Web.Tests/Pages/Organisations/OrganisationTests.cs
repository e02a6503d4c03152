using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using EventEngine.Web.Tests.Pages.Invitations;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Organisations;

public class OrganisationTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    private async Task<(AppClient Client, AppUser User)> ConfirmedAsync(string name)
    {
        var (client, user) = await app.LoggedInAsync(name);
        await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, true)));
        return (client, user);
    }

    private static Task<HttpResponseMessage> CreateAsync(AppClient client, string name, string slug = "") =>
        client.PostFormAsync("/organisations/new", [new("Input.Name", name), new("Input.Slug", slug)], "/organisations/new");

    [Fact]
    public async Task Creating_an_organisation_needs_a_confirmed_address_and_makes_the_creator_its_Owner()
    {
        var newcomer = app.CreateAppClient();
        var email = TeamTestKit.Email("unconfirmed");
        await newcomer.RegisterAsync("Unconfirmed", email, "/events");
        Assert.NotNull((await newcomer.GetPageAsync("/organisations/new")).QuerySelector("[data-testid=confirm-first]"));
        await CreateAsync(newcomer, "Sneaky Org");
        Assert.False(await app.QueryAsync(db => db.Organisations.AnyAsync(o => o.Name == "Sneaky Org")));

        var (client, user) = await ConfirmedAsync("Owner");
        var name = $"Café Müller {Guid.NewGuid():N}"[..20];
        var created = await CreateAsync(client, name);

        var organisation = await app.QueryAsync(db => db.Organisations.Include(o => o.Members).SingleAsync(o => o.Name == name));
        Assert.StartsWith("cafe-muller-", organisation.Slug);
        var owner = Assert.Single(organisation.Members);
        Assert.Equal((user.Id, OrganisationRole.Owner), (owner.UserId, owner.Role));
        Assert.Equal($"/organisations/{organisation.Id}", created.Headers.Location!.OriginalString);

        var taken = await AppClient.ParseAsync(await CreateAsync(client, "Another", organisation.Slug));
        Assert.Contains("Another organisation uses", taken.QuerySelector("[data-valmsg-for='Input.Slug']")!.TextContent);
        var bad = await AppClient.ParseAsync(await CreateAsync(client, "Another", "Not A Slug!"));
        Assert.Contains("lower-case letters", bad.QuerySelector("[data-valmsg-for='Input.Slug']")!.TextContent);
        Assert.Equal("Another", bad.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Name")!.Value);
    }

    private static Task<HttpResponseMessage> InviteAsync(AppClient owner, Guid id, string email, string role, DateOnly? until = null) =>
        owner.PostFormAsync($"/organisations/{id}?handler=invite",
            [new("Input.Email", email), new("Input.Role", role), new("Input.Until", until?.ToString("yyyy-MM-dd") ?? "")], $"/organisations/{id}");

    [Fact]
    public async Task Owners_invite_members_by_email_with_an_end_date_and_the_last_Owner_stays()
    {
        var (owner, ownerUser) = await ConfirmedAsync("Owner");
        var slug = $"club-{Guid.NewGuid():N}"[..20];
        await CreateAsync(owner, "The Club", slug);
        var id = await app.QueryAsync(db => db.Organisations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync());
        var (helper, helperUser) = await app.LoggedInAsync("Helper");
        var (outsider, _) = await app.LoggedInAsync("Outsider");
        var until = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10);

        await InviteAsync(owner, id, helperUser.Email!, "Viewer", until);
        // Nothing is granted until the invitation is accepted, through the emailed link, by the account with that address.
        Assert.False(await app.QueryAsync(db => db.OrganisationMembers.AnyAsync(m => m.OrganisationId == id && m.UserId == helperUser.Id)));
        Assert.Contains(helperUser.Email!, (await owner.GetPageAsync($"/organisations/{id}")).QuerySelector("[data-testid=organisation-invitations]")!.TextContent);
        var link = await app.InvitationPathAsync(helperUser.Email!, "invited you to join The Club");
        Assert.Equal(HttpStatusCode.OK, (await outsider.PostFormAsync(link, [], link)).StatusCode); // another account: the page says so, nothing joins
        Assert.False(await app.QueryAsync(db => db.OrganisationMembers.AnyAsync(m => m.OrganisationId == id && m.UserId != ownerUser.Id)));
        TeamTestKit.AssertRedirect(await helper.PostFormAsync(link, [], link), $"/organisations/{id}");
        Assert.Equal(HttpStatusCode.Gone, (await helper.GetAsync(link)).StatusCode); // used once
        var member = await app.QueryAsync(db => db.OrganisationMembers.SingleAsync(m => m.OrganisationId == id && m.UserId == helperUser.Id));
        Assert.Equal((OrganisationRole.Viewer, until.AddDays(1).ToDateTime(TimeOnly.MinValue)), (member.Role, member.ExpiresAt!.Value));

        Assert.Equal(HttpStatusCode.OK, (await helper.GetAsync($"/organisations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await InviteAsync(helper, id, helperUser.Email!, "Owner")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/organisations/{id}")).StatusCode);

        // Expired a minute ago: nothing at all.
        await app.QueryAsync(db => db.OrganisationMembers.Where(m => m.UserId == helperUser.Id)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        Assert.Equal(HttpStatusCode.NotFound, (await helper.GetAsync($"/organisations/{id}")).StatusCode);

        await owner.PostFormAsync($"/organisations/{id}?handler=removeMember&userId={ownerUser.Id}", [], $"/organisations/{id}");
        Assert.True(await app.QueryAsync(db => db.OrganisationMembers.AnyAsync(m => m.OrganisationId == id && m.UserId == ownerUser.Id)));
        var demote = await AppClient.ParseAsync(await InviteAsync(owner, id, ownerUser.Email!, "Editor"));
        Assert.Contains("needs an Owner", demote.QuerySelector("[data-valmsg-for='Input.Role']")!.TextContent);
    }

    [Fact]
    public async Task An_Editor_creates_a_public_draft_which_they_administer_and_the_whole_organisation_reaches()
    {
        var (owner, _) = await ConfirmedAsync("Owner");
        var slug = $"hall-{Guid.NewGuid():N}"[..20];
        await CreateAsync(owner, "Music Hall", slug);
        var id = await app.QueryAsync(db => db.Organisations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync());
        var (editor, editorUser) = await app.LoggedInAsync("Editor");
        await app.QueryAsync(db =>
        {
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = id, UserId = editorUser.Id, Role = OrganisationRole.Editor, JoinedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        var berlin = await app.QueryAsync(db => db.Cities.SingleAsync(c => c.Slug == "berlin"));

        var missing = await AppClient.ParseAsync(await editor.PostFormAsync($"/organisations/{id}/events/new",
            [new("Input.Name", "Jazz Night"), new("Input.StartsAt", "2027-03-27T20:00"), new("Input.AttendanceMode", "Offline")], $"/organisations/{id}/events/new"));
        Assert.NotEmpty(missing.QuerySelector("[data-valmsg-for='Input.CityId']")!.TextContent);
        Assert.Equal("Jazz Night", missing.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Name")!.Value);

        var created = await editor.PostFormAsync($"/organisations/{id}/events/new",
        [
            new("Input.Name", "Jazz Night"), new("Input.Summary", "Three quartets, one night."), new("Input.StartsAt", "2027-03-27T20:00"),
            new("Input.CityId", berlin.Id.ToString()), new("Input.Category", "Music"), new("Input.AttendanceMode", "Offline"),
            new("Input.Venue", "Music Hall"), new("Input.Address", "Hauptstraße 1, 10827 Berlin"),
        ], $"/organisations/{id}/events/new");

        var e = await app.QueryAsync(db => db.Events.Include(x => x.Members).SingleAsync(x => x.OrganisationId == id));
        Assert.Equal($"/events/{e.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal((EventVisibility.Public, EventStatus.Draft, "Europe/Berlin", "DE"), (e.Visibility, e.Status, e.TimeZoneId, e.DefaultCountry));
        Assert.Equal(new DateTime(2027, 3, 27, 19, 0, 0), e.StartsAt); // 20:00 in Berlin, before summer time starts on the 28th
        Assert.Equal(EventRole.Admin, Assert.Single(e.Members).Role);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/events/{e.Id}/editpublic")).StatusCode); // the Owner reaches it as Admin
        Assert.Contains("Jazz Night", (await owner.GetPageAsync($"/organisations/{id}")).QuerySelector("[data-testid=organisation-events]")!.TextContent);
        Assert.Contains("Jazz Night", (await owner.GetPageAsync("/events")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task An_Owner_edits_the_profile_with_a_logo_an_Editor_may_not_and_a_taken_address_is_refused_at_its_field()
    {
        var (owner, _) = await ConfirmedAsync("Owner");
        var slug = $"hall-{Guid.NewGuid():N}"[..20];
        await CreateAsync(owner, "Music Hall", slug);
        var id = await app.QueryAsync(db => db.Organisations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync());
        var other = $"other-{Guid.NewGuid():N}"[..20];
        await CreateAsync(owner, "Other Hall", other);
        using var bitmap = new SkiaSharp.SKBitmap(200, 200);
        bitmap.Erase(new SkiaSharp.SKColor(200, 40, 40, 0));
        var png = SkiaSharp.SKImage.FromBitmap(bitmap).Encode(SkiaSharp.SKEncodedImageFormat.Png, 100).ToArray();
        List<KeyValuePair<string, string>> Fields(string slugValue) =>
            [new("Input.Name", "Music Hall"), new("Input.Slug", slugValue), new("Input.Description", "Gigs <b>every</b> night."), new("Input.Website", "https://hall.example")];

        var taken = await AppClient.ParseAsync(await owner.PostMultipartAsync($"/organisations/{id}/settings", Fields(other)));
        Assert.Contains("Another organisation uses", taken.QuerySelector("[data-valmsg-for='Input.Slug']")!.TextContent);

        var saved = await owner.PostMultipartAsync($"/organisations/{id}/settings", Fields(slug), ("Input.Logo", "logo.png", png));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var organisation = await app.QueryAsync(db => db.Organisations.SingleAsync(o => o.Id == id));
        Assert.Equal(("Gigs <b>every</b> night.", "https://hall.example"), (organisation.Description, organisation.Website));
        var page = await app.CreateAppClient().GetPageAsync($"/orgs/{slug}");
        Assert.Equal($"/images/{organisation.LogoImageId}", page.QuerySelector("[data-testid=organisation-logo]")!.GetAttribute("src"));
        // The description is text: the tags show as typed, never as markup.
        Assert.Null(page.QuerySelector("main b"));
        Assert.Contains("Gigs <b>every</b> night.", page.QuerySelector("main")!.TextContent);

        var (editor, editorUser) = await app.LoggedInAsync("Editor");
        await app.QueryAsync(db =>
        {
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = id, UserId = editorUser.Id, Role = OrganisationRole.Editor, JoinedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync($"/organisations/{id}/settings")).StatusCode);
        var (outsider, _) = await app.LoggedInAsync("Outsider");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/organisations/{id}/settings")).StatusCode);
    }

    [Fact]
    public async Task Someone_without_an_account_is_invited_registers_from_the_link_and_joins_and_a_withdrawn_link_opens_nothing()
    {
        var (owner, _) = await ConfirmedAsync("Owner");
        var slug = $"choir-{Guid.NewGuid():N}"[..20];
        await CreateAsync(owner, "Town Choir", slug);
        var id = await app.QueryAsync(db => db.Organisations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync());
        var email = TeamTestKit.Email("newcomer");

        TeamTestKit.AssertRedirect(await InviteAsync(owner, id, email, "Editor"), $"/organisations/{id}");
        var again = await AppClient.ParseAsync(await InviteAsync(owner, id, email, "Editor"));
        Assert.Contains("already waiting", again.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent);
        var link = await app.InvitationPathAsync(email, "invited you to join Town Choir");

        var page = await app.CreateAppClient().GetPageAsync(link);
        Assert.Contains("join this organisation", page.QuerySelector("[data-testid=invitation]")!.TextContent);
        var newcomer = app.CreateAppClient();
        await newcomer.RegisterAsync("Newcomer", email, link);
        TeamTestKit.AssertRedirect(await newcomer.PostFormAsync(link, [], link), $"/organisations/{id}");
        Assert.Equal(OrganisationRole.Editor, await app.QueryAsync(db => db.OrganisationMembers
            .Where(m => m.OrganisationId == id && m.User.Email == email).Select(m => m.Role).SingleAsync()));

        var other = TeamTestKit.Email("withdrawn");
        await InviteAsync(owner, id, other, "Viewer");
        var withdrawnLink = await app.InvitationPathAsync(other, "invited you to join Town Choir");
        var invitationId = await app.QueryAsync(db => db.OrganisationInvitations.Where(i => i.Email == other).Select(i => i.Id).SingleAsync());
        await owner.PostFormAsync($"/organisations/{id}?handler=revoke&id={invitationId}", [], $"/organisations/{id}");
        Assert.Equal(HttpStatusCode.Gone, (await app.CreateAppClient().GetAsync(withdrawnLink)).StatusCode);
    }
}
