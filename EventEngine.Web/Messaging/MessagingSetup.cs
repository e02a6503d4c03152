using EventEngine.Web.Messaging.WhatsApp;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Messaging;

public static class MessagingSetup
{
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OutboxOptions>(configuration.GetSection("Outbox"));
        services.Configure<SmtpOptions>(configuration.GetSection("Smtp"));
        services.Configure<WhatsAppOptions>(configuration.GetSection("WhatsApp"));
        services.Configure<AppOptions>(configuration.GetSection("App"));

        services.AddSingleton<OutboxStore>();
        services.AddSingleton<IEmailTransport, SmtpEmailTransport>();
        services.AddSingleton<EmailSender>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<MessageComposer>();
        services.AddSingleton(provider => new WhatsAppClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) },
            provider.GetRequiredService<IOptionsMonitor<WhatsAppOptions>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddScoped<DeliveryReports>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<ReminderScheduler>();
        services.AddSingleton<AnswerNotices>();
        if (configuration.GetValue("Outbox:Enabled", true))
        {
            services.AddHostedService(provider => provider.GetRequiredService<OutboxSender>());
            services.AddHostedService(provider => provider.GetRequiredService<ReminderScheduler>());
            services.AddHostedService(provider => provider.GetRequiredService<AnswerNotices>());
        }
        return services;
    }

    /// <summary>
    /// Says at start-up which channels can send, so a missing setting is noticed before a host sends. A demo start
    /// says it once, in its own message (DemoSeeder), instead.
    /// </summary>
    public static void ReportChannels(WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<Data.DemoOptions>>().Value.Seed) return;
        foreach (var (ready, line) in Channels(app.Services))
            app.Logger.Log(ready ? LogLevel.Information : LogLevel.Warning, "{Channel}", line);
    }

    /// <summary>Each channel: whether it can send, and a line saying so (or how to turn it on).</summary>
    public static IEnumerable<(bool Ready, string Line)> Channels(IServiceProvider services)
    {
        var smtp = services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        var whatsApp = services.GetRequiredService<IOptions<WhatsAppOptions>>().Value;
        yield return smtp.IsConfigured
            ? (true, $"Email: through the SMTP server {smtp.Host}:{smtp.Port}.")
            : (false, "Email: off. Set Smtp__Host (and Smtp__Port, Smtp__From); emails stay queued until then.");
        yield return whatsApp.IsConfigured
            ? (true, $"WhatsApp: through {whatsApp.BaseUrl} for phone number id {whatsApp.PhoneNumberId}.")
            : (false, "WhatsApp: off. Set WhatsApp__AccessToken and WhatsApp__PhoneNumberId (and WhatsApp__AppSecret, WhatsApp__VerifyToken for delivery reports) to send on WhatsApp.");
    }
}
