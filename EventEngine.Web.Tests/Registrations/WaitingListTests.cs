using EventEngine.Web.Domain;
using EventEngine.Web.Registrations;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Registrations;

/// <summary>
/// When a place frees, the next person waiting gets a time-limited offer: taken up, declined, lapsed or given by hand.
/// On a database of its own: these tests move the clock a day on and lapse everything due, other classes' holds too.
/// </summary>
public class WaitingListTests(WaitingListTests.OwnDatabase app) : IClassFixture<WaitingListTests.OwnDatabase>
{
    public sealed class OwnDatabase() : AppFactory(sharesHost: false);

    private readonly TestClock clock = new();

    private Capacity Desk(IServiceProvider? services = null) => ActivatorUtilities.CreateInstance<Capacity>(services ?? app.Services, (TimeProvider)clock);

    [Fact]
    public async Task A_cancellation_offers_the_place_to_the_first_person_waiting_for_the_events_offer_hours()
    {
        var e = await EventAsync(capacity: 1, offerHours: 12);
        var (first, second, third) = (await RegisterAsync(e, "First"), await RegisterAsync(e, "Second"), await RegisterAsync(e, "Third"));

        Assert.True(await Desk().CancelAsync(first.Id));

        var offered = await StatusAsync(second.Id);
        Assert.Equal(RegistrationStatus.Offered, offered.Status);
        Assert.Equal(clock.UtcNow.AddHours(12), offered.HoldUntil!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(RegistrationStatus.Waitlisted, (await StatusAsync(third.Id)).Status);
    }

    [Fact]
    public async Task An_offer_taken_up_confirms_the_place_and_one_declined_moves_on_to_the_next()
    {
        var e = await EventAsync(capacity: 2);
        var (a, b, c, d) = (await RegisterAsync(e, "A"), await RegisterAsync(e, "B"), await RegisterAsync(e, "C"), await RegisterAsync(e, "D"));
        await Desk().CancelAsync(a.Id);
        await Desk().CancelAsync(b.Id);

        Assert.True(await Desk().ConfirmAsync(c.Id));
        Assert.True(await Desk().CancelAsync(d.Id)); // D declines
        var e2 = await RegisterAsync(e, "E");

        Assert.Equal(RegistrationStatus.Confirmed, (await StatusAsync(c.Id)).Status);
        Assert.Null((await StatusAsync(c.Id)).HoldUntil);
        Assert.Equal(RegistrationStatus.Cancelled, (await StatusAsync(d.Id)).Status);
        // D's place went to the next registration, E.
        Assert.Equal(RegistrationStatus.Confirmed, e2.Status);
    }

    [Fact]
    public async Task An_offer_not_taken_up_in_time_lapses_and_goes_to_the_next_and_can_no_longer_be_taken()
    {
        var e = await EventAsync(capacity: 1, offerHours: 24);
        var (first, second, third) = (await RegisterAsync(e, "First"), await RegisterAsync(e, "Second"), await RegisterAsync(e, "Third"));
        await Desk().CancelAsync(first.Id);

        clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        Assert.True(await Desk().LapseDueAsync() >= 1);

        Assert.Equal(RegistrationStatus.Expired, (await StatusAsync(second.Id)).Status);
        Assert.False(await Desk().ConfirmAsync(second.Id));
        Assert.Equal(RegistrationStatus.Offered, (await StatusAsync(third.Id)).Status);
    }

    [Fact]
    public async Task Two_instances_lapsing_at_once_offer_each_freed_place_once()
    {
        var e = await EventAsync(capacity: 3, placesPerPerson: 3);
        var held = await Desk().RegisterAsync(new(e.Id, null, "Visitor", "visitor@example.com", 3, Confirmed: false));
        var waiting = new List<Registration>();
        for (var i = 0; i < 6; i++) waiting.Add(await RegisterAsync(e, $"Waiting {i}"));
        await using var second = app.AnotherInstance();

        clock.Advance(Capacity.HoldFor + TimeSpan.FromSeconds(1));
        await Task.WhenAll(Desk().LapseDueAsync(), Desk(second.Services).LapseDueAsync());

        Assert.Equal(RegistrationStatus.Expired, (await StatusAsync(held!.Id)).Status);
        var statuses = new List<RegistrationStatus>();
        foreach (var w in waiting) statuses.Add((await StatusAsync(w.Id)).Status);
        Assert.Equal([.. Enumerable.Repeat(RegistrationStatus.Offered, 3), .. Enumerable.Repeat(RegistrationStatus.Waitlisted, 3)], statuses);
    }

    [Fact]
    public async Task The_organiser_promotes_someone_waiting_by_hand_only_into_a_free_place()
    {
        var e = await EventAsync(capacity: 1);
        var (first, second) = (await RegisterAsync(e, "First"), await RegisterAsync(e, "Second"));

        Assert.False(await Desk().PromoteAsync(second.Id));
        await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Capacity, 2)));
        Assert.True(await Desk().PromoteAsync(second.Id));

        Assert.Equal(RegistrationStatus.Confirmed, (await StatusAsync(first.Id)).Status);
        Assert.Equal(RegistrationStatus.Confirmed, (await StatusAsync(second.Id)).Status);
    }

    [Fact]
    public async Task A_newcomer_waits_behind_people_already_waiting_even_when_their_own_places_would_fit()
    {
        var e = await EventAsync(capacity: 3, placesPerPerson: 3);
        await Desk().RegisterAsync(new(e.Id, null, "Pair", "pair@example.com", 2, Confirmed: true));
        var trio = await Desk().RegisterAsync(new(e.Id, null, "Trio", "trio@example.com", 3, Confirmed: true));
        var single = await RegisterAsync(e, "Single");

        Assert.Equal(RegistrationStatus.Waitlisted, trio!.Status);
        Assert.Equal(RegistrationStatus.Waitlisted, single.Status);
    }

    private async Task<Registration> RegisterAsync(Event e, string name) =>
        (await Desk().RegisterAsync(new(e.Id, null, name, $"{name.ToLowerInvariant().Replace(' ', '.')}.{Guid.NewGuid():N}@example.com", 1, Confirmed: true)))!;

    private Task<Registration> StatusAsync(Guid id) => app.QueryAsync(db => db.Registrations.AsNoTracking().SingleAsync(r => r.Id == id));

    private Task<Event> EventAsync(int capacity, int placesPerPerson = 1, int offerHours = 24) => app.ClassWithPlacesAsync(capacity, placesPerPerson, offerHours);
}
