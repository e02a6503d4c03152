using System.Net;
using System.Text.Json.Nodes;

namespace EventEngine.Web.Messaging.WhatsApp;

/// <summary>
/// The Cloud API's error codes, as a decision (retry or give up) and a reason a host can act on. Codes are Meta's
/// (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes); the same codes come in failed webhooks.
/// </summary>
public static class WhatsAppErrors
{
    private static readonly HashSet<int> Temporary = [1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 133004, 190];

    public static string Describe(int code, string? fallback) => code switch
    {
        130429 => "WhatsApp's send rate for this number was reached; the message goes again shortly.",
        131056 => "Too many messages to this guest in a short time; the message goes again later.",
        131047 => "More than 24 hours have passed since the guest last wrote, so WhatsApp only allows an approved template message.",
        131026 => "WhatsApp could not deliver the message: the number may not use WhatsApp, or the guest has not accepted WhatsApp's latest terms.",
        131049 => "WhatsApp held the message back to keep the guest's experience healthy (too many business messages).",
        131050 => "The guest has stopped marketing messages from this business on WhatsApp.",
        131051 => "WhatsApp does not support this kind of message.",
        132000 or 132012 => "The template's parameters don't match what the approved template expects.",
        132001 => "The WhatsApp template doesn't exist in this language, or isn't approved yet.",
        190 => "WhatsApp refused this server's access (its token expired or was revoked); the site's administrator needs to renew it.",
        _ => string.IsNullOrWhiteSpace(fallback) ? $"WhatsApp error {code}." : fallback,
    };

    public static bool IsTemporary(int code) => Temporary.Contains(code);

    /// <summary>An unsuccessful response: {"error":{"message","type","code","error_data":{"details"},"fbtrace_id"}}.</summary>
    public static SendOutcome FromResponse(HttpStatusCode status, JsonNode? json)
    {
        var error = json?["error"];
        if (error?["code"]?.GetValue<int>() is not { } code)
        {
            var reason = $"The WhatsApp Cloud API answered {(int)status} {status} without an error code.";
            return (int)status >= 500 || status == HttpStatusCode.TooManyRequests
                ? SendOutcome.Retry($"http {(int)status}", reason)
                : SendOutcome.Failed($"http {(int)status}", reason);
        }
        var details = error["error_data"]?["details"]?.GetValue<string>() ?? error["message"]?.GetValue<string>();
        var text = Describe(code, details);
        return IsTemporary(code) || (int)status >= 500
            ? SendOutcome.Retry(code.ToString(), text, code == 131056 ? TimeSpan.FromMinutes(1) : null)
            : SendOutcome.Failed(code.ToString(), text);
    }
}
