using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Messaging;

public class ReminderSchedulerTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    /// <summary>An event on 12 June 2027 (London) with answers due 31 May 2027 23:59 London time.</summary>
    private async Task<(Event Event, Reminder Reminder, Guest[] Waiting, Guest[] Answered)> EventWithReminderAsync(int daysBefore = 14)
    {
        var admin = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin);
        await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RsvpDeadline, EventTime.ToUtc(new DateTime(2027, 5, 31, 23, 59, 0), "Europe/London"))));
        e = await app.QueryAsync(db => db.Events.SingleAsync(x => x.Id == e.Id));
        var waiting = new[] { await app.AddGuestAsync(e.Id, "Wait1"), await app.AddGuestAsync(e.Id, "Wait2") };
        var answered = new[]
        {
            await app.AddGuestAsync(e.Id, "Yes", g => g.Status = GuestStatus.Confirmed),
            await app.AddGuestAsync(e.Id, "No", g => g.Status = GuestStatus.Declined),
        };
        var reminder = new Reminder { EventId = e.Id, Anchor = ReminderAnchor.RsvpDeadline, DaysBefore = daysBefore, Channel = ChannelChoice.Email, CreatedAt = app.Clock.UtcNow };
        await app.QueryAsync(db => { db.Reminders.Add(reminder); return db.SaveChangesAsync(); });
        return (e, reminder, waiting, answered);
    }

    private ReminderScheduler NewScheduler() => ActivatorUtilities.CreateInstance<ReminderScheduler>(app.Services);

    [Fact]
    public async Task A_reminder_is_due_at_ten_in_the_morning_local_time_on_its_day()
    {
        var (e, reminder, _, _) = await EventWithReminderAsync();

        // 31 May minus 14 days = 17 May 2027, 10:00 BST = 09:00 UTC.
        Assert.Equal(new DateTime(2027, 5, 17, 9, 0, 0, DateTimeKind.Utc), ReminderSchedule.DueAt(reminder, e));
        Assert.Equal(ReminderSchedule.Decision.Wait, ReminderSchedule.Decide(reminder, e, new DateTime(2027, 5, 17, 8, 59, 0, DateTimeKind.Utc)));
        Assert.Equal(ReminderSchedule.Decision.Send, ReminderSchedule.Decide(reminder, e, new DateTime(2027, 5, 17, 9, 0, 0, DateTimeKind.Utc)));
        // Late (the app was down): still sent next day, but not at night.
        Assert.Equal(ReminderSchedule.Decision.Wait, ReminderSchedule.Decide(reminder, e, new DateTime(2027, 5, 18, 2, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(ReminderSchedule.Decision.Send, ReminderSchedule.Decide(reminder, e, new DateTime(2027, 5, 18, 8, 0, 0, DateTimeKind.Utc)));
        // After the deadline a reminder is pointless.
        Assert.Equal(ReminderSchedule.Decision.Skip, ReminderSchedule.Decide(reminder, e, new DateTime(2027, 6, 1, 9, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public async Task A_due_reminder_goes_only_to_guests_who_have_not_answered_and_only_once()
    {
        var (e, reminder, waiting, answered) = await EventWithReminderAsync();
        app.Clock.Set(new DateTime(2027, 5, 17, 9, 30, 0, DateTimeKind.Utc));
        try
        {
            Assert.Equal(2, await NewScheduler().QueueDueAsync(CancellationToken.None));
            Assert.Equal(0, await NewScheduler().QueueDueAsync(CancellationToken.None));
            app.Clock.Advance(TimeSpan.FromDays(1));
            Assert.Equal(0, await NewScheduler().QueueDueAsync(CancellationToken.None));

            var messages = await app.QueryAsync(db => db.OutboxMessages.Where(m => m.EventId == e.Id).ToListAsync());
            Assert.Equal(waiting.Select(g => g.Id).Order(), messages.Select(m => m.GuestId!.Value).Order());
            Assert.All(messages, m => Assert.Equal(MessagePurpose.Reminder, m.Purpose));
            Assert.All(messages, m => Assert.Equal($"reminder:{reminder.Id}:{m.GuestId}", m.IdempotencyKey));
            Assert.DoesNotContain(messages, m => answered.Any(a => a.Id == m.GuestId));
            var done = await app.QueryAsync(db => db.Reminders.SingleAsync(r => r.Id == reminder.Id));
            Assert.Equal(2, done.Recipients);
            Assert.NotNull(done.SentAt);
        }
        finally
        {
            app.Clock.Set(DateTime.UtcNow);
        }
    }

    [Fact]
    public async Task Schedulers_on_several_instances_at_once_queue_each_guest_once()
    {
        var (e, _, waiting, _) = await EventWithReminderAsync(daysBefore: 3);
        app.Clock.Set(new DateTime(2027, 5, 28, 10, 0, 0, DateTimeKind.Utc));
        try
        {
            var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => NewScheduler().QueueDueAsync(CancellationToken.None))));

            Assert.Equal(waiting.Length, runs.Sum());
            var perGuest = await app.QueryAsync(db => db.OutboxMessages.Where(m => m.EventId == e.Id).GroupBy(m => m.GuestId).Select(g => g.Count()).ToListAsync());
            Assert.Equal(waiting.Length, perGuest.Count);
            Assert.All(perGuest, count => Assert.Equal(1, count));
        }
        finally
        {
            app.Clock.Set(DateTime.UtcNow);
        }
    }

    [Fact]
    public async Task A_reminder_whose_deadline_has_passed_is_skipped_without_messages()
    {
        var (e, reminder, _, _) = await EventWithReminderAsync();
        app.Clock.Set(new DateTime(2027, 6, 2, 10, 0, 0, DateTimeKind.Utc));
        try
        {
            Assert.Equal(0, await NewScheduler().QueueDueAsync(CancellationToken.None));
            var done = await app.QueryAsync(db => db.Reminders.SingleAsync(r => r.Id == reminder.Id));
            Assert.Equal(0, done.Recipients);
            Assert.False(await app.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.EventId == e.Id)));
        }
        finally
        {
            app.Clock.Set(DateTime.UtcNow);
        }
    }
}
