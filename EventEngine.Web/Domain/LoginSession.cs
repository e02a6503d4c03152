namespace EventEngine.Web.Domain;

/// <summary>One login: the browser it was made in, and when it was last used. The auth cookie names it.</summary>
public class LoginSession
{
    public const int UserAgentMaxLength = 512;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    /// <summary>The account's security stamp when the login was made; once the stamp changes, the login is over.</summary>
    public string SecurityStamp { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
    public DateTime? PasswordConfirmedAt { get; set; }

    /// <summary>"Chrome on Android": enough for a person to recognise their own device.</summary>
    public string Device => Describe(UserAgent);

    public static string Describe(string? userAgent)
    {
        var ua = userAgent ?? "";
        string? browser = ua switch
        {
            _ when ua.Contains("Edg/") => "Edge",
            _ when ua.Contains("SamsungBrowser/") => "Samsung Internet",
            _ when ua.Contains("Firefox/") || ua.Contains("FxiOS/") => "Firefox",
            _ when ua.Contains("OPR/") => "Opera",
            _ when ua.Contains("Chrome/") || ua.Contains("CriOS/") => "Chrome",
            _ when ua.Contains("Safari/") => "Safari",
            _ => null,
        };
        string? system = ua switch
        {
            _ when ua.Contains("iPhone") => "iPhone",
            _ when ua.Contains("iPad") => "iPad",
            _ when ua.Contains("Android") => "Android",
            _ when ua.Contains("Windows") => "Windows",
            _ when ua.Contains("Mac OS X") || ua.Contains("Macintosh") => "Mac",
            _ when ua.Contains("CrOS") => "ChromeOS",
            _ when ua.Contains("Linux") => "Linux",
            _ => null,
        };
        return (browser, system) switch
        {
            (null, null) => "Unknown browser",
            (null, { } s) => $"A browser on {s}",
            ({ } b, null) => b,
            ({ } b, { } s) => $"{b} on {s}",
        };
    }
}
