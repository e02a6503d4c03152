namespace EventEngine.Web.Pages.Rsvp;

/// <summary>The token of the link in the request being served.</summary>
public sealed record RsvpToken(string Value);

public static class RsvpSetup
{
    public static IServiceCollection AddRsvp(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RsvpOptions>(configuration.GetSection("Rsvp"));
        services.AddScoped<RsvpLinks>();
        services.AddSingleton<RsvpGuessLimiter>();
        return services;
    }

    /// <summary>
    /// Takes the token out of /rsvp/{token} before routing, so nothing after this point (route values in MVC's logs,
    /// error pages, anything that prints the path) ever sees it. The page reads it from the RsvpToken feature.
    /// The one log that runs earlier, ASP.NET's request start and finish lines, is turned off in Program.cs.
    /// </summary>
    public static IApplicationBuilder UseRsvpTokenPath(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        const string prefix = "/rsvp/";
        var path = context.Request.Path.Value;
        if (path is not null && path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && path.Length > prefix.Length)
        {
            var rest = path[prefix.Length..];
            var slash = rest.IndexOf('/');
            context.Features.Set(new RsvpToken(slash < 0 ? rest : rest[..slash]));
            context.Request.Path = "/rsvp" + (slash < 0 ? "" : rest[slash..]);
        }
        return next(context);
    });
}
