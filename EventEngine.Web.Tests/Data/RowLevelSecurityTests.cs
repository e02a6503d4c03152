using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Links;
using EventEngine.Web.Messaging;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EventEngine.Web.Tests.Data;

/// <summary>
/// The database keeps each event's and organisation's rows to the people who reach them (migration 0021), whatever
/// query the app sends: these tests send deliberately unfiltered ones through the app's own DbContext.
/// </summary>
public class RowLevelSecurityTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Tables reached through an event or organisation without a column naming it.</summary>
    private static readonly string[] ReachedThrough = ["whatsapp_statuses"];

    [Fact]
    public async Task Every_table_with_an_event_or_organisation_has_row_level_security_with_policies()
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.relname, c.relrowsecurity, (SELECT count(*) FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND (
                c.relname IN ('events', 'organisations') OR c.relname = ANY ($1)
                OR EXISTS (SELECT 1 FROM information_schema.columns k WHERE k.table_schema = 'public' AND k.table_name = c.relname
                           AND k.column_name IN ('event_id', 'organisation_id'))
                -- and any table whose rows hang off one of those by a foreign key
                OR EXISTS (SELECT 1 FROM pg_constraint f JOIN pg_class r ON r.oid = f.confrelid
                           WHERE f.conrelid = c.oid AND f.contype = 'f' AND (r.relname IN ('events', 'organisations')
                               OR EXISTS (SELECT 1 FROM information_schema.columns k WHERE k.table_schema = 'public' AND k.table_name = r.relname
                                          AND k.column_name IN ('event_id', 'organisation_id')))))
            ORDER BY 1
            """, connection) { Parameters = { new() { Value = ReachedThrough } } };
        var tables = new List<(string Name, bool Secured, long Policies)>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetInt64(2)));

        // The issue's own list is all there, so the query above cannot quietly find nothing.
        Assert.Superset(new HashSet<string> { "events", "event_members", "event_invitations", "households", "guests", "guest_imports", "outbox_messages",
            "whatsapp_statuses", "inbound_messages", "reminders", "rsvp_links", "event_activities", "organisations", "organisation_members",
            "organisation_invitations" }, tables.Select(t => t.Name).ToHashSet());
        Assert.Empty(tables.Where(t => !t.Secured || t.Policies == 0).Select(t => $"{t.Name}: row-level security {(t.Secured ? "on" : "off")}, {t.Policies} policies"));
    }

    [Fact]
    public async Task Unfiltered_queries_as_one_host_see_and_change_only_that_hosts_events()
    {
        var (mine, theirs) = await TwoHostsAsync();

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DatabaseIdentity>().UserId = mine.Host.Id;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        // Besides published public events, which everyone sees (other test classes publish some in this database).
        Assert.Equal([mine.Event.Id], await db.Events.Where(e => e.Visibility == EventVisibility.Private).Select(e => e.Id).ToListAsync());
        Assert.Equal(mine.Guests.Order(), (await db.Guests.Select(g => g.Id).ToListAsync()).Order());
        Assert.Equal([mine.Event.Id], await db.Households.Select(h => h.EventId).Distinct().ToListAsync());
        Assert.Equal([mine.Event.Id], await db.OutboxMessages.Select(m => m.EventId).Distinct().ToListAsync());
        Assert.Equal([mine.Event.Id], await db.EventActivities.Select(a => a.EventId).Distinct().ToListAsync());
        Assert.Equal([mine.Event.Id], await db.EventMembers.Select(m => m.EventId).Distinct().ToListAsync());

        var changed = await db.Guests.ExecuteUpdateAsync(s => s.SetProperty(g => g.Notes, "changed by an unfiltered update"));
        var deleted = await db.OutboxMessages.ExecuteDeleteAsync();

        Assert.Equal(mine.Guests.Length, changed);
        Assert.Equal(1, deleted);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>(
            $"SELECT count(*) FROM guests WHERE event_id = '{theirs.Event.Id}' AND notes = 'changed by an unfiltered update'"));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>($"SELECT count(*) FROM outbox_messages WHERE event_id = '{theirs.Event.Id}'"));

        // Nor can a row be written into their event.
        db.ChangeTracker.Clear();
        db.Guests.Add(new Guest { Id = Guid.NewGuid(), EventId = theirs.Event.Id, FirstName = "Planted", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, Assert.IsType<PostgresException>(refused.InnerException).SqlState);
    }

    [Fact]
    public async Task An_organisation_member_reaches_its_events_only_while_the_membership_lasts()
    {
        var owner = await app.CreateUserAsync("Owner");
        var member = await app.CreateUserAsync("Member");
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = "Choir", Slug = $"choir-{Guid.NewGuid():N}", CreatedById = owner.Id, CreatedAt = DateTime.UtcNow };
        var e = await app.CreateEventAsync(owner, "Concert");
        await app.QueryAsync(async db =>
        {
            db.Organisations.Add(organisation);
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = organisation.Id, UserId = member.Id, Role = OrganisationRole.Viewer, JoinedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return await db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.OrganisationId, organisation.Id));
        });
        await app.AddGuestAsync(e.Id, "Alto");

        Assert.Equal(1, await CountGuestsAsync(member.Id, e.Id));

        await app.QueryAsync(db => db.OrganisationMembers.Where(m => m.UserId == member.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));

        Assert.Equal(0, await CountGuestsAsync(member.Id, e.Id));
    }

    [Fact]
    public async Task A_guests_link_sees_its_own_household_and_nothing_else_of_the_event()
    {
        var (mine, _) = await TwoHostsAsync();
        var household = await app.QueryAsync(db => db.Guests.Where(g => g.Id == mine.Guests[0]).Select(g => g.HouseholdId!.Value).SingleAsync());
        var token = await TokenAsync(mine.Event.Id, mine.Guests[0]);

        await using var scope = app.Services.CreateAsyncScope();
        var link = await scope.ServiceProvider.GetRequiredService<RsvpLinks>().FindAsync(token);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.Equal(household, link!.HouseholdId);
        Assert.Equal(new[] { mine.Guests[0], mine.Guests[1] }.Order(), (await db.Guests.Select(g => g.Id).ToListAsync()).Order());
        Assert.Equal([household], await db.Households.Select(h => h.Id).ToListAsync());
        // Besides published public events, which everyone sees (other test classes publish some in this database).
        Assert.Equal([mine.Event.Id], await db.Events.Where(e => e.Visibility == EventVisibility.Private).Select(e => e.Id).ToListAsync());
        Assert.Empty(await db.OutboxMessages.ToListAsync());
        Assert.Empty(await db.EventMembers.ToListAsync());
        Assert.Equal(0, await db.Guests.Where(g => g.HouseholdId != household).ExecuteUpdateAsync(s => s.SetProperty(g => g.Notes, "by a link")));
    }

    [Fact]
    public async Task With_no_identity_nothing_private_is_seen_or_changed()
    {
        await TwoHostsAsync();
        var published = await app.PublicEventAsync(await app.OrganisationAsync(), "Open Concert", "london", new DateTime(2027, 5, 1, 19, 0, 0));
        var draft = await app.PublicEventAsync(await app.OrganisationAsync(), "Draft Concert", "london", new DateTime(2027, 5, 1, 19, 0, 0), status: EventStatus.Draft);

        // A scope whose identity was never set (as when it could not be): an anonymous visitor, who sees published public events only.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.Contains(published.Id, await db.Events.Select(e => e.Id).ToListAsync());
        Assert.DoesNotContain(draft.Id, await db.Events.Select(e => e.Id).ToListAsync());
        Assert.All(await db.Events.ToListAsync(), e => Assert.True(e.Visibility == EventVisibility.Public && e.Status is EventStatus.Published or EventStatus.Cancelled));
        Assert.Empty(await db.Guests.ToListAsync());
        Assert.Empty(await db.Households.ToListAsync());
        Assert.Empty(await db.EventMembers.ToListAsync());
        Assert.Empty(await db.OutboxMessages.ToListAsync());
        Assert.Empty(await db.RsvpLinks.ToListAsync());
        Assert.Equal(0, await db.Events.ExecuteUpdateAsync(s => s.SetProperty(e => e.Name, "Defaced")));
        Assert.Equal(0, await db.Guests.ExecuteDeleteAsync());
    }

    [Fact]
    public async Task Alternating_people_on_one_pooled_connection_never_inherit_each_others_identity()
    {
        var (mine, theirs) = await TwoHostsAsync();
        // One connection in the pool: every scope below gets the same server process.
        var services = new ServiceCollection().AddAppDatabase(new NpgsqlConnectionStringBuilder(app.Database.AppConnectionString) { MaxPoolSize = 1 }.ConnectionString)
            .BuildServiceProvider();
        await using var _ = services;

        var seen = new List<(int Process, int Guests)>();
        foreach (var who in new Guid?[] { mine.Host.Id, null, theirs.Host.Id, null, mine.Host.Id, theirs.Host.Id, null })
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<DatabaseIdentity>().UserId = who;
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.OpenConnectionAsync();
            var process = await db.Database.SqlQuery<int>($"SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
            seen.Add((process, await db.Guests.CountAsync()));
            await db.Database.CloseConnectionAsync();
        }

        Assert.Single(seen.Select(s => s.Process).Distinct());
        Assert.Equal([mine.Guests.Length, 0, theirs.Guests.Length, 0, mine.Guests.Length, theirs.Guests.Length, 0], seen.Select(s => s.Guests));
    }

    [Fact]
    public async Task Background_work_runs_on_a_system_pool_that_requests_never_use()
    {
        var (mine, theirs) = await TwoHostsAsync();

        await using var system = app.Services.CreateSystemScope();
        var systemDb = system.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var request = app.Services.CreateAsyncScope();
        var requestDb = request.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.Equal(mine.Guests.Length + theirs.Guests.Length,
            await systemDb.Guests.CountAsync(g => g.EventId == mine.Event.Id || g.EventId == theirs.Event.Id));
        Assert.Equal("eventengine-system", await systemDb.Database.SqlQuery<string>($"SELECT current_setting('application_name') AS \"Value\"").SingleAsync());
        Assert.Equal("", await requestDb.Database.SqlQuery<string>($"SELECT coalesce(current_setting('app.system', true), '') AS \"Value\"").SingleAsync());
    }

    private sealed record Tenant(AppUser Host, Event Event, Guid[] Guests);

    /// <summary>Two hosts, each with an event of a two-person household and a single guest, an outbox message and an activity line.</summary>
    private async Task<(Tenant Mine, Tenant Theirs)> TwoHostsAsync() => (await HostAsync("Mine"), await HostAsync("Theirs"));

    private async Task<Tenant> HostAsync(string name)
    {
        var host = await app.CreateUserAsync(name);
        var e = await app.CreateEventAsync(host, name);
        var household = Guid.NewGuid();
        await app.QueryAsync(async db =>
        {
            db.Households.Add(new Household { Id = household, EventId = e.Id, Name = name + " household", CreatedAt = DateTime.UtcNow });
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = Guid.NewGuid(),
                EventId = e.Id,
                Channel = MessageChannel.Email,
                Purpose = MessagePurpose.Invitation,
                Recipient = "guest@example.com",
                Subject = "Hello",
                BodyText = "Hello",
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
                NextAttemptAt = DateTime.UtcNow.AddDays(1),
            });
            ActivityLog.Add(db, e.Id, host.Id, host.DisplayName, ActivityKind.GuestAdded, "Added guests", null, null, DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        var first = await app.AddGuestAsync(e.Id, name + " One", g => g.HouseholdId = household);
        var second = await app.AddGuestAsync(e.Id, name + " Two", g => g.HouseholdId = household);
        var single = await app.AddGuestAsync(e.Id, name + " Single");
        return new Tenant(host, e, [first.Id, second.Id, single.Id]);
    }

    private async Task<string> TokenAsync(Guid eventId, Guid guestId)
    {
        await using var scope = app.Services.CreateSystemScope();
        return await scope.ServiceProvider.GetRequiredService<RsvpLinks>().TokenForGuestAsync(eventId, guestId);
    }

    private async Task<int> CountGuestsAsync(Guid userId, Guid eventId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DatabaseIdentity>().UserId = userId;
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Guests.CountAsync(g => g.EventId == eventId);
    }
}
