using CsvHelper;
using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EventEngine.Web.Pages.Events.Manage.Guests.Import;

/// <summary>
/// Steps 2 and 3: match columns to fields and see what would happen (a GET, so the mapping is in the URL), then
/// import (POST). After the import the same address shows its summary and offers the rejected rows as a file.
/// </summary>
[RequireEventPermission(EventPermission.EditGuests)]
public class ReviewModel(AppDbContext db, CurrentEvent current, ActivityLog log, ImportCache cache, TimeProvider clock) : PageModel
{
    [FromRoute]
    public Guid ImportId { get; set; }

    [BindProperty(SupportsGet = true)]
    public List<ImportField> Map { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public DuplicatePolicy Duplicates { get; set; }

    public GuestImport Import { get; private set; } = null!;
    public GuestFile Upload { get; private set; } = null!;
    public ImportPlan Plan { get; private set; } = null!;
    public string? Error { get; private set; }
    public string BaseUrl => Url.Page("/Events/Manage/Guests/Import/Review", new { eventId = current.EventId, importId = ImportId })!;
    public Guid EventId => current.EventId;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is { } notFound) return notFound;
        if (Import.CompletedAt is null) await PlanAsync();
        return this.PartialOrPage("_Review", this);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } notFound) return notFound;
        if (Import.CompletedAt is not null) return Redirect(BaseUrl);
        await PlanAsync();
        if (Plan.MappingError is not null) return this.PartialOrPage("_Review", this);
        if (Plan.New.Count + Plan.Updates.Count == 0)
        {
            Error = "There is nothing to import: every row is a duplicate or has a problem.";
            return this.PartialOrPage("_Review", this);
        }
        log.Add(ActivityKind.GuestsImported, $"Imported {Import.FileName}: {Plan.New.Count} added, {Plan.Updates.Count} updated",
            $"Skipped as duplicates: {Plan.Skipped}\nRejected with problems: {Plan.Rejected}" + (Plan.Flagged > 0 ? $"\nImported with something left out: {Plan.Flagged}" : ""));
        try
        {
            await ImportWriter.CommitAsync(db, Import, Plan, RejectedCsv(), clock.GetUtcNow().UtcDateTime, HttpContext.RequestAborted);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            Error = "Someone added one of these guests while the import ran, so nothing was imported. Check the preview and import again.";
            await PlanAsync();
            return this.PartialOrPage("_Review", this);
        }
        var message = $"Import finished: {Plan.New.Count} added, {Plan.Updates.Count} updated.";
        return this.RedirectWithToast(BaseUrl, message);
    }

    public async Task<IActionResult> OnGetRejectedAsync()
    {
        if (await LoadAsync() is { } notFound) return notFound;
        if (Import.RejectedCsv is null) return NotFound();
        return File(Import.RejectedCsv, "text/csv; charset=utf-8", $"rejected-{Path.GetFileNameWithoutExtension(Import.FileName)}.csv");
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var import = await db.GuestImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == ImportId && i.EventId == current.EventId);
        if (import is null) return NotFound();
        Import = import;
        return null;
    }

    private async Task PlanAsync()
    {
        Upload = cache.File(Import);
        ModelState.Clear();
        if (Map.Count != Upload.Headers.Count) Map = [.. ImportFields.Detect(Upload.Headers)];
        var country = await GuestQueries.DefaultCountryAsync(db, current.EventId);
        var (mappingError, rows) = cache.Rows(Import, Upload, [.. Map], country);
        if (mappingError is not null)
        {
            Plan = new ImportPlan { MappingError = mappingError };
            return;
        }
        var guests = await db.Guests.AsNoTracking().Where(g => g.EventId == current.EventId).ToListAsync();
        var households = await db.Households.AsNoTracking().Where(h => h.EventId == current.EventId).ToListAsync();
        var planner = new ImportPlanner(current.EventId, current.UserId, clock.GetUtcNow().UtcDateTime, guests, households);
        Plan = planner.Plan(rows, [.. Map], Duplicates);
    }

    /// <summary>The rejected rows as they were in the file, with a last column saying what was wrong.</summary>
    private byte[]? RejectedCsv()
    {
        if (Plan.Rejected == 0) return null;
        var width = Math.Max(Upload.Headers.Count, Plan.RejectedRows.Max(r => r.Cells.Length));
        var reasons = Plan.Problems.GroupBy(p => p.Row).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(p => $"{p.Column}: {p.Reason}")));
        using var buffer = new MemoryStream();
        using (var writer = CsvWriter.Create(buffer, GuestCsv.Options, leaveOpen: true))
        {
            writer.WriteRecord([.. Enumerable.Range(0, width).Select(i => i < Upload.Headers.Count ? Upload.Headers[i] : ""), "Problems"]);
            foreach (var row in Plan.RejectedRows)
                writer.WriteRecord([.. Enumerable.Range(0, width).Select(row.Cell), reasons[row.Number]]);
        }
        return buffer.ToArray();
    }
}
