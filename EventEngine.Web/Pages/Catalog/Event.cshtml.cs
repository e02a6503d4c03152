using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using EventEngine.Web.Htmx;
using EventEngine.Web.Publishing;
using EventEngine.Web.Registrations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Pages.Catalog;

/// <summary>
/// A public event's page, for anyone, at one stable address (/e/{id}/{name}; another name in the address redirects
/// there). Published and cancelled events are shown; drafts and events in review are not found.
/// </summary>
public class EventModel(AppDbContext db, IOptions<AppOptions> app, Capacity capacity, UserManager<AppUser> users, RateLimits limits, TimeProvider clock) : PageModel
{
    /// <summary>Registrations from one address without an account, per hour: each holds places for a while.</summary>
    public static readonly RateLimit VisitorRegistrations = new("register-visitor", 20, TimeSpan.FromHours(1));

    /// <summary>What a visitor without an account gives to register.</summary>
    public sealed class VisitorInput
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(Registration.NameMaxLength, ErrorMessage = "Keep your name under {1} characters.")]
        [Display(Name = "Your name")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Enter your email address: the link to confirm your place goes there.")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
        [StringLength(256, ErrorMessage = "Keep the address under {1} characters.")]
        [Display(Name = "Email")]
        public string? Email { get; set; }

        [Display(Name = "Places")]
        public int Places { get; set; } = 1;
    }

    [BindProperty]
    public VisitorInput Visitor { get; set; } = new();

    /// <summary>The answers to the organiser's questions, as the form sent them (by question); checked by <see cref="Registrations.Answers"/>.</summary>
    // Named, so that a form without answers binds nothing rather than falling back to reading every field as one.
    [BindProperty(Name = "Answers")]
    [Microsoft.AspNetCore.Mvc.ModelBinding.Validation.ValidateNever]
    public Dictionary<Guid, string?> Answers { get; set; } = [];

    /// <summary>The organiser's questions, asked when registering.</summary>
    public IReadOnlyList<RegistrationQuestion> Questions { get; private set; } = [];

    /// <summary>Registration here: places left (null for no limit) and whether people wait; null when the event takes none.</summary>
    public (int? Left, bool Waiting)? Availability { get; private set; }
    /// <summary>The signed-in person's registration for the event that still stands, with its link.</summary>
    public (Registration Registration, string Path)? Mine { get; private set; }

    /// <summary>The event as shown: for a date of a series, the series at that date (<see cref="Event.At"/>).</summary>
    public Event Event { get; private set; } = null!;
    /// <summary>The date of a series this page is for; null for a one-off event and for the series' own page.</summary>
    public Occurrence? Occurrence { get; private set; }
    /// <summary>On a series' own page: its dates to come (with places left), each linking to its page.</summary>
    public IReadOnlyList<(Occurrence Date, int? Left)> Dates { get; private set; } = [];
    public bool IsSeriesPage => Event.IsSeries && Occurrence is null;
    /// <summary>This page's own address.</summary>
    public string Here => PathOf(Event, Occurrence);
    public Organisation Organisation { get; private set; } = null!;
    public City? City { get; private set; }
    public string CanonicalUrl { get; private set; } = "";
    public string OrganisationUrl { get; private set; } = "";
    public string JsonLd { get; private set; } = "";
    public string? ImageUrl { get; private set; }

    public static string PathOf(Event e) => $"/e/{e.Id}/{(Slugs.From(e.Name) is { Length: > 0 } slug ? slug : "event")}";

    /// <summary>An occurrence's own page: the series' address and the occurrence's day (which stays when it moves).</summary>
    public static string PathOf(Event e, Occurrence? occurrence) => occurrence is null ? PathOf(e) : $"{PathOf(e)}/{occurrence.Day:yyyy-MM-dd}";

    public async Task<IActionResult> OnGetAsync(Guid id, string? slug, string? day)
    {
        if (!await LoadAsync(id, day)) return NotFound();
        if (Request.Path != Here) return RedirectPermanent(Here);
        JsonLd = EventJsonLd.For(Event, Organisation, City, CanonicalUrl, OrganisationUrl, ImageUrl);
        if (IsSeriesPage) await DatesAsync();
        else await RegistrationAsync();
        return Page();
    }

    /// <summary>The next dates of a series, with the places left on each.</summary>
    private async Task DatesAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var dates = await db.Occurrences.AsNoTracking().Where(o => o.EventId == Event.Id && o.StartsAt > now)
            .OrderBy(o => o.StartsAt).Take(12).ToListAsync(HttpContext.RequestAborted);
        var list = new List<(Occurrence, int?)>();
        foreach (var date in dates)
            list.Add((date, date.Status == OccurrenceStatus.Cancelled || (date.Capacity ?? Event.Capacity) is not { } limit ? null
                : (await capacity.AvailabilityAsync(date.Id, limit, HttpContext.RequestAborted)).Left));
        Dates = list;
    }

    /// <summary>A signed-in person registers in one step; anyone else logs in (or creates an account) first and comes back.</summary>
    public async Task<IActionResult> OnPostRegisterAsync(Guid id, string? day, int places)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!await LoadAsync(id, day)) return NotFound();
        await RegistrationAsync();
        if (Mine is { } mine) return this.RedirectWithToast(mine.Path, "You're already registered for this event.", ToastKind.Info);
        var user = await users.GetUserAsync(User);
        if (Availability is null || user is null) return this.RedirectWithToast(Here, "This event doesn't take registrations here.", ToastKind.Error);
        if (places < 1 || places > Event.PlacesPerPerson)
            return this.RedirectWithToast(Here, $"Choose from 1 to {Event.PlacesPerPerson} places.", ToastKind.Error);
        // Visitor's fields are not on this form: only the answers are checked.
        ModelState.Clear();
        var answers = CheckAnswers();
        if (!ModelState.IsValid)
        {
            JsonLd = EventJsonLd.For(Event, Organisation, City, CanonicalUrl, OrganisationUrl, ImageUrl);
            return Page();
        }
        var registration = await capacity.RegisterAsync(new(Event.Id, user.Id, user.DisplayName, user.Email!, places, Confirmed: true, Occurrence?.Id,
            ReaderLanguage(), answers), HttpContext.RequestAborted);
        if (registration is null) return this.RedirectWithToast(Here, "This event no longer takes registrations.", ToastKind.Error);
        return this.RedirectWithToast("/registrations/" + capacity.Token(registration), registration.Status == RegistrationStatus.Confirmed
            ? "You're registered." : "The event is full, so you're on the waiting list.");
    }

    /// <summary>
    /// A visitor without an account gives a name and an address; their places are held until they confirm from the
    /// email (or lapse), so an address that is not theirs gets nothing.
    /// </summary>
    public async Task<IActionResult> OnPostVisitorAsync(Guid id, string? day)
    {
        if (!await LoadAsync(id, day)) return NotFound();
        await RegistrationAsync();
        if (Availability is null) return this.RedirectWithToast(Here, "This event doesn't take registrations here.", ToastKind.Error);
        if (Visitor.Places < 1 || Visitor.Places > Event.PlacesPerPerson)
            ModelState.AddModelError($"{nameof(Visitor)}.{nameof(VisitorInput.Places)}", $"Choose from 1 to {Event.PlacesPerPerson} places.");
        if (Visitor.Name is not null && PlainText.Tidy(Visitor.Name) is null)
            ModelState.AddModelError($"{nameof(Visitor)}.{nameof(VisitorInput.Name)}", "Enter your name.");
        var answers = CheckAnswers();
        if (ModelState.IsValid && await limits.HitAsync(VisitorRegistrations, RateLimits.ClientOf(HttpContext), HttpContext.RequestAborted) is { } wait)
            ModelState.AddModelError($"{nameof(Visitor)}.{nameof(VisitorInput.Email)}",
                $"Too many registrations from your connection. Try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} minutes.");
        if (!ModelState.IsValid)
        {
            JsonLd = EventJsonLd.For(Event, Organisation, City, CanonicalUrl, OrganisationUrl, ImageUrl);
            return Page();
        }
        var email = Visitor.Email!.Trim();
        var registration = await capacity.RegisterAsync(new(Event.Id, null, PlainText.Tidy(Visitor.Name)!, email, Visitor.Places, Confirmed: false,
            Occurrence?.Id, ReaderLanguage(), answers), HttpContext.RequestAborted);
        if (registration is null) return this.RedirectWithToast(Here, "This event no longer takes registrations.", ToastKind.Error);
        return this.RedirectWithToast(Here, registration.Status == RegistrationStatus.Held
            ? $"Check your email: we sent a link to {email}. Confirm within {(int)Capacity.HoldFor.TotalMinutes} minutes to keep your place."
            : $"The event is full, so you're on the waiting list. We sent the details to {email}.");
    }

    /// <summary>The answers to the questions, checked; each problem goes to its question's field, keeping what was typed.</summary>
    private Dictionary<Guid, string> CheckAnswers()
    {
        var (answers, problems) = Web.Registrations.Answers.Check(Questions, Answers);
        foreach (var (field, problem) in problems) ModelState.AddModelError(field, problem);
        return answers;
    }

    /// <summary>
    /// The language the registrant's emails go in: the first of the browser's languages that guest messages are written
    /// in, else the event's.
    /// </summary>
    private Language ReaderLanguage() =>
        Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1)
            .Select(l => Localization.GuestTexts.All.FirstOrDefault(t => l.Value.Value is { } code && code.Split('-')[0].Equals(t.Code, StringComparison.OrdinalIgnoreCase)))
            .FirstOrDefault(t => t is not null)?.Language ?? Event.Language;

    /// <summary>Registration happens here when the organiser set a number of places and the event (or this date) is still to come.</summary>
    private async Task RegistrationAsync()
    {
        var places = Occurrence?.Capacity ?? Event.Capacity;
        if (Event.Status != EventStatus.Published || places is null || Event.RegistrationUrl is not null || IsSeriesPage
            || Occurrence?.Status == OccurrenceStatus.Cancelled || (Event.EndsAt ?? Event.StartsAt) <= clock.GetUtcNow().UtcDateTime) return;
        var pool = Occurrence?.Id ?? Event.Id;
        Availability = await capacity.AvailabilityAsync(pool, places, HttpContext.RequestAborted);
        Questions = await db.RegistrationQuestions.AsNoTracking().Where(q => q.EventId == Event.Id).OrderBy(q => q.Position).ToListAsync(HttpContext.RequestAborted);
        if (User.Identity?.IsAuthenticated != true) return;
        var userId = User.GetUserId();
        // Row-level security lets a person read their own registrations (migration 0022).
        var mine = await db.Registrations.AsNoTracking().Where(Capacity.InPool(pool)).Where(r => r.UserId == userId && Registration.Standing.Contains(r.Status))
            .OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (mine is not null) Mine = (mine, "/registrations/" + capacity.Token(mine));
    }

    public async Task<IActionResult> OnGetCalendarAsync(Guid id, string? day)
    {
        if (!await LoadAsync(id, day)) return NotFound();
        var file = CalendarFile.Public(Series, CanonicalUrl, clock.GetUtcNow().UtcDateTime, Occurrence);
        return File(System.Text.Encoding.UTF8.GetBytes(file), "text/calendar; charset=utf-8", $"{Slugs.From(Event.Name)}.ics");
    }

    /// <summary>The event as stored (for a series, the series itself).</summary>
    private Event Series { get; set; } = null!;

    /// <summary>Loads the event, and for a series the date named by <paramref name="day"/> (false if it has none that day).</summary>
    private async Task<bool> LoadAsync(Guid id, string? day)
    {
        var e = await db.Events.AsNoTracking().Include(x => x.Organisation).Include(x => x.City)
            .SingleOrDefaultAsync(x => x.Id == id && x.Visibility == EventVisibility.Public && (x.Status == EventStatus.Published || x.Status == EventStatus.Cancelled));
        if (e is null) return false;
        if (day is not null)
        {
            if (!e.IsSeries || !DateOnly.TryParseExact(day, "yyyy-MM-dd", out var date)) return false;
            Occurrence = await db.Occurrences.AsNoTracking().SingleOrDefaultAsync(o => o.EventId == e.Id && o.Day == date);
            if (Occurrence is null) return false;
        }
        Series = e;
        (Event, Organisation, City) = (Occurrence is null ? e : e.At(Occurrence), e.Organisation!, e.City);
        var baseUrl = app.Value.BaseUrl.TrimEnd('/');
        CanonicalUrl = baseUrl + Here;
        OrganisationUrl = $"{baseUrl}/orgs/{Organisation.Slug}";
        ImageUrl = e.ImageId is { } image ? baseUrl + ImageEndpoint.PathOf(image) : null;
        return true;
    }

    public string MapUrl => Event.Latitude is { } lat && Event.Longitude is { } lon
        ? FormattableString.Invariant($"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
        : "https://www.openstreetmap.org/search?query=" + Uri.EscapeDataString(string.Join(", ", new[] { Event.Venue, Event.Address, City?.Name }.Where(p => !string.IsNullOrWhiteSpace(p))));
}
