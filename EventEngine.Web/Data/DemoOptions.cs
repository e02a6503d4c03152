namespace EventEngine.Web.Data;

/// <summary>Demo data for trying the app locally (scripts/run turns it on).</summary>
public sealed class DemoOptions
{
    public bool Seed { get; set; }
    public string Email { get; set; } = "demo@eventengine.test";

    /// <summary>When empty, a new random password is set and printed at each start.</summary>
    public string? Password { get; set; }

    /// <summary>Where a local mail catcher shows the mail the app sends (scripts/run sets it), for the start-up message.</summary>
    public string? MailUrl { get; set; }
}
