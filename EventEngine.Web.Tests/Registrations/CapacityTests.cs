using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Registrations;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventEngine.Web.Tests.Registrations;

/// <summary>The places of a public event are never oversold, however many register at once on however many instances.</summary>
public class CapacityTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Two_instances_registering_at_once_never_take_more_places_than_there_are()
    {
        var e = await EventAsync(capacity: 20);
        await using var second = app.AnotherInstance();
        var desks = new[] { app.Services.GetRequiredService<Capacity>(), second.Services.GetRequiredService<Capacity>() };

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            desks[i % 2].RegisterAsync(new Capacity.Request(e.Id, null, $"Person {i}", $"person{i}@example.com", 1, Confirmed: true))));

        Assert.Equal(20, results.Count(r => r!.Status == RegistrationStatus.Confirmed));
        Assert.Equal(180, results.Count(r => r!.Status == RegistrationStatus.Waitlisted));
        Assert.Equal(20L, await app.Database.ScalarAsync<long>($"SELECT sum(places) FROM registrations WHERE event_id = '{e.Id}' AND status = 'Confirmed'"));
        Assert.Equal(200L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM registrations WHERE event_id = '{e.Id}'"));
    }

    [Fact]
    public async Task A_write_that_skips_the_pools_lock_is_refused_by_the_database_when_it_would_oversell()
    {
        var e = await EventAsync(capacity: 2, placesPerPerson: 2);
        var capacity = app.Services.GetRequiredService<Capacity>();
        await capacity.RegisterAsync(new(e.Id, null, "Two", "two@example.com", 2, Confirmed: true));

        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO registrations (id, event_id, name, email, places, status, created_at, updated_at)
            VALUES (gen_random_uuid(), $1, 'Sneaky', 'sneaky@example.com', 1, 'Confirmed', now(), now())
            """, connection) { Parameters = { new() { Value = e.Id } } };
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
        Assert.Equal("ck_registrations_capacity", refused.ConstraintName);
        Assert.Equal(2L, await app.Database.ScalarAsync<long>($"SELECT sum(places) FROM registrations WHERE event_id = '{e.Id}'"));
    }

    [Fact]
    public async Task Cancelling_frees_the_place_at_once_for_the_next_person()
    {
        var e = await EventAsync(capacity: 1);
        var capacity = app.Services.GetRequiredService<Capacity>();
        var first = await capacity.RegisterAsync(new(e.Id, null, "First", "first@example.com", 1, Confirmed: true));

        Assert.True(await capacity.CancelAsync(first!.Id));
        Assert.False(await capacity.CancelAsync(first.Id));
        var second = await capacity.RegisterAsync(new(e.Id, null, "Second", "second@example.com", 1, Confirmed: true));

        Assert.Equal(RegistrationStatus.Confirmed, second!.Status);
    }

    [Fact]
    public async Task An_unconfirmed_registration_holds_its_places_until_the_hold_lapses()
    {
        var e = await EventAsync(capacity: 3, placesPerPerson: 3);
        var clock = new TestClock();
        var capacity = ActivatorUtilities.CreateInstance<Capacity>(app.Services, (TimeProvider)clock);

        var held = await capacity.RegisterAsync(new(e.Id, null, "Visitor", "visitor@example.com", 3, Confirmed: false));
        var meanwhile = await capacity.RegisterAsync(new(e.Id, null, "Member", "member@example.com", 1, Confirmed: true));
        clock.Advance(Capacity.HoldFor + TimeSpan.FromSeconds(1));
        var after = await capacity.RegisterAsync(new(e.Id, null, "Later", "later@example.com", 2, Confirmed: true));

        Assert.Equal(RegistrationStatus.Held, held!.Status);
        Assert.Equal(clock.UtcNow - TimeSpan.FromSeconds(1), held.HoldUntil!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(RegistrationStatus.Waitlisted, meanwhile!.Status);
        // The lapsed places went first to the person waiting (an offer), then to the newcomer.
        Assert.Equal(RegistrationStatus.Offered, await app.QueryAsync(db => db.Registrations.Where(r => r.Id == meanwhile.Id).Select(r => r.Status).SingleAsync()));
        Assert.Equal(RegistrationStatus.Confirmed, after!.Status);
        Assert.Equal(RegistrationStatus.Expired, await app.QueryAsync(db => db.Registrations.Where(r => r.Id == held.Id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task Only_published_public_events_take_registrations_of_up_to_the_places_a_person_may_take()
    {
        var draft = await EventAsync(capacity: 10, status: EventStatus.Draft);
        var open = await EventAsync(capacity: 10, placesPerPerson: 2);
        var capacity = app.Services.GetRequiredService<Capacity>();

        Assert.Null(await capacity.RegisterAsync(new(draft.Id, null, "Early", "early@example.com", 1, Confirmed: true)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => capacity.RegisterAsync(new(open.Id, null, "Crowd", "crowd@example.com", 3, Confirmed: true)));
        Assert.Equal(RegistrationStatus.Confirmed, (await capacity.RegisterAsync(new(open.Id, null, "Pair", "pair@example.com", 2, Confirmed: true)))!.Status);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM registrations WHERE event_id = '{draft.Id}'"));
    }

    [Fact]
    public async Task A_person_sees_their_own_registrations_and_the_events_people_see_all_of_its()
    {
        var e = await EventAsync(capacity: 10);
        var person = await app.CreateUserAsync("Registrant");
        var capacity = app.Services.GetRequiredService<Capacity>();
        var mine = await capacity.RegisterAsync(new(e.Id, person.Id, "Registrant", person.Email!, 1, Confirmed: true));
        await capacity.RegisterAsync(new(e.Id, null, "Someone Else", "else@example.com", 1, Confirmed: true));

        Assert.Equal([mine!.Id], await RegistrationsSeenByAsync(person.Id));
        Assert.Equal(2, (await RegistrationsSeenByAsync(e.CreatedById)).Count);
        Assert.Empty(await RegistrationsSeenByAsync(null));
    }

    private async Task<List<Guid>> RegistrationsSeenByAsync(Guid? userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DatabaseIdentity>().UserId = userId;
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Registrations.Select(r => r.Id).ToListAsync();
    }

    private Task<Event> EventAsync(int capacity, int placesPerPerson = 1, EventStatus status = EventStatus.Published) =>
        app.ClassWithPlacesAsync(capacity, placesPerPerson, status: status);
}
