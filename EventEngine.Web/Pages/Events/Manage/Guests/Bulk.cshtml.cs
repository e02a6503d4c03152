using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>
/// One change to the selected guests: status, side, table, a tag, or delete (which asks first). Ids from another
/// event simply match nothing, because every statement is scoped to the route's event.
/// </summary>
[RequireEventPermission(EventPermission.EditGuests)]
public class BulkModel(AppDbContext db, CurrentEvent current, ActivityLog log, TimeProvider clock) : PageModel
{
    public const int MaxSelection = 500;

    [BindProperty] public List<Guid> Ids { get; set; } = [];
    [BindProperty(Name = "action")] public string? BulkAction { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public bool Confirmed { get; set; }
    [BindProperty] public string? ReturnUrl { get; set; }

    public List<string> SelectedNames { get; private set; } = [];
    public string GuestsUrl => ReturnUrl is { } url && url.StartsWith(Url.Page("/Events/Manage/Guests/Index", new { eventId = current.EventId })!, StringComparison.Ordinal)
        ? url : Url.Page("/Events/Manage/Guests/Index", new { eventId = current.EventId })!;

    public string BulkUrl => Url.Page("/Events/Manage/Guests/Bulk", new { eventId = current.EventId })!;

    public IActionResult OnGet() => Redirect(GuestsUrl);

    public async Task<IActionResult> OnPostAsync()
    {
        var ids = Ids.Distinct().ToList();
        if (ids.Count == 0) return Done("Select at least one guest first.", ToastKind.Error, changed: false);
        if (ids.Count > MaxSelection) return Done($"Select at most {MaxSelection} guests at a time.", ToastKind.Error, changed: false);
        var guests = db.Guests.Where(g => g.EventId == current.EventId && ids.Contains(g.Id));
        var now = clock.GetUtcNow().UtcDateTime;
        var value = string.Join(' ', (Value ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (value.Length > Guest.SideMaxLength || GuestInput.HasControlCharacters(value))
            return Done($"Keep the value to plain text under {Guest.SideMaxLength} characters.", ToastKind.Error, changed: false);
        var text = value.Length == 0 ? null : value;

        switch (BulkAction)
        {
            case "tag-add" or "tag-remove" when text is null:
                return Done("Type the tag to add or remove.", ToastKind.Error, changed: false);
            case "message":
                // The composer takes the selection from its URL, so the host can preview before anything is sent.
                var composeUrl = Url.Page("/Events/Manage/Messages/New", new { eventId = current.EventId }) + "?" + string.Join('&', ids.Select(id => $"ids={id}"));
                return this.RedirectEvenForHtmx(composeUrl);
            case "delete" when !Confirmed:
                SelectedNames = await NamesAsync(guests);
                Ids = ids;
                if (SelectedNames.Count == 0) return Done("Those guests no longer exist.", ToastKind.Error, changed: true);
                return this.PartialOrPage("_BulkConfirm", this);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        List<string> names;
        string message;
        switch (BulkAction)
        {
            case "status-Invited" or "status-Confirmed" or "status-Declined":
                var status = Enum.Parse<GuestStatus>(BulkAction[7..]);
                names = await NamesAsync(guests);
                await guests.ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, status).SetProperty(g => g.UpdatedAt, now));
                message = $"{Plural.Of(names.Count, "guest")} marked {status.Label().ToLowerInvariant()}.";
                break;
            case "side":
                names = await NamesAsync(guests);
                await guests.ExecuteUpdateAsync(s => s.SetProperty(g => g.Side, text).SetProperty(g => g.UpdatedAt, now));
                message = text is null ? $"Side cleared for {Plural.Of(names.Count, "guest")}." : $"{Plural.Of(names.Count, "guest")} now on side {text}.";
                break;
            case "table":
                names = await NamesAsync(guests);
                await guests.ExecuteUpdateAsync(s => s.SetProperty(g => g.TableName, text).SetProperty(g => g.UpdatedAt, now));
                message = text is null ? $"Table cleared for {Plural.Of(names.Count, "guest")}." : $"{Plural.Of(names.Count, "guest")} now at table {text}.";
                break;
            case "tag-add":
                names = await db.Database.SqlQuery<string>($"""
                    UPDATE guests SET tags = array_append(tags, {text}), updated_at = {now}
                    WHERE event_id = {current.EventId} AND id = ANY({ids}) AND NOT ({text} = ANY(tags)) AND cardinality(tags) < {GuestInput.MaxTags}
                    RETURNING first_name || coalesce(' ' || last_name, '') AS "Value"
                    """).ToListAsync();
                message = $"Tag {text} added to {Plural.Of(names.Count, "guest")}.";
                break;
            case "tag-remove":
                names = await db.Database.SqlQuery<string>($"""
                    UPDATE guests SET tags = array_remove(tags, {text}), updated_at = {now}
                    WHERE event_id = {current.EventId} AND id = ANY({ids}) AND {text} = ANY(tags)
                    RETURNING first_name || coalesce(' ' || last_name, '') AS "Value"
                    """).ToListAsync();
                message = $"Tag {text} removed from {Plural.Of(names.Count, "guest")}.";
                break;
            case "delete":
                names = await NamesAsync(guests);
                await guests.ExecuteDeleteAsync();
                message = $"{Plural.Of(names.Count, "guest")} deleted.";
                break;
            default:
                return Done("Choose what to do with the selected guests.", ToastKind.Error, changed: false);
        }
        if (names.Count > 0)
        {
            names.Sort(StringComparer.CurrentCulture);
            log.Add(BulkAction == "delete" ? ActivityKind.GuestsBulkDeleted : ActivityKind.GuestsBulkEdited, message.TrimEnd('.'), ActivityLog.Names(names));
            await db.SaveChangesAsync();
        }
        await transaction.CommitAsync();
        return Done(message);
    }

    private static async Task<List<string>> NamesAsync(IQueryable<Guest> guests) =>
        [.. (await guests.OrderBy(g => g.SortName).ThenBy(g => g.FirstName).Select(g => new { g.FirstName, g.LastName }).ToListAsync())
            .Select(g => Guest.NameOf(g.FirstName, g.LastName))];


    private IActionResult Done(string message, ToastKind kind = ToastKind.Success, bool changed = true)
    {
        if (!Request.IsHtmx()) return this.RedirectWithToast(GuestsUrl, message, kind);
        if (changed) Response.TriggerClientEvents(message, kind, "guests-changed");
        else Response.TriggerClientEvents(message, kind);
        return Content("", "text/html");
    }
}
