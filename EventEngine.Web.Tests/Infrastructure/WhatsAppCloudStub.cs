using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EventEngine.Web.Tests.Infrastructure;

/// <summary>
/// A local stand-in for Meta's WhatsApp Cloud API on a real port, written from its published shapes:
/// POST /{version}/{phone-number-id}/messages with a bearer token answers
/// {"messaging_product":"whatsapp","contacts":[{"input","wa_id"}],"messages":[{"id":"wamid…"}]}, or an error
/// {"error":{"message","type","code","error_data":{"messaging_product","details"},"fbtrace_id"}}. It also builds
/// webhook notifications (statuses, incoming messages) signed as Meta signs them (X-Hub-Signature-256).
/// </summary>
public sealed class WhatsAppCloudStub : IAsyncDisposable
{
    public const string AccessToken = "stub-access-token";
    public const string PhoneNumberId = "106540352242922";
    public const string ApiVersion = "v23.0";
    public const string AppSecret = "stub-app-secret";
    public const string VerifyToken = "stub-verify-token";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> errors = new();
    private int sequence;

    public ConcurrentQueue<SentWhatsApp> Sent { get; } = new();
    public string BaseUrl { get; }

    /// <summary>Time the stub takes per request, like a real network round trip.</summary>
    public TimeSpan Latency { get; set; }

    private WhatsAppCloudStub(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<WhatsAppCloudStub> StartAsync()
    {
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new WhatsAppCloudStub(app, $"http://127.0.0.1:{port}");
        app.MapPost("/{version}/{phoneNumberId}/messages", stub.HandleAsync);
        await app.StartAsync();
        return stub;
    }

    /// <summary>The next <paramref name="times"/> sends to this number fail with a Cloud API error code.</summary>
    public void FailNext(string phone, int code, int times = 1)
    {
        var queue = errors.GetOrAdd(phone.TrimStart('+'), _ => new ConcurrentQueue<int>());
        for (var i = 0; i < times; i++) queue.Enqueue(code);
    }

    private async Task<IResult> HandleAsync(HttpContext context, string version, string phoneNumberId)
    {
        if (Latency > TimeSpan.Zero) await Task.Delay(Latency);
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {AccessToken}")
            return Error(HttpStatusCode.Unauthorized, 190, "Error validating access token: Session has expired", null);
        if (version != ApiVersion || phoneNumberId != PhoneNumberId)
            return Error(HttpStatusCode.BadRequest, 100, "Unsupported post request. Object with ID does not exist", null);

        var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync());
        var to = body?["to"]?.GetValue<string>();
        var type = body?["type"]?.GetValue<string>();
        if (body?["messaging_product"]?.GetValue<string>() != "whatsapp" || string.IsNullOrEmpty(to) || !to.TrimStart('+').All(char.IsAsciiDigit))
            return Error(HttpStatusCode.BadRequest, 100, "(#100) Invalid parameter", "messaging_product must be whatsapp and to a phone number");
        SentWhatsApp sent;
        if (type == "text" && body?["text"]?["body"]?.GetValue<string>() is { Length: > 0 } text)
            sent = new SentWhatsApp("", to, "text", text, null, null, []);
        else if (type == "template" && body?["template"] is { } template && template["name"]?.GetValue<string>() is { Length: > 0 } name
                 && template["language"]?["code"]?.GetValue<string>() is { Length: > 0 } language)
        {
            var parameters = (template["components"]?.AsArray() ?? []).Where(c => c?["type"]?.GetValue<string>() == "body")
                .SelectMany(c => c!["parameters"]?.AsArray() ?? []).Select(p => p!["text"]!.GetValue<string>()).ToList();
            if (parameters.Any(p => p.Contains('\n') || p.Contains('\t') || p.Contains("     ")))
                return Error(HttpStatusCode.BadRequest, 132000, "(#132000) Number of parameters does not match the expected number of params", "Param text cannot have new-line/tab characters or more than 4 consecutive spaces");
            sent = new SentWhatsApp("", to, "template", null, name, language, parameters);
        }
        else
            return Error(HttpStatusCode.BadRequest, 100, "(#100) Invalid parameter", "A text message needs text.body; a template needs template.name and template.language.code");

        if (errors.TryGetValue(to.TrimStart('+'), out var queue) && queue.TryDequeue(out var code))
            return Error(HttpStatusCode.BadRequest, code, $"(#{code}) Error", $"Stub error {code}");

        var wamid = $"wamid.HBgL{Interlocked.Increment(ref sequence):D8}{Guid.NewGuid():N}";
        Sent.Enqueue(sent with { Wamid = wamid, At = DateTime.UtcNow });
        var response = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = to.TrimStart('+') }),
            ["messages"] = new JsonArray(type == "template" ? new JsonObject { ["id"] = wamid, ["message_status"] = "accepted" } : new JsonObject { ["id"] = wamid }),
        };
        return Results.Text(response.ToJsonString(), "application/json");
    }

    private static IResult Error(HttpStatusCode status, int code, string message, string? details) =>
        Results.Text(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = message,
                ["type"] = "OAuthException",
                ["code"] = code,
                ["error_data"] = details is null ? null : new JsonObject { ["messaging_product"] = "whatsapp", ["details"] = details },
                ["fbtrace_id"] = "AbCdEfGhIjK",
            },
        }.ToJsonString(), "application/json", statusCode: (int)status);

    /// <summary>A status notification as the webhook receives it: sent, delivered, read or failed (with errors).</summary>
    public static string StatusNotification(string wamid, string status, string recipient, DateTime at, int? errorCode = null) =>
        Notification(new JsonObject
        {
            ["statuses"] = new JsonArray(new JsonObject
            {
                ["id"] = wamid,
                ["status"] = status,
                ["timestamp"] = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeSeconds().ToString(),
                ["recipient_id"] = recipient.TrimStart('+'),
                ["errors"] = errorCode is { } code
                    ? new JsonArray(new JsonObject
                    {
                        ["code"] = code,
                        ["title"] = "Message undeliverable",
                        ["message"] = "Message undeliverable",
                        ["error_data"] = new JsonObject { ["details"] = "Message Undeliverable." },
                    })
                    : null,
            }),
        });

    /// <summary>A guest's incoming text message, optionally a reply to one of ours (context.id).</summary>
    public static string TextNotification(string from, string wamid, string text, DateTime at, string? replyTo = null) =>
        Notification(new JsonObject
        {
            ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Guest" }, ["wa_id"] = from.TrimStart('+') }),
            ["messages"] = new JsonArray(new JsonObject
            {
                ["from"] = from.TrimStart('+'),
                ["id"] = wamid,
                ["timestamp"] = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)).ToUnixTimeSeconds().ToString(),
                ["type"] = "text",
                ["text"] = new JsonObject { ["body"] = text },
                ["context"] = replyTo is null ? null : new JsonObject { ["from"] = "15550783881", ["id"] = replyTo },
            }),
        });

    private static string Notification(JsonObject value)
    {
        value["messaging_product"] = "whatsapp";
        value["metadata"] = new JsonObject { ["display_phone_number"] = "15550783881", ["phone_number_id"] = PhoneNumberId };
        return new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "102290129340398",
                ["changes"] = new JsonArray(new JsonObject { ["value"] = value, ["field"] = "messages" }),
            }),
        }.ToJsonString();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string Signature(string body, string secret = AppSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record SentWhatsApp(string Wamid, string To, string Type, string? Text, string? Template, string? Language, List<string> Parameters)
{
    public DateTime At { get; init; }
}
