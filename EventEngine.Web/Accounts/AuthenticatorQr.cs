using QRCoder;

namespace EventEngine.Web.Accounts;

/// <summary>The otpauth:// link an authenticator app scans (Google's Key Uri Format), and its QR code as a PNG data URI.</summary>
public static class AuthenticatorQr
{
    public const string Issuer = "EventEngine";

    public static string Uri(string email, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(Issuer)}:{System.Uri.EscapeDataString(email)}?secret={key}&issuer={System.Uri.EscapeDataString(Issuer)}&digits=6";

    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }

    /// <summary>The key in groups of four, lower case, as people copy it by hand into an app.</summary>
    public static string Readable(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(group => new string(group)));
}
