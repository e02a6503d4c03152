using EventEngine.Web.Domain;
using Microsoft.AspNetCore.WebUtilities;

namespace EventEngine.Web.Accounts;

/// <summary>What a passkey is called on the account page, and the id its buttons carry (base64url, as WebAuthn writes it).</summary>
public static class PasskeyNames
{
    public const int MaxLength = 60;

    /// <summary>"Chrome on Android": the device it is being made on, which is where it usually lives.</summary>
    public static string Suggest(string userAgent) => LoginSession.Describe(userAgent) is var device && device.StartsWith("Unknown") ? "Passkey" : device;

    public static string Id(byte[] credentialId) => WebEncoders.Base64UrlEncode(credentialId);

    public static byte[]? IdFrom(string? id)
    {
        if (string.IsNullOrEmpty(id)) return null;
        try { return WebEncoders.Base64UrlDecode(id); }
        catch (FormatException) { return null; }
    }
}
