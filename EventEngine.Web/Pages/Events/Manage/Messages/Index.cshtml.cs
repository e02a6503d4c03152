using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Messaging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Messages;

/// <summary>Every message of the event, newest first, filtered by state, channel or broadcast; failures with their reason and a retry.</summary>
public class IndexModel(AppDbContext db, CurrentEvent current, ActivityLog log, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public MessageState? State { get; set; }
    [BindProperty(SupportsGet = true)] public MessageChannel? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Broadcast { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Guest { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Event Event { get; private set; } = null!;
    public CurrentEvent Current => current;
    public List<MessageRow> Rows { get; private set; } = [];
    public Dictionary<MessageState, int> StateCounts { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public string BasePath => Url.Page("/Events/Manage/Messages/Index", new { eventId = current.EventId })!;

    public sealed record MessageRow(Guid Id, Guid? GuestId, string? Name, string Recipient, MessageChannel Channel, MessagePurpose Purpose,
        string? Subject, string Body, MessageState State, int Attempts, string? ErrorCode, string? Error, DateTime CreatedAt, DateTime NextAttemptAt,
        DateTime? SentAt, DateTime? DeliveredAt, DateTime? ReadAt);

    public async Task<IActionResult> OnGetAsync()
    {
        ModelState.Clear();
        Event = await db.Events.AsNoTracking().SingleAsync(e => e.Id == current.EventId);
        var messages = db.OutboxMessages.Where(m => m.EventId == current.EventId);
        if (Broadcast is { } broadcast) messages = messages.Where(m => m.BroadcastId == broadcast);
        if (Guest is { } guest) messages = messages.Where(m => m.GuestId == guest);
        if (Channel is { } channel) messages = messages.Where(m => m.Channel == channel);
        StateCounts = await messages.GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        if (State is { } state) messages = messages.Where(m => m.State == state);
        Total = await messages.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await messages.OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(m => new MessageRow(m.Id, m.GuestId, m.RecipientName, m.Recipient, m.Channel, m.Purpose, m.Subject,
                m.BodyText.Substring(0, 160), m.State, m.Attempts, m.ErrorCode, m.Error, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.DeliveredAt, m.ReadAt))
            .ToListAsync();
        return Page();
    }

    /// <summary>Sends a failed message again (or all failed ones of this view), from a fresh count of attempts.</summary>
    [RequireEventPermission(EventPermission.SendMessages)]
    public async Task<IActionResult> OnPostRetryAsync(Guid? id)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var failed = db.OutboxMessages.Where(m => m.EventId == current.EventId && m.State == MessageState.Failed);
        if (id is { } one) failed = failed.Where(m => m.Id == one);
        else if (Broadcast is { } broadcast) failed = failed.Where(m => m.BroadcastId == broadcast);
        if (id is null && Guest is { } guest) failed = failed.Where(m => m.GuestId == guest);
        if (Channel is { } channel) failed = failed.Where(m => m.Channel == channel);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var count = await OutboxStore.RetryAsync(failed, now);
        if (count > 0)
        {
            log.Add(ActivityKind.MessagesRetried, count == 1 ? "Sent a failed message again" : $"Sent {count} failed messages again");
            await db.SaveChangesAsync();
        }
        await transaction.CommitAsync();
        var text = count == 0 ? "Nothing to retry: the message is no longer failed." : count == 1 ? "The message will be sent again." : $"{count} messages will be sent again.";
        return this.RedirectWithToast(ReturnUrl(), text, count == 0 ? ToastKind.Info : ToastKind.Success);
    }

    /// <summary>Stops a message that has not gone yet.</summary>
    [RequireEventPermission(EventPermission.SendMessages)]
    public async Task<IActionResult> OnPostCancelAsync(Guid id)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var cancelled = await db.OutboxMessages.Where(m => m.EventId == current.EventId && m.Id == id && m.State == MessageState.Queued)
            .Select(m => new { m.Purpose, m.RecipientName, m.Recipient }).SingleOrDefaultAsync();
        var count = await OutboxStore.CancelAsync(db.OutboxMessages.Where(m => m.EventId == current.EventId && m.Id == id), now);
        if (count == 1 && cancelled is not null)
        {
            log.Add(ActivityKind.MessagesCancelled, $"Cancelled the {cancelled.Purpose.Label().ToLowerInvariant()} to {cancelled.RecipientName ?? cancelled.Recipient}");
            await db.SaveChangesAsync();
        }
        await transaction.CommitAsync();
        return this.RedirectWithToast(ReturnUrl(), count == 1 ? "The message was cancelled." : "Too late to cancel: the message is already on its way.",
            count == 1 ? ToastKind.Success : ToastKind.Info);
    }

    public string FilterUrl(MessageState? state = null, MessageChannel? channel = null, int? page = null, bool keepState = true, bool keepChannel = true)
    {
        var query = new List<string>();
        if ((keepState ? state ?? State : state) is { } s) query.Add($"state={s}");
        if ((keepChannel ? channel ?? Channel : channel) is { } c) query.Add($"channel={c}");
        if (Broadcast is { } b) query.Add($"broadcast={b}");
        if (Guest is { } g) query.Add($"guest={g}");
        if ((page ?? 1) > 1) query.Add($"page={page}");
        return query.Count == 0 ? BasePath : $"{BasePath}?{string.Join('&', query)}";
    }

    /// <summary>A handler of this page, posted from the current view so the answer returns to it.</summary>
    public string ActionUrl(string handler, Guid? id = null)
    {
        var url = FilterUrl(page: PageNumber);
        return $"{url}{(url.Contains('?') ? '&' : '?')}handler={handler}{(id is { } one ? $"&id={one}" : "")}";
    }

    private string ReturnUrl() => FilterUrl(page: PageNumber);
}
