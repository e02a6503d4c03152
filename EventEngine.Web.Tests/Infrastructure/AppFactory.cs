using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Infrastructure;

/// <summary>
/// The real app (Program, middleware, Razor Pages, Identity) in memory on a real PostgreSQL database, with helpers
/// for tests. A test class gets one (IClassFixture).
/// Classes that take the app as it is share one host and its database: a host costs seconds to start and tens of
/// megabytes, and these tests only look at the users and events they create. A factory that configures the app
/// further (MessagingAppFactory: its own mail server and a clock it moves) gets a host and a database of its own.
/// </summary>
public class AppFactory : IAsyncLifetime, IAsyncDisposable
{
    public const string Password = "correct horse battery";

    /// <summary>A key for this test run only, as a deployment's secret would be.</summary>
    public static readonly string RsvpLinkKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private readonly bool sharesHost;
    private AppHost host = null!;

    public AppFactory() : this(sharesHost: true) { }

    protected AppFactory(bool sharesHost) => this.sharesHost = sharesHost;

    /// <summary>A factory whose host and database no other test class uses, for a test that breaks them.</summary>
    public static AppFactory OnItsOwn() => new(sharesHost: false);

    public TestDatabase Database { get; private set; } = null!;
    public IServiceProvider Services => host.Services;
    public TestServer Server => host.Server;
    public HttpClient CreateClient() => host.CreateClient();
    public WebApplicationFactory<Program> WithWebHostBuilder(Action<IWebHostBuilder> configure) => host.WithWebHostBuilder(configure);

    public virtual async Task InitializeAsync()
    {
        if (sharesHost)
        {
            (host, Database) = await SharedHost.AcquireAsync(ConfigureWebHost);
            return;
        }
        Database = await TestDatabase.CreateAsync();
        host = new AppHost(ConfigureWebHost);
    }

    protected virtual void ConfigureWebHost(IWebHostBuilder builder, TestDatabase database)
    {
        // Production settings (secure cookies, the friendly error page), not the Development defaults.
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Default", database.AppConnectionString);
        builder.UseSetting("ConnectionStrings:Migrations", database.ConnectionString);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Rsvp:LinkKey", RsvpLinkKey);
        // Tests that send run sender instances themselves (MessagingAppFactory).
        builder.UseSetting("Outbox:Enabled", "false");
        // Every client of the in-memory server comes from the same (unknown) address, and the suite registers and logs
        // in hundreds of people: the per-address account limits are raised here. AccountLimitsTests runs them small.
        builder.UseSetting("Limits:LoginFailuresPer15Minutes", "100000");
        builder.UseSetting("Limits:RegistrationsPerHour", "100000");
        builder.UseSetting("Limits:ResetRequestsPerHour", "100000");
        // Passwords are hashed for real, with fewer rounds: production's 100,000 (about 40 ms a login here) slow
        // attackers, and the suite creates and logs in about a thousand people.
        builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
    }

    private void ConfigureWebHost(IWebHostBuilder builder) => ConfigureWebHost(builder, Database);

    /// <summary>A second instance of the app on the same database, as a second server behind a load balancer; the caller disposes it.</summary>
    public WebApplicationFactory<Program> AnotherInstance() => new AppHost(builder => ConfigureWebHost(builder, Database));

    /// <summary>A browser-like client: keeps cookies, does not follow redirects, speaks HTTPS so secure cookies flow.</summary>
    public AppClient CreateAppClient() =>
        new(host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") }));

    public async Task<AppUser> CreateUserAsync(string? name = null)
    {
        await using var scope = Services.CreateSystemScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"{(name ?? "user").ToLowerInvariant().Replace(' ', '.')}.{Guid.NewGuid():N}@example.test";
        var user = new AppUser { UserName = email, Email = email, DisplayName = name ?? "Test User", CreatedAt = DateTime.UtcNow };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>A client logged in (through the real login page) as a new user.</summary>
    public async Task<(AppClient Client, AppUser User)> LoggedInAsync(string? name = null)
    {
        var user = await CreateUserAsync(name);
        var client = CreateAppClient();
        await client.LogInAsync(user.Email!, Password);
        return (client, user);
    }

    public async Task<Event> CreateEventAsync(AppUser admin, string name = "Test Wedding", string zone = "Europe/London")
    {
        await using var scope = Services.CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTime.UtcNow;
        var e = new Event
        {
            Name = name,
            TimeZoneId = zone,
            StartsAt = EventTime.ToUtc(new DateTime(2027, 6, 12, 15, 0, 0), zone),
            DefaultCountry = "GB",
            CreatedById = admin.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        e.Members.Add(new EventMember { UserId = admin.Id, Role = EventRole.Admin, JoinedAt = now });
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return e;
    }

    public async Task AddMemberAsync(Guid eventId, AppUser user, EventRole role)
    {
        await using var scope = Services.CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.EventMembers.Add(new EventMember { EventId = eventId, UserId = user.Id, Role = role, JoinedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    /// <summary>Adds a guest straight to the database (name, a unique email), changed by <paramref name="configure"/>.</summary>
    public async Task<Guest> AddGuestAsync(Guid eventId, string firstName, Action<Guest>? configure = null)
    {
        await using var scope = Services.CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTime.UtcNow;
        var guest = new Guest
        {
            Id = Guid.NewGuid(),
            EventId = eventId,
            FirstName = firstName,
            Email = UnsearchableEmail(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        configure?.Invoke(guest);
        db.Guests.Add(guest);
        await db.SaveChangesAsync();
        return guest;
    }

    private static long emailCount;

    /// <summary>
    /// A unique address spelled only with x and z (a counter in binary), so a test's search for a name never
    /// matches it by chance, as a random hex address once did ("ba" found a guest through "…0ba3…@example.com").
    /// </summary>
    private static string UnsearchableEmail() =>
        Convert.ToString(Interlocked.Increment(ref emailCount), 2).Replace('0', 'x').Replace('1', 'z') + "@example.com";

    /// <summary>A password reset code for the account, as the emailed link would carry it.</summary>
    public async Task<string> ResetCodeAsync(AppUser user)
    {
        await using var scope = Services.CreateSystemScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(user.Id.ToString()))!);
    }

    /// <summary>Runs a query against the test database through the app's own DbContext.</summary>
    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateSystemScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (sharesHost)
        {
            await SharedHost.ReleaseAsync();
        }
        else
        {
            await host.DisposeAsync();
            await Database.DisposeAsync();
        }
        await DisposeServicesAsync();
    }

    /// <summary>Stops what a derived factory started next to the app.</summary>
    protected virtual Task DisposeServicesAsync() => Task.CompletedTask;

    private sealed class AppHost(Action<IWebHostBuilder> configure) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => configure(builder);
    }

    /// <summary>The host shared by test classes, started by the first that needs it and stopped after the last.</summary>
    private static class SharedHost
    {
        private static readonly SemaphoreSlim Lock = new(1, 1);
        private static (AppHost Host, TestDatabase Database)? current;
        private static int users;

        public static async Task<(AppHost, TestDatabase)> AcquireAsync(Action<IWebHostBuilder, TestDatabase> configure)
        {
            await Lock.WaitAsync();
            try
            {
                if (current is null)
                {
                    var database = await TestDatabase.CreateAsync();
                    current = (new AppHost(builder => configure(builder, database)), database);
                }
                users++;
                return current.Value;
            }
            finally
            {
                Lock.Release();
            }
        }

        public static async Task ReleaseAsync()
        {
            await Lock.WaitAsync();
            try
            {
                if (--users > 0 || current is not { } shared) return;
                current = null;
                await shared.Host.DisposeAsync();
                await shared.Database.DisposeAsync();
            }
            finally
            {
                Lock.Release();
            }
        }
    }
}
