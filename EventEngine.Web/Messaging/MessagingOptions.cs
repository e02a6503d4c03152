namespace EventEngine.Web.Messaging;

/// <summary>The outbox sender (section "Outbox").</summary>
public sealed class OutboxOptions
{
    /// <summary>Whether this instance runs the sender and the reminder scheduler.</summary>
    public bool Enabled { get; set; } = true;
    public int BatchSize { get; set; } = 20;

    /// <summary>WhatsApp messages of one batch sent at the same time (the batch's emails share one connection, in turn).</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>How long a claimed message is reserved; a crashed instance's messages are claimed again after it.</summary>
    public int LeaseSeconds { get; set; } = 120;
    public int PollMilliseconds { get; set; } = 1000;
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry waits this long; each further one twice as long, up to an hour.</summary>
    public int RetryBaseSeconds { get; set; } = 30;
    public int ReminderPollSeconds { get; set; } = 60;
}

/// <summary>The SMTP server (section "Smtp": Smtp__Host, Smtp__Port, …).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "events@eventengine.local";
    public string FromName { get; set; } = "EventEngine";

    /// <summary>Encrypt the connection: STARTTLS (port 587 servers usually require it), or TLS from the start on port 465.</summary>
    public bool StartTls { get; set; }

    /// <summary>
    /// The SHA-256 fingerprint of a certificate to accept although no known authority signed it (a relay with a
    /// self-signed certificate); hex, colons allowed.
    /// </summary>
    public string? TrustedCertificate { get; set; }
    public int TimeoutSeconds { get; set; } = 30;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>Meta's WhatsApp Cloud API (section "WhatsApp").</summary>
public sealed class WhatsAppOptions
{
    public string? AccessToken { get; set; }
    public string? PhoneNumberId { get; set; }
    public string ApiVersion { get; set; } = "v23.0";
    public string? AppSecret { get; set; }
    public string? VerifyToken { get; set; }
    public string BaseUrl { get; set; } = "https://graph.facebook.com";

    /// <summary>Sends per second from this instance; Cloud API numbers start at 80 per second.</summary>
    public int MaxPerSecond { get; set; } = 20;
    public WhatsAppTemplates Templates { get; set; } = new();

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccessToken) && !string.IsNullOrWhiteSpace(PhoneNumberId);
}

/// <summary>
/// Names of the message templates approved in WhatsApp Manager, each in English (en), Hebrew (he) and Spanish (es);
/// each takes the body parameters listed.
/// </summary>
public sealed class WhatsAppTemplates
{
    /// <summary>{{1}} first name, {{2}} event, {{3}} date and time, {{4}} venue, {{5}} the household's RSVP link.</summary>
    public string Invitation { get; set; } = "event_invitation";

    /// <summary>{{1}} first name, {{2}} event, {{3}} date and time, {{4}} venue, {{5}} the household's RSVP link.</summary>
    public string Reminder { get; set; } = "event_reminder";

    /// <summary>{{1}} first name, {{2}} event, {{3}} the answer on one line, {{4}} the link to change it.</summary>
    public string Confirmation { get; set; } = "rsvp_confirmation";

    /// <summary>{{1}} first name, {{2}} event, {{3}} the host's message on one line.</summary>
    public string Update { get; set; } = "event_update";
}

/// <summary>Where the app is reached from outside (section "App"), for links in messages sent in the background.</summary>
public sealed class AppOptions
{
    public string BaseUrl { get; set; } = "http://localhost:5000";
}
