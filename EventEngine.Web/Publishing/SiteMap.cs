using System.Text;
using System.Xml;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Publishing;

/// <summary>
/// What search engines may read. /robots.txt keeps them out of everything private (hosts' pages, accounts, staff,
/// RSVP and invitation links, which also answer with noindex) and points to /sitemap.xml: an index of /sitemaps/pages.xml
/// (the catalog, cities and organisations) and /sitemaps/events-{n}.xml, the public events' pages in parts small
/// enough for the protocol's 50,000-address limit.
/// </summary>
public static class SiteMap
{
    public const int EventsPerPart = 40_000;

    private static readonly string[] Private = ["/account", "/events", "/organisations", "/staff", "/rsvp", "/invitations", "/registrations", "/unsubscribe", "/status", "/error"];

    public static void MapSiteMap(this IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", (IOptions<AppOptions> options) =>
        {
            var text = new StringBuilder("User-agent: *\n");
            foreach (var path in Private) text.Append($"Disallow: {path}\n");
            text.Append("Allow: /\n\n").Append($"Sitemap: {Base(options)}/sitemap.xml\n");
            return Results.Text(text.ToString(), "text/plain; charset=utf-8");
        });

        app.MapGet("/sitemap.xml", async (AppDbContext db, IOptions<AppOptions> options) =>
        {
            var parts = (int)Math.Ceiling(await Listed(db).CountAsync() / (double)EventsPerPart);
            return Xml(w =>
            {
                w.WriteStartElement("sitemapindex", Namespace);
                foreach (var path in new[] { "/sitemaps/pages.xml" }.Concat(Enumerable.Range(1, parts).Select(n => $"/sitemaps/events-{n}.xml")))
                {
                    w.WriteStartElement("sitemap");
                    w.WriteElementString("loc", Base(options) + path);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            });
        });

        app.MapGet("/sitemaps/pages.xml", async (AppDbContext db, IOptions<AppOptions> options) =>
        {
            var cities = await db.Cities.AsNoTracking().OrderBy(c => c.Slug).Select(c => c.Slug).ToListAsync();
            var organisations = await db.Organisations.AsNoTracking()
                .Where(o => db.Events.Any(e => e.OrganisationId == o.Id && e.Visibility == EventVisibility.Public && e.Status == EventStatus.Published))
                .OrderBy(o => o.Slug).Select(o => o.Slug).ToListAsync();
            var paths = new[] { "/", "/discover" }.Concat(cities.Select(c => $"/cities/{c}")).Concat(organisations.Select(o => $"/orgs/{o}"));
            return UrlSet(paths.Select(p => (Base(options) + p, (DateTime?)null)));
        });

        app.MapGet("/sitemaps/events-{part:int}.xml", async (int part, AppDbContext db, IOptions<AppOptions> options) =>
        {
            if (part < 1) return Results.NotFound();
            var events = await Listed(db).OrderBy(e => e.Id).Skip((part - 1) * EventsPerPart).Take(EventsPerPart)
                .Select(e => new { e.Id, e.Name, e.UpdatedAt }).ToListAsync();
            if (events.Count == 0) return Results.NotFound();
            return UrlSet(events.Select(e => (Base(options) + Pages.Catalog.EventModel.PathOf(new Event { Id = e.Id, Name = e.Name }), (DateTime?)e.UpdatedAt)));
        });
    }

    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>Published and cancelled events: a cancelled event's page stays, saying so.</summary>
    private static IQueryable<Event> Listed(AppDbContext db) => db.Events.AsNoTracking()
        .Where(e => e.Visibility == EventVisibility.Public && (e.Status == EventStatus.Published || e.Status == EventStatus.Cancelled));

    private static string Base(IOptions<AppOptions> options) => options.Value.BaseUrl.TrimEnd('/');

    private static IResult UrlSet(IEnumerable<(string Url, DateTime? Modified)> urls) => Xml(w =>
    {
        w.WriteStartElement("urlset", Namespace);
        foreach (var (url, modified) in urls)
        {
            w.WriteStartElement("url");
            w.WriteElementString("loc", url);
            if (modified is { } at) w.WriteElementString("lastmod", DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
            w.WriteEndElement();
        }
        w.WriteEndElement();
    });

    private static IResult Xml(Action<XmlWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            writer.WriteStartDocument();
            write(writer);
        }
        return Results.Bytes(buffer.ToArray(), "application/xml; charset=utf-8");
    }
}
