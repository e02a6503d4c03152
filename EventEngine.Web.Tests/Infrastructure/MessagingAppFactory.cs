using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventEngine.Web.Tests.Infrastructure;

/// <summary>
/// The app wired to a real SMTP server (the mail catcher) and the WhatsApp Cloud API stub, with a clock tests can
/// move. Its own background sender is off: tests run sender instances themselves, as many as they need.
/// </summary>
public class MessagingAppFactory : AppFactory
{
    public MailCatcher Mail { get; private set; } = null!;
    public WhatsAppCloudStub WhatsApp { get; private set; } = null!;
    public TestClock Clock { get; } = new();

    public MessagingAppFactory() : base(sharesHost: false) { }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Mail = await StartMailAsync();
        WhatsApp = await WhatsAppCloudStub.StartAsync();
    }

    protected virtual Task<MailCatcher> StartMailAsync() => MailCatcher.StartAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder, TestDatabase database)
    {
        base.ConfigureWebHost(builder, database);
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Mail.Port.ToString());
        builder.UseSetting("Smtp:From", "hosts@eventengine.test");
        builder.UseSetting("WhatsApp:BaseUrl", WhatsApp.BaseUrl);
        builder.UseSetting("WhatsApp:AccessToken", WhatsAppCloudStub.AccessToken);
        builder.UseSetting("WhatsApp:PhoneNumberId", WhatsAppCloudStub.PhoneNumberId);
        builder.UseSetting("WhatsApp:ApiVersion", WhatsAppCloudStub.ApiVersion);
        builder.UseSetting("WhatsApp:AppSecret", WhatsAppCloudStub.AppSecret);
        builder.UseSetting("WhatsApp:VerifyToken", WhatsAppCloudStub.VerifyToken);
        builder.UseSetting("WhatsApp:MaxPerSecond", "1000");
        builder.UseSetting("App:BaseUrl", "https://events.example.test");
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    /// <summary>A sender instance of its own, as a second app instance would have.</summary>
    public OutboxSender NewSender() => ActivatorUtilities.CreateInstance<OutboxSender>(Services);

    /// <summary>Sends everything that is due now, batch after batch, with one sender.</summary>
    public async Task SendDueAsync()
    {
        var sender = NewSender();
        while (await sender.SendDueAsync(CancellationToken.None) > 0) { }
    }

    public async Task<OutboxMessage> QueueAsync(Event e, Guest guest, MessageDraft draft)
    {
        await using var scope = Services.CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var composer = scope.ServiceProvider.GetRequiredService<MessageComposer>();
        var recipients = db.Guests.Where(g => g.Id == guest.Id).AsRecipients(db, Clock.UtcNow, e.Language).ToList();
        var message = Assert.Single(composer.Compose(e, recipients, draft, Clock.UtcNow).Messages);
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message;
    }

    public Task<OutboxMessage> MessageAsync(Guid id) => QueryAsync(db => Task.FromResult(db.OutboxMessages.Single(m => m.Id == id)));

    protected override async Task DisposeServicesAsync()
    {
        await Mail.DisposeAsync();
        await WhatsApp.DisposeAsync();
    }
}

/// <summary>
/// The app sending through a submission server as a real deployment does: STARTTLS with the server's self-signed
/// certificate pinned by its fingerprint, and a login.
/// </summary>
public sealed class SubmissionAppFactory : MessagingAppFactory
{
    public static readonly MailCatcher.SubmissionServer Login = new("events-relay", "correct relay password");

    protected override Task<MailCatcher> StartMailAsync() => MailCatcher.StartAsync(Login);

    protected override void ConfigureWebHost(IWebHostBuilder builder, TestDatabase database)
    {
        base.ConfigureWebHost(builder, database);
        builder.UseSetting("Smtp:StartTls", "true");
        builder.UseSetting("Smtp:TrustedCertificate", Mail.CertificateFingerprint);
        builder.UseSetting("Smtp:User", Login.User);
        builder.UseSetting("Smtp:Password", Login.Password);
    }
}
