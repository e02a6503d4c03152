using System.Globalization;
using CsvHelper;
using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>
/// The guests of the current filter as CSV, streamed row by row (see <see cref="GuestCsv"/>); the headers are the
/// ones the importer recognises, so an export imports back unchanged.
/// </summary>
[RequireEventPermission(EventPermission.ExportGuests)]
public class ExportModel(AppDbContext db, CurrentEvent current) : PageModel
{
    public static readonly string[] Headers =
    [
        "First name", "Last name", "Phone", "Email", "Household", "Side", "Status", "Plus-ones allowed", "Plus-ones coming",
        "Plus-one names", "Plus-one dietary needs", "Dietary needs", "Language", "Table", "Tags", "Notes", "Message to the hosts", "Answered at (UTC)",
        "Added by", "Added at (UTC)",
    ];

    /// <summary>A public event's export goes on with where each registered person stands, their date and their answers.</summary>
    public static readonly string[] RegistrationHeaders = ["Registration", "Registered for", "Answers"];

    [BindProperty(SupportsGet = true)]
    public GuestFilter Filter { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        ModelState.Clear();
        var e = await db.Events.Where(x => x.Id == current.EventId).Select(x => new { x.Name, x.Visibility }).SingleAsync();
        var name = e.Name;
        var isPublic = e.Visibility == EventVisibility.Public;
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = FileName(name, "guests.csv") }.ToString();

        // Registered people's date and answers (their latest registration that stands), for the last two columns.
        var registrantIds = await Filter.Apply(db.Guests.Where(g => g.EventId == current.EventId && g.Registration != null), current.UserId)
            .Select(g => g.Id).ToListAsync();
        var registered = registrantIds.Count == 0 ? [] : await GuestRowView.RegistrationsAsync(db, current.EventId, registrantIds);
        var rows = Filter.Order(Filter.Apply(db.Guests.Where(g => g.EventId == current.EventId), current.UserId))
            .Select(g => new
            {
                g.Id,
                g.FirstName,
                g.LastName,
                g.Phone,
                g.Email,
                Household = g.Household!.Name,
                g.Side,
                g.Status,
                g.PlusOnesAllowed,
                g.PlusOnesComing,
                g.PlusOneNames,
                g.PlusOneDietaryNeeds,
                g.DietaryNeeds,
                g.Language,
                g.TableName,
                g.Tags,
                g.Notes,
                g.RsvpMessage,
                g.AnsweredAt,
                AddedBy = db.Users.Where(u => u.Id == g.AddedById).Select(u => u.DisplayName).FirstOrDefault(),
                g.CreatedAt,
                g.Registration,
            })
            .AsNoTracking().AsAsyncEnumerable();

        await using var writer = CsvWriter.Create(Response.Body, GuestCsv.Options, leaveOpen: true);
        await writer.WriteRecordAsync(isPublic ? [.. Headers, .. RegistrationHeaders] : Headers);
        await foreach (var g in rows)
        {
            string?[] record =
            [
                g.FirstName, g.LastName, g.Phone, g.Email, g.Household, g.Side, g.Status.Label(),
                g.PlusOnesAllowed.ToString(CultureInfo.InvariantCulture), g.PlusOnesComing.ToString(CultureInfo.InvariantCulture),
                string.Join("; ", g.PlusOneNames), string.Join("; ", g.PlusOneDietaryNeeds), g.DietaryNeeds, g.Language?.ToString(), g.TableName,
                string.Join(", ", g.Tags), g.Notes, g.RsvpMessage, g.AnsweredAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), g.AddedBy,
                g.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            ];
            await writer.WriteRecordAsync(!isPublic ? record :
            [
                .. record, g.Registration?.Label(), registered.GetValueOrDefault(g.Id)?.Date,
                registered.GetValueOrDefault(g.Id) is { } r ? string.Join("; ", r.Answers.Select(a => $"{a.Question}: {a.Answer}")) : null,
            ]);
        }
        await writer.FlushAsync();
        return new EmptyResult();
    }

    /// <summary>"Summer-Wedding-guests.csv": the event's name in safe characters, then what the file holds.</summary>
    public static string FileName(string eventName, string what)
    {
        var safe = new string(eventName.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return $"{(safe.Length == 0 ? "event" : safe[..Math.Min(safe.Length, 60)])}-{what}";
    }
}
