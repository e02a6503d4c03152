namespace EventEngine.Web.Links;

public static class LinksSetup
{
    /// <summary>The capability links: their tokens, RSVP links with their guessing limit, and team invitations.</summary>
    public static IServiceCollection AddLinks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RsvpOptions>(configuration.GetSection("Rsvp"));
        services.AddSingleton<LinkTokens>();
        services.AddScoped<RsvpLinks>();
        services.AddScoped<TeamInvitations>();
        services.AddScoped<OrganisationInvitations>();
        services.AddScoped<AccountLinks>();
        services.AddScoped<MessageLinks>();
        services.AddScoped<RegistrationLinks>();
        services.AddScoped<CurrentRsvpLink>();
        services.AddScoped<RsvpLinkFilter>();
        services.AddScoped<CurrentInvitation>();
        services.AddScoped<InvitationLinkFilter>();
        services.AddScoped<CurrentRegistration>();
        services.AddScoped<RegistrationLinkFilter>();
        return services;
    }
}
