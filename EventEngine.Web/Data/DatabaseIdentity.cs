using System.Data.Common;
using EventEngine.Web.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace EventEngine.Web.Data;

/// <summary>
/// Who the database is asked on behalf of, for one request or one piece of background work: the row-level security
/// policies (migration 0021) read it. Set the signed-in person or the link being used; leave both empty for an
/// anonymous visitor, who sees published public events and nothing else. Background work asks for a system scope
/// (<see cref="DatabaseIdentityServices.CreateSystemScope"/>), which uses a pool of its own whose connections say
/// so from the start, so no request's connection can ever be a system one.
/// </summary>
public sealed class DatabaseIdentity
{
    private Guid? userId;
    private byte[]? linkTokenHash;

    public Guid? UserId
    {
        get => userId;
        set { if (value != userId) (userId, WorkedOut) = (value, null); }
    }

    /// <summary>The hash of the RSVP or invitation link's token, as stored in its row.</summary>
    public byte[]? LinkTokenHash
    {
        get => linkTokenHash;
        set { if (!(value ?? []).AsSpan().SequenceEqual(linkTokenHash)) (linkTokenHash, WorkedOut) = (value, null); }
    }

    /// <summary>
    /// What the database worked out for this person and link on the request's first connection (ee_identity_for: the
    /// events they reach and what the link opens), put back as it was into each further connection of the request.
    /// </summary>
    internal string? WorkedOut { get; set; }

    /// <summary>Background work (outbox, reminders, webhooks): sees every row. Fixed when the scope is made.</summary>
    public bool IsSystem { get; internal set; }

    internal bool IsAnonymous => UserId is null && LinkTokenHash is null;
}

/// <summary>The connections of background work: every one starts with app.system on (see migration 0021).</summary>
public sealed class SystemDataSource(NpgsqlDataSource source)
{
    public NpgsqlDataSource Source => source;

    public static SystemDataSource Create(string connectionString) =>
        new(NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            Options = "-c app.system=on",
            ApplicationName = "eventengine-system",
        }.ConnectionString));
}

/// <summary>
/// Puts the identity into each connection as EF Core opens it: the first time in a request the database works it out
/// (one round trip either way). Npgsql resets a connection's settings when it goes back to the pool, so an anonymous
/// request needs nothing set and nothing can carry over to the next one. Should this fail, the query fails.
/// </summary>
public sealed class DatabaseIdentityInterceptor(DatabaseIdentity identity) : DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (identity.IsAnonymous || identity.IsSystem) return;
        await using var command = Command(connection);
        identity.WorkedOut = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (identity.IsAnonymous || identity.IsSystem) return;
        using var command = Command(connection);
        identity.WorkedOut = (string)command.ExecuteScalar()!;
    }

    private NpgsqlCommand Command(DbConnection connection) => identity.WorkedOut is { } known
        ? new("SELECT set_config('app.identity', $1, false)", (NpgsqlConnection)connection) { Parameters = { new() { Value = known } } }
        : new("SELECT ee_identity_for($1, $2)", (NpgsqlConnection)connection)
        {
            Parameters =
            {
                new() { Value = (object?)identity.UserId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid },
                new() { Value = (object?)identity.LinkTokenHash ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea },
            },
        };
}

public static class DatabaseIdentityServices
{
    /// <summary>The app's database: requests on the shared pool with their identity, system scopes on the system pool.</summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, string connectionString)
    {
        // Made by the container so that they are disposed with the host. Statements the app repeats are prepared once
        // per connection: planning every statement again would cost more than the policies themselves, and Npgsql's
        // reset of a prepared connection (RESET ALL) still clears the identity.
        connectionString = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 100 }.ConnectionString;
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton(_ => SystemDataSource.Create(connectionString));
        services.AddScoped<DatabaseIdentity>();
        services.AddDbContext<AppDbContext>((provider, options) =>
        {
            var identity = provider.GetRequiredService<DatabaseIdentity>();
            options.UseNpgsql(identity.IsSystem ? provider.GetRequiredService<SystemDataSource>().Source : provider.GetRequiredService<NpgsqlDataSource>())
                .AddInterceptors(new DatabaseIdentityInterceptor(identity));
        });
        return services;
    }

    /// <summary>A scope for background work, whose database sees every event's rows. Say why at each use.</summary>
    public static AsyncServiceScope CreateSystemScope(this IServiceProvider services) => services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope();

    /// <inheritdoc cref="CreateSystemScope(IServiceProvider)"/>
    public static AsyncServiceScope CreateSystemScope(this IServiceScopeFactory scopes)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DatabaseIdentity>().IsSystem = true;
        return scope;
    }

    /// <summary>Takes the signed-in person into the request's identity, after authentication.</summary>
    public static IApplicationBuilder UseDatabaseIdentity(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true)
            context.RequestServices.GetRequiredService<DatabaseIdentity>().UserId = context.User.GetUserId();
        return next();
    });
}
