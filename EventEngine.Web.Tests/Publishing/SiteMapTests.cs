using System.Net;
using System.Xml.Linq;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Publishing;

public class SiteMapTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    private static readonly XNamespace Map = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private async Task<XDocument> XmlAsync(string path)
    {
        var response = await app.CreateAppClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_sitemap_lists_published_and_cancelled_event_pages_cities_and_organisations_but_no_drafts()
    {
        app.Clock.Set(new DateTime(2027, 4, 3, 14, 30, 0, DateTimeKind.Utc));
        var org = await app.OrganisationAsync("Mapped Org");
        var slug = await app.QueryAsync(db => db.Organisations.Where(o => o.Id == org).Select(o => o.Slug).SingleAsync());
        var published = await app.PublicEventAsync(org, "Mapped Gig", "rome", new DateTime(2027, 5, 1, 21, 0, 0));
        var cancelled = await app.PublicEventAsync(org, "Mapped Cancelled", "rome", new DateTime(2027, 5, 2, 21, 0, 0), status: EventStatus.Cancelled);
        var draft = await app.PublicEventAsync(org, "Mapped Draft", "rome", new DateTime(2027, 5, 3, 21, 0, 0), status: EventStatus.Draft);
        var quiet = await app.OrganisationAsync("Nothing Published");
        var quietSlug = await app.QueryAsync(db => db.Organisations.Where(o => o.Id == quiet).Select(o => o.Slug).SingleAsync());

        var index = await XmlAsync("/sitemap.xml");
        var parts = index.Root!.Elements(Map + "sitemap").Select(s => new Uri(s.Element(Map + "loc")!.Value).AbsolutePath).ToList();
        Assert.Equal(["/sitemaps/pages.xml", "/sitemaps/events-1.xml"], parts);

        var events = (await XmlAsync("/sitemaps/events-1.xml")).Root!.Elements(Map + "url").Select(u => u.Element(Map + "loc")!.Value).ToList();
        Assert.Contains(events, u => u.EndsWith($"/e/{published.Id}/mapped-gig"));
        Assert.Contains(events, u => u.EndsWith($"/e/{cancelled.Id}/mapped-cancelled"));
        Assert.DoesNotContain(events, u => u.Contains(draft.Id.ToString()));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateAppClient().GetAsync("/sitemaps/events-2.xml")).StatusCode);

        var pages = (await XmlAsync("/sitemaps/pages.xml")).Root!.Elements(Map + "url").Select(u => new Uri(u.Element(Map + "loc")!.Value).AbsolutePath).ToList();
        Assert.Contains("/discover", pages);
        Assert.Contains("/cities/rome", pages);
        Assert.Contains($"/orgs/{slug}", pages);
        Assert.DoesNotContain($"/orgs/{quietSlug}", pages);
    }

    [Fact]
    public async Task Robots_rules_keep_private_pages_out_and_point_to_the_sitemap()
    {
        var robots = await (await app.CreateAppClient().GetAsync("/robots.txt")).Content.ReadAsStringAsync();
        var disallowed = robots.Split('\n').Where(l => l.StartsWith("Disallow: ")).Select(l => l["Disallow: ".Length..]).ToList();

        foreach (var path in new[] { "/rsvp", "/invitations", "/registrations", "/events", "/organisations", "/account", "/staff", "/unsubscribe" })
            Assert.Contains(path, disallowed);
        // Nothing public is caught by a rule: rules match by prefix.
        foreach (var path in new[] { "/e/", "/discover", "/cities/", "/orgs/", "/feeds/", "/images/" })
            Assert.DoesNotContain(disallowed, rule => path.StartsWith(rule));
        Assert.Matches(@"Sitemap: https?://\S+/sitemap\.xml", robots);
    }
}
