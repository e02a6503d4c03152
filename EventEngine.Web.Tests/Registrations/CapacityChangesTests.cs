using EventEngine.Web.Domain;
using EventEngine.Web.Links;
using EventEngine.Web.Publishing;
using EventEngine.Web.Registrations;
using EventEngine.Web.Tests.Infrastructure;
using EventEngine.Web.Data;
using Calendar = Ical.Net.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Registrations;

/// <summary>The organiser calls off a date or the event, moves a date, or changes a date's places: the people concerned hear of it.</summary>
public class CapacityChangesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Capacity Desk => app.Services.GetRequiredService<Capacity>();

    private async Task<(Event Event, List<Occurrence> Dates)> ClassAsync(int capacity)
    {
        var e = await app.WeeklyClassAsync(capacity, "FREQ=WEEKLY;COUNT=3");
        await app.Services.GetRequiredService<Series>().PlanAsync(e.Id);
        return (e, await app.QueryAsync(db => db.Occurrences.AsNoTracking().Where(o => o.EventId == e.Id).OrderBy(o => o.Day).ToListAsync()));
    }

    private async Task<Registration> RegisterAsync(Event e, Occurrence o, string name, Language language = Language.English) =>
        (await Desk.RegisterAsync(new(e.Id, null, name, $"{name.ToLowerInvariant()}.{Guid.NewGuid():N}@example.com", 1, true, o.Id, language)))!;

    private Task<List<OutboxMessage>> ChangesAsync(Guid eventId) =>
        app.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.EventId == eventId && m.Purpose == MessagePurpose.RegistrationChange).ToListAsync());

    private Task<RegistrationStatus> StatusAsync(Registration r) => app.QueryAsync(db => db.Registrations.Where(x => x.Id == r.Id).Select(x => x.Status).SingleAsync());

    [Fact]
    public async Task Cancelling_a_date_tells_everyone_registered_and_waiting_in_their_language_and_frees_nothing_else()
    {
        var (e, dates) = await ClassAsync(capacity: 1);
        var ana = await RegisterAsync(e, dates[0], "Ana", Language.Spanish);
        var dan = await RegisterAsync(e, dates[0], "Dan", Language.Hebrew);
        var nextWeek = await RegisterAsync(e, dates[1], "Kim");
        var nextWeekWaiting = await RegisterAsync(e, dates[1], "Lee");

        Assert.True(await Desk.CancelOccurrenceAsync(e.Id, dates[0].Id));
        Assert.False(await Desk.CancelOccurrenceAsync(e.Id, dates[0].Id));

        var emails = await ChangesAsync(e.Id);
        Assert.Equal([ana.Email, dan.Email], emails.Select(m => m.Recipient).Order());
        var spanish = emails.Single(m => m.Recipient == ana.Email);
        Assert.Equal("Cancelado: Tuesday Class", spanish.Subject);
        Assert.Contains("martes 2 de marzo de 2027, 19:00 GMT", spanish.BodyText);
        Assert.Contains("lang=\"es\"", spanish.BodyHtml);
        var hebrew = emails.Single(m => m.Recipient == dan.Email);
        Assert.Equal("בוטל: Tuesday Class", hebrew.Subject);
        Assert.Contains("dir=\"rtl\"", hebrew.BodyHtml);
        Assert.Equal("CANCELLED", Calendar.Load(spanish.Calendar!)!.Events.Single().Status);
        Assert.Equal((RegistrationStatus.Cancelled, RegistrationStatus.Cancelled), (await StatusAsync(ana), await StatusAsync(dan)));
        // Dan was waiting for the cancelled date: no offer. Next week is untouched.
        Assert.DoesNotContain(await app.QueryAsync(db => db.OutboxMessages.Where(m => m.EventId == e.Id).Select(m => m.Purpose).ToListAsync()),
            p => p == MessagePurpose.RegistrationOffer);
        Assert.Equal((RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted), (await StatusAsync(nextWeek), await StatusAsync(nextWeekWaiting)));
        Assert.Null(await Desk.RegisterAsync(new(e.Id, null, "Late", "late@example.com", 1, true, dates[0].Id)));
    }

    [Fact]
    public async Task Moving_a_date_sends_the_new_time_with_a_calendar_file_of_the_same_uid_and_a_higher_sequence()
    {
        var (e, dates) = await ClassAsync(capacity: 5);
        var ann = await RegisterAsync(e, dates[1], "Ann");
        var registeredEmail = await app.QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.RegistrationId == ann.Id));
        var before = Calendar.Load(registeredEmail.Calendar!)!.Events.Single();

        var later = dates[1].StartsAt.AddHours(1).AddMinutes(30);
        Assert.True(await Desk.MoveOccurrenceAsync(e.Id, dates[1].Id, later));

        var moved = Assert.Single(await ChangesAsync(e.Id));
        Assert.Equal("New time: Tuesday Class", moved.Subject);
        Assert.Contains("from Tuesday 9 March 2027, 19:00 GMT to Tuesday 9 March 2027, 20:30 GMT", moved.BodyText);
        var after = Calendar.Load(moved.Calendar!)!.Events.Single();
        Assert.Equal(before.Uid, after.Uid);
        Assert.Equal((0, 1), (before.Sequence, after.Sequence));
        Assert.Equal(later, after.DtStart!.AsUtc);
        Assert.Equal(TimeSpan.FromHours(1), after.DtEnd!.AsUtc - after.DtStart.AsUtc);
        Assert.Equal(RegistrationStatus.Confirmed, await StatusAsync(ann));
        // The move sticks when the rule is planned again.
        await app.Services.GetRequiredService<Series>().PlanAsync(e.Id);
        Assert.Equal(later, await app.QueryAsync(db => db.Occurrences.Where(o => o.Id == dates[1].Id).Select(o => o.StartsAt).SingleAsync()));
    }

    [Fact]
    public async Task Cancelling_the_event_tells_everyone_on_every_date_to_come()
    {
        var (e, dates) = await ClassAsync(capacity: 1);
        var people = new[] { await RegisterAsync(e, dates[0], "A"), await RegisterAsync(e, dates[0], "B"), await RegisterAsync(e, dates[2], "C") };
        var owner = await app.QueryAsync(db => db.EventMembers.Where(m => m.EventId == e.Id).Select(m => m.UserId).FirstAsync());

        await using var scope = app.Services.CreateSystemScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<EventLifecycle>().TakeAsync(e.Id, EventLifecycle.Step.Cancel, owner, "Owner");

        Assert.Equal((EventStatus.Cancelled, 3), (outcome.Status, outcome.Told));
        Assert.Equal(people.Select(p => p.Email).Order(), (await ChangesAsync(e.Id)).Select(m => m.Recipient).Order());
        foreach (var p in people) Assert.Equal(RegistrationStatus.Cancelled, await StatusAsync(p));
    }

    [Fact]
    public async Task A_dates_places_cannot_go_below_those_taken_and_more_places_go_to_the_people_waiting()
    {
        var (e, dates) = await ClassAsync(capacity: 2);
        await RegisterAsync(e, dates[0], "A");
        await RegisterAsync(e, dates[0], "B");
        var waiting = await RegisterAsync(e, dates[0], "C");

        Assert.Equal("2 places are already taken on that date. Choose 2 or more.", await Desk.SetOccurrencePlacesAsync(e.Id, dates[0].Id, 1));
        Assert.Null(await Desk.SetOccurrencePlacesAsync(e.Id, dates[0].Id, 3));

        Assert.Equal(RegistrationStatus.Offered, await StatusAsync(waiting));
        Assert.Equal(3, await app.QueryAsync(db => db.Occurrences.Where(o => o.Id == dates[0].Id).Select(o => o.Capacity).SingleAsync()));
    }

    [Fact]
    public async Task Each_email_links_its_own_registration_when_one_person_has_several_dates()
    {
        var (e, dates) = await ClassAsync(capacity: 5);
        var email = $"both.{Guid.NewGuid():N}@example.com";
        var first = (await Desk.RegisterAsync(new(e.Id, null, "Both", email, 1, true, dates[0].Id)))!;
        var second = (await Desk.RegisterAsync(new(e.Id, null, "Both", email, 1, true, dates[1].Id)))!;
        await Desk.CancelOccurrenceAsync(e.Id, dates[0].Id);

        await using var scope = app.Services.CreateSystemScope();
        var links = scope.ServiceProvider.GetRequiredService<MessageLinks>();
        foreach (var r in new[] { first, second })
            foreach (var message in await app.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.RegistrationId == r.Id).ToListAsync()))
            {
                // The cancellation goes although the registration no longer stands; the first date's place email, not sent yet, no longer does.
                var goes = r == second || message.Purpose == MessagePurpose.RegistrationChange;
                Assert.Equal(goes, await links.FillAsync(message, CancellationToken.None));
                if (goes) Assert.Contains("/registrations/" + Desk.Token(r), message.BodyText);
            }
    }
}
