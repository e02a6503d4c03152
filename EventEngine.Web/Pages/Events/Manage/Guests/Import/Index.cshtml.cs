using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventEngine.Web.Pages.Events.Manage.Guests.Import;

/// <summary>Step 1 of an import: upload a file. It is read once here to refuse what can't be imported, then kept for the next steps.</summary>
[RequireEventPermission(EventPermission.EditGuests)]
// Accept bodies well over the file limit, so an oversized file gets a message at the field rather than a dropped connection.
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public class IndexModel(AppDbContext db, CurrentEvent current, ImportCache cache, TimeProvider clock) : PageModel
{
    private const long RequestLimit = 64 * 1024 * 1024;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public Guid EventId => current.EventId;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a CSV or JSON file to import.");
            return this.PartialOrPage("_UploadForm", this);
        }
        if (Upload.Length > GuestFile.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"The file is {Upload.Length / 1024.0 / 1024.0:0.0} MB; the limit is {GuestFile.MaxBytes / 1024 / 1024} MB. Split it into smaller files.");
            return this.PartialOrPage("_UploadForm", this);
        }
        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer);
        var content = buffer.ToArray();
        var fileName = Path.GetFileName(Upload.FileName);
        var (file, error) = GuestFile.Read(content, fileName);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(Upload), error);
            return this.PartialOrPage("_UploadForm", this);
        }

        var import = new GuestImport
        {
            Id = Guid.NewGuid(),
            EventId = current.EventId,
            CreatedById = current.UserId,
            Content = content,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            FileName = fileName.Length > GuestImport.FileNameMaxLength ? fileName[..GuestImport.FileNameMaxLength] : fileName,
        };
        db.GuestImports.Add(import);
        await db.SaveChangesAsync();
        cache.Remember(import.Id, file!, content.Length);
        return this.RedirectEvenForHtmx(Url.Page("/Events/Manage/Guests/Import/Review", new { eventId = current.EventId, importId = import.Id })!);
    }
}
