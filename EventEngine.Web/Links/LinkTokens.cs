using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Links;

/// <summary>
/// Tokens of the capability links: RSVP links, team invitations and registrations. A token is HMAC-SHA256, under the configured key
/// (Rsvp__LinkKey), of a 256-bit seed from the operating system's cryptographic random generator. The database
/// keeps the seed and the SHA-256 of the token, so a copy of it opens nothing without the key, and a token is found
/// again by its hash. Computing the token from the seed is what lets a link be copied again later, and lets a
/// message carry it without the outbox ever holding it: the sender fills it in at the moment of sending.
/// </summary>
public sealed class LinkTokens(IOptions<RsvpOptions> options)
{
    /// <summary>43 base64url characters: 256 bits.</summary>
    public const int TokenLength = 43;
    public const int SeedBytes = 32;

    private readonly byte[] key = RsvpOptions.Key(options.Value.LinkKey) ?? throw new InvalidOperationException(RsvpOptions.KeyHelp);

    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(SeedBytes);

    public string Token(byte[] seed) => WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, seed));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));

    /// <summary>Whether the text could be a token at all; anything else is not looked up.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

/// <summary>The token of the capability link in the request being served.</summary>
public sealed record LinkToken(string Value);

public static class LinkTokenPaths
{
    private static readonly string[] Prefixes = ["/rsvp", "/invitations", "/registrations"];

    /// <summary>
    /// Takes the token out of /rsvp/{token} and /invitations/{token} before routing, so nothing after this point
    /// (route values in MVC's logs, error pages, anything that prints the path) ever sees it. Pages read it from the
    /// <see cref="LinkToken"/> feature. The one log that runs earlier, ASP.NET's request start and finish lines, is
    /// turned off in Program.cs.
    /// </summary>
    public static IApplicationBuilder UseLinkTokenPaths(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var path = context.Request.Path.Value;
        foreach (var prefix in Prefixes)
        {
            if (path is null || path.Length <= prefix.Length + 1 || !path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase)) continue;
            var rest = path[(prefix.Length + 1)..];
            var slash = rest.IndexOf('/');
            context.Features.Set(new LinkToken(slash < 0 ? rest : rest[..slash]));
            context.Request.Path = prefix + (slash < 0 ? "" : rest[slash..]);
            break;
        }
        return next(context);
    });
}
