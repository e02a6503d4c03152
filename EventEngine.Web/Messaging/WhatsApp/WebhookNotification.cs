using System.Text.Json.Nodes;
using EventEngine.Web.Domain;

namespace EventEngine.Web.Messaging.WhatsApp;

/// <summary>
/// The parts of a WhatsApp Business Account notification the app uses:
/// {"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"statuses":[…],"messages":[…]}}]}]}.
/// </summary>
public sealed record WebhookNotification(IReadOnlyList<WhatsAppStatus> Statuses, IReadOnlyList<WebhookNotification.Inbound> Messages)
{
    public sealed record Inbound(string Id, string From, string Kind, string Body, DateTime ReceivedAt, string? ReplyTo);

    public static WebhookNotification Parse(byte[] body)
    {
        var root = JsonNode.Parse(body) ?? throw new FormatException("The notification is empty.");
        var statuses = new List<WhatsAppStatus>();
        var messages = new List<Inbound>();
        foreach (var value in (root["entry"]?.AsArray() ?? []).SelectMany(e => e?["changes"]?.AsArray() ?? []).Select(c => c?["value"]))
        {
            foreach (var status in value?["statuses"]?.AsArray() ?? [])
            {
                var error = status?["errors"]?[0];
                var code = error?["code"]?.GetValue<int>();
                statuses.Add(new WhatsAppStatus
                {
                    ProviderMessageId = Text(status, "id"),
                    Status = Text(status, "status"),
                    OccurredAt = Time(status),
                    ErrorCode = code?.ToString(),
                    Error = code is { } c ? WhatsAppErrors.Describe(c, error?["error_data"]?["details"]?.GetValue<string>() ?? error?["title"]?.GetValue<string>()) : null,
                });
            }
            foreach (var message in value?["messages"]?.AsArray() ?? [])
            {
                var kind = Text(message, "type");
                var from = Text(message, "from");
                if (from.Length > 15 || !from.All(char.IsAsciiDigit)) throw new FormatException("\"from\" is not a phone number.");
                messages.Add(new Inbound(Text(message, "id"), from, kind[..Math.Min(kind.Length, InboundMessage.KindMaxLength)],
                    Describe(message!, kind), Time(message), message?["context"]?["id"]?.GetValue<string>()));
            }
        }
        return new WebhookNotification(statuses, messages);
    }

    /// <summary>What the guest sent, as text: the text itself, a button's label, a reaction, or the kind of media.</summary>
    private static string Describe(JsonNode message, string kind) => kind switch
    {
        "text" => message["text"]?["body"]?.GetValue<string>() ?? "",
        "button" => message["button"]?["text"]?.GetValue<string>() ?? "[button]",
        "interactive" => message["interactive"]?["button_reply"]?["title"]?.GetValue<string>()
            ?? message["interactive"]?["list_reply"]?["title"]?.GetValue<string>() ?? "[interactive reply]",
        "reaction" => $"Reacted {message["reaction"]?["emoji"]?.GetValue<string>()}",
        _ => message[kind]?["caption"]?.GetValue<string>() is { } caption ? $"[{kind}] {caption}" : $"[{kind}]",
    };

    private static string Text(JsonNode? node, string name) =>
        node?[name]?.GetValue<string>() is { Length: > 0 and <= 200 } text ? text : throw new FormatException($"The notification has no usable \"{name}\".");

    /// <summary>WhatsApp's timestamps are Unix seconds, as a string.</summary>
    private static DateTime Time(JsonNode? node) =>
        DateTimeOffset.FromUnixTimeSeconds(long.Parse(Text(node, "timestamp"), System.Globalization.CultureInfo.InvariantCulture)).UtcDateTime;
}
