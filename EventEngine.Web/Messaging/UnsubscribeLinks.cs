using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Messaging;

/// <summary>
/// Unsubscribe links carry the guest's id sealed by ASP.NET Core Data Protection (encrypted and authenticated),
/// so nothing is stored and a link cannot be made up for another guest.
/// </summary>
public sealed class UnsubscribeLinks(IDataProtectionProvider protection, IOptions<AppOptions> app)
{
    private readonly IDataProtector protector = protection.CreateProtector("EventEngine.Unsubscribe.v1");

    public string Url(Guid guestId) => $"{app.Value.BaseUrl.TrimEnd('/')}/unsubscribe/{Token(guestId)}";

    public string Token(Guid guestId) => WebEncoders.Base64UrlEncode(protector.Protect(guestId.ToByteArray()));

    public Guid? GuestId(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 500) return null;
        try
        {
            var bytes = protector.Unprotect(WebEncoders.Base64UrlDecode(token));
            return bytes.Length == 16 ? new Guid(bytes) : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
