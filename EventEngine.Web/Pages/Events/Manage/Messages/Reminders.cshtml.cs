using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using EventEngine.Web.Messaging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EventEngine.Web.Pages.Events.Manage.Messages;

/// <summary>The event's scheduled reminders: when each goes (in the event's time zone), on which channel, and what happened.</summary>
public class RemindersModel(AppDbContext db, CurrentEvent current, ActivityLog log, MessageComposer composer, TimeProvider clock) : PageModel
{
    public sealed class ReminderInput
    {
        public ReminderAnchor Anchor { get; set; } = ReminderAnchor.RsvpDeadline;

        [Required(ErrorMessage = "Enter how many days before.")]
        [Range(1, Reminder.MaxDaysBefore, ErrorMessage = "Choose between {1} and {2} days.")]
        [Display(Name = "Days before")]
        public int? DaysBefore { get; set; } = 14;

        public ChannelChoice Channel { get; set; } = ChannelChoice.Email;
    }

    [BindProperty] public ReminderInput Input { get; set; } = new();

    public Event Event { get; private set; } = null!;
    public CurrentEvent Current => current;
    public List<Reminder> Reminders { get; private set; } = [];
    public bool WhatsAppEnabled => composer.WhatsAppEnabled;
    public DateTime Now => clock.GetUtcNow().UtcDateTime;
    public string BasePath => Url.Page("/Events/Manage/Messages/Reminders", new { eventId = current.EventId })!;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        if (WhatsAppEnabled) Input.Channel = ChannelChoice.WhatsAppElseEmail;
        // Without a deadline the only anchor that works is the event itself.
        if (Event.RsvpDeadline is null) Input.Anchor = ReminderAnchor.EventStart;
        return Page();
    }

    [RequireEventPermission(EventPermission.SendMessages)]
    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Input.Anchor == ReminderAnchor.RsvpDeadline && Event.RsvpDeadline is null)
            ModelState.AddModelError("Input.Anchor", "This event has no RSVP deadline yet. Set one in the event's settings, or count back from the event.");
        if (Input.Channel != ChannelChoice.Email && !WhatsAppEnabled)
            ModelState.AddModelError("Input.Channel", "WhatsApp isn't connected on this server yet; choose email.");
        if (!ModelState.IsValid) return Page();

        var reminder = new Reminder
        {
            EventId = current.EventId,
            Anchor = Input.Anchor,
            DaysBefore = Input.DaysBefore!.Value,
            Channel = Input.Channel,
            CreatedById = current.UserId,
            CreatedAt = Now,
        };
        if (ReminderSchedule.DueAt(reminder, Event) is { } due && ReminderSchedule.Anchor(reminder, Event) is { } anchor && due >= anchor)
        {
            ModelState.AddModelError("Input.DaysBefore", "That day is already past the deadline.");
            return Page();
        }
        db.Reminders.Add(reminder);
        log.Add(ActivityKind.RemindersChanged, $"Added a reminder {Describe(reminder)}");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            ModelState.AddModelError("Input.DaysBefore", "There is already a reminder on that day.");
            return Page();
        }
        var when = ReminderSchedule.DueAt(reminder, Event) is { } at ? EventTime.Format(at, Event.TimeZoneId) : "";
        return this.RedirectWithToast(BasePath, $"Reminder scheduled for {when}.");
    }

    [RequireEventPermission(EventPermission.SendMessages)]
    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        var unsent = db.Reminders.Where(r => r.EventId == current.EventId && r.Id == id && r.SentAt == null);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var reminder = await unsent.AsNoTracking().SingleOrDefaultAsync();
        // The delete repeats the "not sent" test, so a reminder that goes out meanwhile stays recorded.
        if (reminder is null || await unsent.ExecuteDeleteAsync() == 0)
            return this.RedirectWithToast(BasePath, "That reminder has already gone out.", ToastKind.Info);
        log.Add(ActivityKind.RemindersChanged, $"Removed the reminder {Describe(reminder)}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return this.RedirectWithToast(BasePath, "Reminder removed.");
    }

    /// <summary>"3 days before the RSVP deadline, by email".</summary>
    private static string Describe(Reminder r) =>
        $"{r.DaysBefore} day{(r.DaysBefore == 1 ? "" : "s")} before {(r.Anchor == ReminderAnchor.RsvpDeadline ? "the RSVP deadline" : "the event")}, " +
        r.Channel switch { ChannelChoice.Email => "by email", ChannelChoice.WhatsApp => "on WhatsApp", _ => "on WhatsApp, else by email" };

    private async Task LoadAsync()
    {
        Event = await db.Events.AsNoTracking().SingleAsync(e => e.Id == current.EventId);
        Reminders = await db.Reminders.AsNoTracking().Where(r => r.EventId == current.EventId).ToListAsync();
        Reminders = [.. Reminders.OrderBy(r => ReminderSchedule.DueAt(r, Event) ?? DateTime.MaxValue)];
    }
}
