using System.Data.Common;
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
    public Guid? UserId { get; set; }

    /// <summary>The hash of the RSVP or invitation link's token, as stored in its row.</summary>
    public byte[]? LinkTokenHash { get; set; }

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
/// Puts the identity into each connection as EF Core opens it. Npgsql resets a connection (DISCARD ALL) when it goes
/// back to the pool, so an anonymous request needs nothing set and nothing can carry over to the next user.
/// </summary>
public sealed class DatabaseIdentityInterceptor(DatabaseIdentity identity) : DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (identity.IsAnonymous || identity.IsSystem) return;
        await using var command = Command(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (identity.IsAnonymous || identity.IsSystem) return;
        using var command = Command(connection);
        command.ExecuteNonQuery();
    }

    private NpgsqlCommand Command(DbConnection connection) =>
        new("SELECT set_config('app.user_id', $1, false), set_config('app.link_token', $2, false)", (NpgsqlConnection)connection)
        {
            Parameters =
            {
                new() { Value = identity.UserId?.ToString() ?? "" },
                new() { Value = identity.LinkTokenHash is { } hash ? Convert.ToHexStringLower(hash) : "" },
            },
        };
}

public static class DatabaseIdentityServices
{
    /// <summary>The app's database: requests on the shared pool with their identity, system scopes on the system pool.</summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, string connectionString)
    {
        // Made by the container so that they are disposed with the host.
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
        if (context.User.Identity?.IsAuthenticated == true && Guid.TryParse(context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var userId))
            context.RequestServices.GetRequiredService<DatabaseIdentity>().UserId = userId;
        return next();
    });
}
