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
public class BulkModel(AppDbContext db, CurrentEvent current, TimeProvider clock) : PageModel
{
    public const int MaxSelection = 500;

    [BindProperty] public List<Guid> Ids { get; set; } = [];
    [BindProperty(Name = "action")] public string? BulkAction { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public bool Confirmed { get; set; }
    [BindProperty] public string? ReturnUrl { get; set; }

    public List<string> SelectedNames { get; private set; } = [];
    public string GuestsUrl => ReturnUrl is { } url && url.StartsWith($"/events/{current.EventId}/guests", StringComparison.Ordinal)
        ? url : $"/events/{current.EventId}/guests";

    public string BulkUrl => $"/events/{current.EventId}/guests/bulk";

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
            case "status-Invited" or "status-Confirmed" or "status-Declined":
                var status = Enum.Parse<GuestStatus>(BulkAction[7..]);
                var changed = await guests.ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, status).SetProperty(g => g.UpdatedAt, now));
                return Done($"{Count(changed)} marked {status.ToString().ToLowerInvariant()}.");
            case "side":
                changed = await guests.ExecuteUpdateAsync(s => s.SetProperty(g => g.Side, text).SetProperty(g => g.UpdatedAt, now));
                return Done(text is null ? $"Side cleared for {Count(changed)}." : $"{Count(changed)} now on side {text}.");
            case "table":
                changed = await guests.ExecuteUpdateAsync(s => s.SetProperty(g => g.TableName, text).SetProperty(g => g.UpdatedAt, now));
                return Done(text is null ? $"Table cleared for {Count(changed)}." : $"{Count(changed)} now at table {text}.");
            case "tag-add" or "tag-remove" when text is null:
                return Done("Type the tag to add or remove.", ToastKind.Error, changed: false);
            case "tag-add":
                changed = await db.Database.ExecuteSqlInterpolatedAsync($"""
                    UPDATE guests SET tags = array_append(tags, {text}), updated_at = {now}
                    WHERE event_id = {current.EventId} AND id = ANY({ids}) AND NOT ({text} = ANY(tags)) AND cardinality(tags) < {GuestInput.MaxTags}
                    """);
                return Done($"Tag {text} added to {Count(changed)}.");
            case "tag-remove":
                changed = await db.Database.ExecuteSqlInterpolatedAsync($"""
                    UPDATE guests SET tags = array_remove(tags, {text}), updated_at = {now}
                    WHERE event_id = {current.EventId} AND id = ANY({ids}) AND {text} = ANY(tags)
                    """);
                return Done($"Tag {text} removed from {Count(changed)}.");
            case "message":
                // The composer takes the selection from its URL, so the host can preview before anything is sent.
                var composeUrl = $"/events/{current.EventId}/messages/new?" + string.Join('&', ids.Select(id => $"ids={id}"));
                if (!Request.IsHtmx()) return Redirect(composeUrl);
                Response.Headers["HX-Redirect"] = composeUrl;
                return Content("", "text/html");
            case "delete" when !Confirmed:
                SelectedNames = await guests.OrderBy(g => g.LastName ?? g.FirstName).ThenBy(g => g.FirstName)
                    .Select(g => g.LastName == null ? g.FirstName : g.FirstName + " " + g.LastName).ToListAsync();
                Ids = ids;
                if (SelectedNames.Count == 0) return Done("Those guests no longer exist.", ToastKind.Error, changed: true);
                return this.PartialOrPage("_BulkConfirm", this);
            case "delete":
                changed = await guests.ExecuteDeleteAsync();
                return Done($"{Count(changed)} deleted.");
            default:
                return Done("Choose what to do with the selected guests.", ToastKind.Error, changed: false);
        }
    }

    private static string Count(int guests) => guests == 1 ? "1 guest" : $"{guests} guests";

    private IActionResult Done(string message, ToastKind kind = ToastKind.Success, bool changed = true)
    {
        if (!Request.IsHtmx()) return this.RedirectWithToast(GuestsUrl, message, kind);
        if (changed) Response.TriggerClientEvents(message, kind, "guests-changed");
        else Response.TriggerClientEvents(message, kind);
        return Content("", "text/html");
    }
}
