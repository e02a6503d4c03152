using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Messaging;
using EventEngine.Web.Pages.Events.Manage.Guests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventEngine.Web.Pages.Events.Manage.Messages;

/// <summary>
/// Writes a message to one guest, a selection (ids in the URL) or the guest table's current filter, shown at the top
/// with a way to change it; shows it rendered for a real guest with the exact number of messages per channel; sends a
/// test to the host; and queues the messages in one transaction. It opens on the invitation.
/// </summary>
[RequireEventPermission(EventPermission.SendMessages)]
public class NewModel(AppDbContext db, CurrentEvent current, ActivityLog log, MessageComposer composer, TimeProvider clock, IOptions<AppOptions> app) : PageModel
{
    public const int MaxRecipients = 20_000;

    [BindProperty(SupportsGet = true)]
    public GuestFilter Filter { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "ids")]
    public List<Guid> Ids { get; set; } = [];

    [BindProperty]
    public ComposeInput Input { get; set; } = new();

    public Event Event { get; private set; } = null!;
    public MessagePlan? Plan { get; private set; }
    public int Recipients { get; private set; }
    public List<string> SampleNames { get; private set; } = [];
    public GuestCounts Counts { get; private set; } = null!;
    /// <summary>"Waiting, side Bride", or null for every guest; the selection is described by its count.</summary>
    public string? FilterDescription { get; private set; }
    public string GuestsPath => Url.Page("/Events/Manage/Guests/Index", new { eventId = current.EventId })!;
    public bool WhatsAppEnabled => composer.WhatsAppEnabled;
    public string MessagesPath => Url.Page("/Events/Manage/Messages/Index", new { eventId = current.EventId })!;
    public string NewPath => Url.Page("/Events/Manage/Messages/New", new { eventId = current.EventId })!;

    /// <summary>This page's URL with its recipients (the selection or the filter), without the purpose.</summary>
    public string RecipientsQuery => Ids.Count > 0
        ? string.Join('&', Ids.Distinct().Select(id => $"ids={id}"))
        : new Uri("http://x" + Filter.Url("/", page: 1)).Query.TrimStart('?');

    public string FormAction => $"{NewPath}?{RecipientsQuery}";

    public async Task<IActionResult> OnGetAsync(MessagePurpose? purpose)
    {
        ModelState.Clear();
        var language = await db.Events.Where(e => e.Id == current.EventId).Select(e => e.Language).SingleAsync();
        Input = ComposeInput.For(purpose ?? MessagePurpose.Invitation, WhatsAppEnabled ? ChannelChoice.WhatsAppElseEmail : ChannelChoice.Email, language);
        Input.ExpectedCount = (await PreviewAsync())?.Messages.Count;
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        Input.ExpectedCount = (await PreviewAsync())?.Messages.Count;
        // The form's values are what the host typed; the count is the one just shown.
        ModelState.Remove("Input.ExpectedCount");
        return this.PartialOrPage("_Preview", this);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var plan = await PreviewAsync();
        if (plan is null) return Page();
        if (plan.Messages.Count == 0)
        {
            ModelState.AddModelError("Input.Channel", "None of these guests can be reached on this channel.");
            return Page();
        }
        if (Input.ExpectedCount != plan.Messages.Count)
        {
            ModelState.AddModelError("Input.ExpectedCount", $"The guest list changed since the preview: this now sends {Messages(plan.Messages.Count)}. Check the preview and send again.");
            Input.ExpectedCount = plan.Messages.Count;
            return Page();
        }
        foreach (var message in plan.Messages)
        {
            message.BroadcastId = Input.BroadcastId;
            message.CreatedById = current.UserId;
            message.IdempotencyKey = $"broadcast:{Input.BroadcastId}:{message.GuestId}";
        }
        db.OutboxMessages.AddRange(plan.Messages);
        var channels = string.Join(" and ", new[] { (plan.Email, "by email"), (plan.WhatsApp, "on WhatsApp") }.Where(c => c.Item1 > 0).Select(c => $"{c.Item1} {c.Item2}"));
        log.Add(ActivityKind.MessagesQueued, $"Sent the {Input.Purpose.Label().ToLowerInvariant()} to {Plural.Of(plan.Messages.Count, "guest")}: {channels}",
            (Input.Subject is { Length: > 0 } subject ? $"Subject: {subject}\n" : "") + Input.Body);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return this.RedirectWithToast($"{MessagesPath}?broadcast={Input.BroadcastId}", "This message was already sent; it is not sent twice.", ToastKind.Info);
        }
        return this.RedirectWithToast($"{MessagesPath}?broadcast={Input.BroadcastId}", $"{Messages(plan.Messages.Count)} queued: {channels}.");
    }

    /// <summary>
    /// The email as the first recipient would get it, sent to the host. It carries no guest's links: the reply button
    /// opens the event's page instead, and the unsubscribe link belongs to no one.
    /// </summary>
    public async Task<IActionResult> OnPostTestAsync()
    {
        var plan = await PreviewAsync();
        if (plan is null) return this.PartialOrPage("_Preview", this);
        var host = await db.Users.Where(u => u.Id == current.UserId).Select(u => new { u.Email, u.DisplayName }).SingleAsync();
        var sample = Sample ?? new MessageRecipient(Guid.Empty, host.DisplayName, null, null, null, false, false, Event.Language);
        var draft = Input.Draft with { Channel = ChannelChoice.Email };
        var test = composer.Compose(Event, [sample with { Id = Guid.Empty, Email = host.Email, Unsubscribed = false }], draft, clock.GetUtcNow().UtcDateTime).Messages.Single();
        var eventPage = app.Value.BaseUrl.TrimEnd('/') + Url.Page("/Events/Manage/Index", new { eventId = current.EventId });
        test.GuestId = null;
        test.RecipientName = host.DisplayName;
        test.Subject = "[Test] " + (test.Subject?.Replace(MessageComposer.RsvpLink, eventPage) ?? Event.Name);
        test.BodyText = test.BodyText.Replace(MessageComposer.RsvpLink, eventPage);
        test.BodyHtml = test.BodyHtml?.Replace(MessageComposer.RsvpLink, eventPage);
        test.CreatedById = current.UserId;
        test.IdempotencyKey = $"test:{Guid.NewGuid()}";
        db.OutboxMessages.Add(test);
        await db.SaveChangesAsync();
        var message = $"Test sent to {host.Email}{(Sample is null ? "" : $", as {Sample.Name} would get it")}.";
        if (!Request.IsHtmx()) return this.RedirectWithToast($"{FormAction}&purpose={Input.Purpose}", message);
        Response.TriggerClientEvents(message);
        return this.PartialOrPage("_Preview", this);
    }

    public static string Messages(int count) => count == 1 ? "1 message" : $"{count:N0} messages";

    private MessageRecipient? Sample { get; set; }

    /// <summary>Finds the recipients, then validates the draft and renders it for each; null (with field errors) when it cannot be sent.</summary>
    private async Task<MessagePlan?> PreviewAsync()
    {
        Event = await db.Events.AsNoTracking().SingleAsync(e => e.Id == current.EventId);
        Counts = await GuestCounts.LoadAsync(db, current.EventId);
        FilterDescription = Ids.Count > 0 ? null : DescribeFilter(await HouseholdNameAsync());
        var guests = db.Guests.Where(g => g.EventId == current.EventId);
        var ids = Ids.Distinct().Take(MaxRecipients + 1).ToList();
        guests = ids.Count > 0 ? guests.Where(g => ids.Contains(g.Id)) : Filter.Apply(guests, current.UserId);
        var recipients = await guests.OrderBy(g => g.SortName).ThenBy(g => g.Id).AsRecipients(db, clock.GetUtcNow().UtcDateTime, Event.Language).ToListAsync();
        Recipients = recipients.Count;
        SampleNames = recipients.Take(3).Select(r => r.Name).ToList();
        Sample = recipients.FirstOrDefault();
        if (HasInputErrors()) return null;
        if (Input.Channel == ChannelChoice.WhatsApp && !WhatsAppEnabled)
        {
            ModelState.AddModelError("Input.Channel", "WhatsApp isn't connected on this server yet; choose email.");
            return null;
        }
        if (MessageComposer.Problem(Event, Input.Draft) is { } problem)
        {
            ModelState.AddModelError($"Input.{problem.Field}", problem.Message);
            return null;
        }
        if (Input.Channel != ChannelChoice.WhatsApp && string.IsNullOrWhiteSpace(Input.Subject))
        {
            ModelState.AddModelError("Input.Subject", "Give the email a subject.");
            return null;
        }

        if (Recipients > MaxRecipients)
        {
            ModelState.AddModelError("Input.Body", $"Send to at most {MaxRecipients:N0} guests at a time; filter the guest list first.");
            return null;
        }
        Plan = composer.Compose(Event, recipients, Input.Draft, clock.GetUtcNow().UtcDateTime);
        return Plan;
    }

    private Task<string?> HouseholdNameAsync() => Filter.Household is { } id
        ? db.Households.Where(h => h.Id == id && h.EventId == current.EventId).Select(h => h.Name).SingleOrDefaultAsync()
        : Task.FromResult<string?>(null);

    private string? DescribeFilter(string? household)
    {
        var parts = new List<string?>
        {
            Filter.Status?.Label(),
            Filter.Side == GuestFilter.NoSide ? "no side" : string.IsNullOrEmpty(Filter.Side) ? null : $"side {Filter.Side}",
            string.IsNullOrEmpty(Filter.Tag) ? null : $"tag {Filter.Tag}",
            household is null ? null : $"household {household}",
            Filter.Mine ? "added by you" : null,
            string.IsNullOrWhiteSpace(Filter.Q) ? null : $"matching “{Filter.Q.Trim()}”",
        };
        var described = parts.OfType<string>().ToList();
        return described.Count == 0 ? null : string.Join(", ", described);
    }

    private bool HasInputErrors() => ModelState.Where(e => e.Key.StartsWith("Input.", StringComparison.Ordinal) && e.Key != "Input.ExpectedCount")
        .Any(e => e.Value!.Errors.Count > 0);
}
