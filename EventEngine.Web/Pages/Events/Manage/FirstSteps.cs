using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage;

/// <summary>
/// What a host does first with a new event, each step done or not by what the event really has (guests, a deadline,
/// invitations sent, reminders), with the page that does it. The overview shows it until every step is done.
/// </summary>
public sealed record FirstSteps(IReadOnlyList<FirstSteps.Step> Steps)
{
    /// <summary>One step: the page that does it (with route values) and the permission it needs.</summary>
    public sealed record Step(string Title, string Hint, bool Done, string Action, string PageName, string? Fragment, EventPermission Permission, object? Query = null);

    public int DoneCount => Steps.Count(s => s.Done);
    public bool AllDone => DoneCount == Steps.Count;
    public Step? Next => Steps.FirstOrDefault(s => !s.Done);

    public static async Task<FirstSteps> LoadAsync(AppDbContext db, Event e, int guests) => new(
    [
        new("Add your guests", "One at a time, a household at once, or import a spreadsheet or contacts file.",
            guests > 0, "Add guests", "/Events/Manage/Guests/Index", null, EventPermission.EditGuests),
        new("Set the date to answer by", "Guests see it on their invitation, and reminders count back from it.",
            e.RsvpDeadline is not null, "Set a deadline", "/Events/Manage/Edit", "Input_RsvpDeadline", EventPermission.EditEvent),
        new("Send the invitations", "By email or WhatsApp, each with the guest's own link to answer.",
            await db.OutboxMessages.AnyAsync(m => m.EventId == e.Id && m.Purpose == MessagePurpose.Invitation), "Send invitations",
            "/Events/Manage/Messages/New", null, EventPermission.SendMessages, new { purpose = "Invitation" }),
        new("Schedule reminders", "A nudge for those who haven't answered, sent before the deadline.",
            await db.Reminders.AnyAsync(r => r.EventId == e.Id), "Schedule reminders", "/Events/Manage/Messages/Reminders", null, EventPermission.SendMessages),
    ]);
}
