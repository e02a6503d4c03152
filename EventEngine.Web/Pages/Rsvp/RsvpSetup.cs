using EventEngine.Web.Authorization;

namespace EventEngine.Web.Pages.Rsvp;

public static class RsvpSetup
{
    public static IServiceCollection AddRsvp(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RsvpOptions>(configuration.GetSection("Rsvp"));
        services.AddSingleton<LinkTokens>();
        services.AddScoped<RsvpLinks>();
        services.AddSingleton<RsvpGuessLimiter>();
        return services;
    }
}
