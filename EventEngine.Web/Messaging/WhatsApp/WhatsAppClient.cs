using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.RateLimiting;
using EventEngine.Web.Domain;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Messaging.WhatsApp;

/// <summary>
/// Sends messages through Meta's WhatsApp Cloud API: POST {base}/{version}/{phone-number-id}/messages with a bearer
/// token, as free text or as an approved template. Sends are paced under the number's rate, and a rate-limit reply
/// pauses this instance's sending for a while.
/// </summary>
public sealed class WhatsAppClient(HttpClient http, IOptionsMonitor<WhatsAppOptions> options, TimeProvider clock) : IDisposable
{
    private readonly TokenBucketRateLimiter pace = new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = Math.Max(1, options.CurrentValue.MaxPerSecond),
        TokensPerPeriod = Math.Max(1, options.CurrentValue.MaxPerSecond),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });
    private long pausedUntilTicks;

    public async Task<SendOutcome> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.IsConfigured)
            return SendOutcome.Failed("whatsapp-not-configured", "WhatsApp isn't connected on this server.");

        var pause = new DateTime(Interlocked.Read(ref pausedUntilTicks), DateTimeKind.Utc) - clock.GetUtcNow().UtcDateTime;
        if (pause > TimeSpan.Zero) return SendOutcome.Retry("130429", "Paused after WhatsApp's rate limit; trying again shortly.", pause);
        using var lease = await pace.AcquireAsync(1, cancellationToken);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{settings.BaseUrl.TrimEnd('/')}/{settings.ApiVersion}/{settings.PhoneNumberId}/messages")
        {
            Content = JsonContent.Create(Body(message)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return SendOutcome.Retry("whatsapp-network", $"Could not reach the WhatsApp Cloud API: {ex.Message}");
        }
        using (response)
        {
            var json = await ReadJsonAsync(response, cancellationToken);
            if (response.IsSuccessStatusCode && json?["messages"]?[0]?["id"]?.GetValue<string>() is { Length: > 0 } wamid)
                return SendOutcome.Sent(wamid);
            var outcome = WhatsAppErrors.FromResponse(response.StatusCode, json);
            if (outcome.ErrorCode is "130429" or "80007")
                Interlocked.Exchange(ref pausedUntilTicks, (clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(5)).Ticks);
            return outcome;
        }
    }

    /// <summary>The Cloud API's message object: a template for invitations and reminders, free text otherwise.</summary>
    public static JsonObject Body(OutboxMessage message)
    {
        var body = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
            ["to"] = message.Recipient.TrimStart('+'),
        };
        if (message.TemplateName is { } template)
        {
            body["type"] = "template";
            var parameters = new JsonArray(message.TemplateParameters.Select(p => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = p }).ToArray());
            body["template"] = new JsonObject
            {
                ["name"] = template,
                ["language"] = new JsonObject { ["code"] = message.TemplateLanguage ?? "en" },
                ["components"] = new JsonArray(new JsonObject { ["type"] = "body", ["parameters"] = parameters }),
            };
        }
        else
        {
            body["type"] = "text";
            body["text"] = new JsonObject { ["preview_url"] = false, ["body"] = message.BodyText };
        }
        return body;
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => pace.Dispose();
}
