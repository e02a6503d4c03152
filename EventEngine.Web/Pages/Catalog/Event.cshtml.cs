using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using EventEngine.Web.Publishing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Pages.Catalog;

/// <summary>
/// A public event's page, for anyone, at one stable address (/e/{id}/{name}; another name in the address redirects
/// there). Published and cancelled events are shown; drafts and events in review are not found.
/// </summary>
public class EventModel(AppDbContext db, IOptions<AppOptions> app, TimeProvider clock) : PageModel
{
    public Event Event { get; private set; } = null!;
    public Organisation Organisation { get; private set; } = null!;
    public City? City { get; private set; }
    public string CanonicalUrl { get; private set; } = "";
    public string OrganisationUrl { get; private set; } = "";
    public string JsonLd { get; private set; } = "";
    public string? ImageUrl { get; private set; }

    public static string PathOf(Event e) => $"/e/{e.Id}/{(Slugs.From(e.Name) is { Length: > 0 } slug ? slug : "event")}";

    public async Task<IActionResult> OnGetAsync(Guid id, string? slug)
    {
        if (!await LoadAsync(id)) return NotFound();
        var path = PathOf(Event);
        if (Request.Path != path) return RedirectPermanent(path);
        JsonLd = EventJsonLd.For(Event, Organisation, City, CanonicalUrl, OrganisationUrl, ImageUrl);
        return Page();
    }

    public async Task<IActionResult> OnGetCalendarAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        var file = CalendarFile.Public(Event, CanonicalUrl, clock.GetUtcNow().UtcDateTime);
        return File(System.Text.Encoding.UTF8.GetBytes(file), "text/calendar; charset=utf-8", $"{Slugs.From(Event.Name)}.ics");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var e = await db.Events.AsNoTracking().Include(x => x.Organisation).Include(x => x.City)
            .SingleOrDefaultAsync(x => x.Id == id && x.Visibility == EventVisibility.Public && (x.Status == EventStatus.Published || x.Status == EventStatus.Cancelled));
        if (e is null) return false;
        (Event, Organisation, City) = (e, e.Organisation!, e.City);
        var baseUrl = app.Value.BaseUrl.TrimEnd('/');
        CanonicalUrl = baseUrl + PathOf(e);
        OrganisationUrl = $"{baseUrl}/orgs/{Organisation.Slug}";
        ImageUrl = e.ImageId is { } image ? baseUrl + ImageEndpoint.PathOf(image) : null;
        return true;
    }

    public string MapUrl => Event.Latitude is { } lat && Event.Longitude is { } lon
        ? FormattableString.Invariant($"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
        : "https://www.openstreetmap.org/search?query=" + Uri.EscapeDataString(string.Join(", ", new[] { Event.Venue, Event.Address, City?.Name }.Where(p => !string.IsNullOrWhiteSpace(p))));
}
