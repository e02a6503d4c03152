using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Messaging.WhatsApp;

/// <summary>
/// /webhooks/whatsapp: Meta's verification handshake (GET) and its notifications (POST), which are accepted only
/// with a valid X-Hub-Signature-256, the HMAC-SHA256 of the raw body keyed with the app secret.
/// </summary>
public static class WhatsAppWebhook
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static void MapWhatsAppWebhook(this IEndpointRouteBuilder app)
    {
        app.MapGet("/webhooks/whatsapp", Verify);
        app.MapPost("/webhooks/whatsapp", ReceiveAsync);
    }

    private static IResult Verify(HttpRequest request, IOptionsMonitor<WhatsAppOptions> options)
    {
        var expected = options.CurrentValue.VerifyToken;
        var token = request.Query["hub.verify_token"].ToString();
        var valid = request.Query["hub.mode"] == "subscribe" && !string.IsNullOrEmpty(expected)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(expected));
        return valid ? Results.Text(request.Query["hub.challenge"].ToString(), "text/plain") : Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, IOptionsMonitor<WhatsAppOptions> options, IServiceScopeFactory scopes,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        if (body.Length > MaxBodyBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        if (!HasValidSignature(body, request.Headers["X-Hub-Signature-256"].ToString(), options.CurrentValue.AppSecret))
            return Results.Unauthorized();

        WebhookNotification notification;
        try
        {
            notification = WebhookNotification.Parse(body);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            loggers.CreateLogger(typeof(WhatsAppWebhook)).LogWarning("A signed WhatsApp notification could not be read: {Error}", ex.Message);
            return Results.BadRequest();
        }
        // Signed by Meta, the notification may concern any event's messages and guests: it is stored as system work.
        await using var scope = scopes.CreateSystemScope();
        var statuses = scope.ServiceProvider.GetRequiredService<DeliveryReports>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var status in notification.Statuses)
            await statuses.RecordAsync(status, cancellationToken);
        foreach (var message in notification.Messages)
            await StoreInboundAsync(db, message, cancellationToken);
        return Results.Ok();
    }

    public static bool HasValidSignature(byte[] body, string header, string? secret)
    {
        const string prefix = "sha256=";
        if (string.IsNullOrEmpty(secret) || !header.StartsWith(prefix, StringComparison.Ordinal)) return false;
        byte[] given;
        try
        {
            given = Convert.FromHexString(header[prefix.Length..]);
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>
    /// Stores a guest's message on the guest it answers (the message it replies to names them), else on every guest
    /// with that number who was messaged on WhatsApp, else on every guest with that number.
    /// </summary>
    private static async Task StoreInboundAsync(AppDbContext db, WebhookNotification.Inbound message, CancellationToken cancellationToken)
    {
        var phone = "+" + message.From;
        var guests = message.ReplyTo is { } replyTo
            ? await db.OutboxMessages.Where(m => m.ProviderMessageId == replyTo && m.GuestId != null).Select(m => new { Id = m.GuestId!.Value, EventId = m.EventId!.Value }).ToListAsync(cancellationToken)
            : [];
        if (guests.Count == 0)
        {
            var withNumber = db.Guests.Where(g => g.Phone == phone);
            var messaged = withNumber.Where(g => db.OutboxMessages.Any(m => m.GuestId == g.Id && m.Channel == MessageChannel.WhatsApp));
            guests = await (await messaged.AnyAsync(cancellationToken) ? messaged : withNumber).Select(g => new { g.Id, g.EventId }).ToListAsync(cancellationToken);
        }
        foreach (var guest in guests)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO inbound_messages (event_id, guest_id, provider_message_id, from_phone, kind, body, received_at)
                VALUES ({guest.EventId}, {guest.Id}, {message.Id}, {phone}, {message.Kind}, {message.Body}, {message.ReceivedAt})
                ON CONFLICT (guest_id, provider_message_id) DO NOTHING
                """, cancellationToken);
        }
    }
}
