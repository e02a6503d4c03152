using System.Net;
using EventEngine.Web.Tests.Infrastructure;

namespace EventEngine.Web.Tests.Pages;

public class StatusTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_form_that_cannot_be_read_keeps_its_400_and_gets_the_friendly_page()
    {
        var (client, _) = await app.LoggedInAsync("Reader");

        var response = await client.PostFormAsync("/events/new", ("Input.Name", "nul\0byte"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("couldn't be processed", (await AppClient.ParseAsync(response)).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task An_unknown_address_gets_a_friendly_404()
    {
        var response = await app.CreateAppClient().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We couldn't find that page.", (await AppClient.ParseAsync(response)).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_error_page_shows_a_reference_to_quote()
    {
        var page = await app.CreateAppClient().GetPageAsync("/error");

        Assert.Matches("^[0-9a-f]{32}$|^[0-9A-Z:]+$", page.QuerySelector("[data-testid=correlation-id]")!.TextContent);
    }

    [Fact]
    public async Task A_member_without_the_permission_gets_the_friendly_403()
    {
        var (client, viewer) = await app.LoggedInAsync("Viewer");
        var owner = await app.CreateUserAsync("Owner");
        var e = await app.CreateEventAsync(owner);
        await app.AddMemberAsync(e.Id, viewer, Web.Domain.EventRole.Viewer);

        var response = await client.GetAsync($"/events/{e.Id}/edit");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You don't have permission", (await AppClient.ParseAsync(response)).QuerySelector("h1")!.TextContent);
    }
}
