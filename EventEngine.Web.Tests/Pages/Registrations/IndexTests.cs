using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Registrations;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Pages.Registrations;

/// <summary>A registration's own link: where it stands, and the next step (confirm, take up or pass on an offer, cancel).</summary>
public class IndexTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Capacity Capacity => app.Services.GetRequiredService<Capacity>();

    [Fact]
    public async Task A_visitor_confirms_their_held_place_from_the_link()
    {
        var e = await EventAsync(capacity: 5);
        var (registration, path) = await RegisterAsync(e, "Visitor", confirmed: false);
        var visitor = app.CreateAppClient();

        var page = await visitor.GetPageAsync(path);
        Assert.Equal("Held", page.QuerySelector("[data-testid=registration]")!.GetAttribute("data-status"));
        Assert.Contains("Confirm my place", page.Body!.TextContent);
        var confirmed = await visitor.PostFormAsync(path + "?handler=Confirm", [], tokenFrom: path);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(path, confirmed.Headers.Location!.OriginalString);
        Assert.Equal(RegistrationStatus.Confirmed, await StatusAsync(registration.Id));
        Assert.Equal("Confirmed", (await visitor.GetPageAsync(path)).QuerySelector("[data-testid=registration]")!.GetAttribute("data-status"));
    }

    [Fact]
    public async Task Someone_offered_a_place_takes_it_and_someone_who_passes_hands_it_to_the_next()
    {
        var e = await EventAsync(capacity: 1);
        var (first, firstPath) = await RegisterAsync(e, "First");
        var (second, secondPath) = await RegisterAsync(e, "Second");
        var (third, thirdPath) = await RegisterAsync(e, "Third");
        var client = app.CreateAppClient();

        await client.PostFormAsync(firstPath + "?handler=Cancel", [], tokenFrom: firstPath);
        Assert.Contains("Take the place", (await client.GetPageAsync(secondPath)).Body!.TextContent);
        await client.PostFormAsync(secondPath + "?handler=Cancel", [], tokenFrom: secondPath);
        await client.PostFormAsync(thirdPath + "?handler=Confirm", [], tokenFrom: thirdPath);

        Assert.Equal(RegistrationStatus.Cancelled, await StatusAsync(first.Id));
        Assert.Equal(RegistrationStatus.Cancelled, await StatusAsync(second.Id));
        Assert.Equal(RegistrationStatus.Confirmed, await StatusAsync(third.Id));
    }

    [Fact]
    public async Task A_link_that_opens_no_registration_is_not_found_and_a_link_is_kept_out_of_referrers_and_search_engines()
    {
        var e = await EventAsync(capacity: 5);
        var (_, path) = await RegisterAsync(e, "Private");
        var client = app.CreateAppClient();

        var wrong = await client.GetAsync("/registrations/" + new string('x', 43));
        var right = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("no-referrer", right.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("noindex", right.Headers.GetValues("X-Robots-Tag").Single());
    }

    [Fact]
    public async Task A_post_without_the_pages_antiforgery_token_changes_nothing()
    {
        var e = await EventAsync(capacity: 5);
        var (registration, path) = await RegisterAsync(e, "Forged");

        var forged = await app.CreateAppClient().Http.PostAsync(path + "?handler=Cancel", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(RegistrationStatus.Confirmed, await StatusAsync(registration.Id));
    }

    private async Task<(Registration Registration, string Path)> RegisterAsync(Event e, string name, bool confirmed = true)
    {
        var registration = (await Capacity.RegisterAsync(new(e.Id, null, name, $"{name.ToLowerInvariant()}.{Guid.NewGuid():N}@example.com", 1, confirmed)))!;
        return (registration, "/registrations/" + Capacity.Token(registration));
    }

    private Task<RegistrationStatus> StatusAsync(Guid id) => app.QueryAsync(db => db.Registrations.Where(r => r.Id == id).Select(r => r.Status).SingleAsync());

    private Task<Event> EventAsync(int capacity) => app.ClassWithPlacesAsync(capacity);
}
