using EventEngine.Web.Messaging.WhatsApp;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventEngine.Web.Messaging;

public static class MessagingSetup
{
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.Configure<OutboxOptions>(configuration.GetSection("Outbox"));
        services.Configure<SmtpOptions>(configuration.GetSection("Smtp"));
        services.Configure<WhatsAppOptions>(configuration.GetSection("WhatsApp"));
        services.Configure<AppOptions>(configuration.GetSection("App"));

        services.AddSingleton(NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<IEmailTransport, SmtpEmailTransport>();
        services.AddSingleton<EmailSender>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<MessageComposer>();
        services.AddSingleton(provider => new WhatsAppClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) },
            provider.GetRequiredService<IOptionsMonitor<WhatsAppOptions>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddScoped<WhatsAppStatuses>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<ReminderScheduler>();
        if (configuration.GetValue("Outbox:Enabled", true))
        {
            services.AddHostedService(provider => provider.GetRequiredService<OutboxSender>());
            services.AddHostedService(provider => provider.GetRequiredService<ReminderScheduler>());
        }
        return services;
    }

    /// <summary>Says at start-up which channels can send, so a missing setting is noticed before a host sends.</summary>
    public static void ReportChannels(WebApplication app)
    {
        var smtp = app.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        var whatsApp = app.Services.GetRequiredService<IOptions<WhatsAppOptions>>().Value;
        if (smtp.IsConfigured)
            app.Logger.LogInformation("Email goes through the SMTP server {Host}:{Port}.", smtp.Host, smtp.Port);
        else
            app.Logger.LogWarning("Email is not configured: set Smtp__Host (and Smtp__Port, Smtp__From). Emails stay queued until it is.");
        if (whatsApp.IsConfigured)
            app.Logger.LogInformation("WhatsApp goes through {BaseUrl} for phone number id {PhoneNumberId}.", whatsApp.BaseUrl, whatsApp.PhoneNumberId);
        else
            app.Logger.LogWarning("WhatsApp is disabled: set WhatsApp__AccessToken and WhatsApp__PhoneNumberId to send on WhatsApp.");
    }
}
