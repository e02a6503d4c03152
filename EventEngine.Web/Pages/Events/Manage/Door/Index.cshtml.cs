using System.Globalization;
using CsvHelper;
using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Pages.Events.Manage.Guests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Door;

/// <summary>
/// The door, on a phone: the people expected (confirmed guests, and registered participants; for a series, those of
/// one date), found by name, each marked as arrived with one tap; and the attendance as a CSV file.
/// </summary>
[RequireEventPermission(EventPermission.ViewEvent)]
public class IndexModel(AppDbContext db, CurrentEvent current, TimeProvider clock) : PageModel
{
    public const int Shown = 200;

    public sealed record Person(Guid GuestId, string Name, int Headcount, DateTime? ArrivedAt);

    public Event Event { get; private set; } = null!;
    public CurrentEvent Current => current;
    /// <summary>For a series: the date at the door, and the dates to choose from.</summary>
    public Occurrence? Date { get; private set; }
    public IReadOnlyList<Occurrence> Dates { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "date")] public DateOnly? Day { get; set; }
    public IReadOnlyList<Person> People { get; private set; } = [];
    public int Expected { get; private set; }
    public int Arrived { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return this.PartialOrPage("_DoorList", this);
    }

    /// <summary>One tap: marks the person as arrived, or (undo) not.</summary>
    [RequireEventPermission(EventPermission.EditGuests)]
    public async Task<IActionResult> OnPostMarkAsync(Guid guestId, bool arrived = true)
    {
        await LoadEventAsync();
        if (!await ExpectedGuests().AnyAsync(g => g.Id == guestId)) return NotFound();
        var occurrenceId = Date?.Id;
        var existing = await db.Attendances.SingleOrDefaultAsync(a => a.GuestId == guestId && a.OccurrenceId == occurrenceId);
        if (arrived && existing is null)
            db.Attendances.Add(new Attendance
            {
                Id = Guid.NewGuid(),
                EventId = Event.Id,
                GuestId = guestId,
                OccurrenceId = occurrenceId,
                ArrivedAt = clock.GetUtcNow().UtcDateTime,
                MarkedById = current.UserId,
            });
        if (!arrived && existing is not null) db.Attendances.Remove(existing);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two people at the door tapped the same guest at once: the first tap stands.
        }
        if (!Request.IsHtmx()) return Redirect(Url.Page("/Events/Manage/Door/Index", new { eventId = Event.Id, date = Day?.ToString("yyyy-MM-dd"), q = Q })!);
        var person = await PeopleQuery(guestId).SingleAsync();
        return Partial("_DoorPerson", (this, person));
    }

    /// <summary>Who came, as a CSV file: the people expected, with when each arrived (in the event's zone) or not.</summary>
    [RequireEventPermission(EventPermission.ExportGuests)]
    public async Task<IActionResult> OnGetExportAsync()
    {
        await LoadEventAsync();
        var name = Date is null ? Event.Name : $"{Event.Name} {Date.Day:yyyy-MM-dd}";
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = ExportModel.FileName(name, "attendance.csv") }.ToString();
        var occurrenceId = Date?.Id;
        var rows = await ExpectedGuests().OrderBy(g => g.SortName).ThenBy(g => g.Id)
            .Select(g => new
            {
                g.FirstName,
                g.LastName,
                g.Email,
                Headcount = 1 + g.PlusOnesComing,
                Arrival = db.Attendances.Where(a => a.GuestId == g.Id && a.OccurrenceId == occurrenceId)
                    .Select(a => new { a.ArrivedAt, By = db.Users.Where(u => u.Id == a.MarkedById).Select(u => u.DisplayName).FirstOrDefault() }).FirstOrDefault(),
            })
            .AsNoTracking().ToListAsync();
        await using var writer = CsvWriter.Create(Response.Body, GuestCsv.Options, leaveOpen: true);
        await writer.WriteRecordAsync(["First name", "Last name", "Email", "People", "Arrived", $"Arrived at ({Event.TimeZoneId})", "Marked by"]);
        foreach (var r in rows)
            await writer.WriteRecordAsync(
            [
                r.FirstName, r.LastName, r.Email, r.Headcount.ToString(CultureInfo.InvariantCulture), r.Arrival is null ? "No" : "Yes",
                r.Arrival is { } a ? EventTime.ToLocal(a.ArrivedAt, Event.TimeZoneId).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null, r.Arrival?.By,
            ]);
        await writer.FlushAsync();
        return new EmptyResult();
    }

    private async Task LoadAsync()
    {
        await LoadEventAsync();
        // Everyone expected, for the counts: a door list is hundreds of people, not more.
        var everyone = await PeopleQuery().ToListAsync();
        Expected = everyone.Sum(p => p.Headcount);
        Arrived = everyone.Where(p => p.ArrivedAt != null).Sum(p => p.Headcount);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            // The guest table's search: accent-free words (or a phone number's digits) in the name, email or phone.
            var ids = (await new GuestFilter { Q = Q }.Apply(ExpectedGuests(), current.UserId).Select(g => g.Id).ToListAsync()).ToHashSet();
            everyone = everyone.Where(p => ids.Contains(p.GuestId)).ToList();
        }
        // Those still to come first, then those who came; by name.
        People = everyone.OrderBy(p => p.ArrivedAt != null).ThenBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).Take(Shown).ToList();
    }

    /// <summary>The event, and for a series the date at the door: the one asked for, else today's or the next.</summary>
    private async Task LoadEventAsync()
    {
        Event = await db.Events.AsNoTracking().SingleAsync(e => e.Id == current.EventId);
        if (!Event.IsSeries) return;
        var today = DateOnly.FromDateTime(EventTime.ToLocal(clock.GetUtcNow().UtcDateTime, Event.TimeZoneId));
        Dates = await db.Occurrences.AsNoTracking().Where(o => o.EventId == Event.Id && o.Status == OccurrenceStatus.Scheduled && o.Day >= today.AddDays(-14))
            .OrderBy(o => o.Day).Take(20).ToListAsync();
        Date = Day is { } day ? await db.Occurrences.AsNoTracking().SingleOrDefaultAsync(o => o.EventId == Event.Id && o.Day == day) : null;
        Date ??= Dates.FirstOrDefault(o => o.Day >= today) ?? Dates.LastOrDefault();
        Day = Date?.Day;
    }

    /// <summary>Confirmed guests (registered participants among them); for a series, those registered for the date.</summary>
    private IQueryable<Guest> ExpectedGuests()
    {
        var guests = db.Guests.Where(g => g.EventId == Event.Id);
        if (!Event.IsSeries) return guests.Where(g => g.Status == GuestStatus.Confirmed);
        var occurrenceId = Date?.Id;
        return guests.Where(g => db.Registrations.Any(r => r.GuestId == g.Id && r.OccurrenceId == occurrenceId && r.Status == RegistrationStatus.Confirmed));
    }

    /// <summary>The people expected (or just the one guest), each with their headcount and arrival.</summary>
    private IQueryable<Person> PeopleQuery(Guid? guestId = null)
    {
        var occurrenceId = Date?.Id;
        var seriesDate = Event.IsSeries;
        var guests = ExpectedGuests();
        if (guestId is { } id) guests = guests.Where(g => g.Id == id);
        return guests.Select(g => new Person(g.Id, g.FirstName + (g.LastName == null ? "" : " " + g.LastName),
            seriesDate
                ? db.Registrations.Where(r => r.GuestId == g.Id && r.OccurrenceId == occurrenceId && r.Status == RegistrationStatus.Confirmed).Sum(r => r.Places)
                : 1 + g.PlusOnesComing,
            db.Attendances.Where(a => a.GuestId == g.Id && a.OccurrenceId == occurrenceId).Select(a => (DateTime?)a.ArrivedAt).FirstOrDefault()));
    }
}
