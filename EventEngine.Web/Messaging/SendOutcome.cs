namespace EventEngine.Web.Messaging;

public enum SendResult
{
    Sent,
    /// <summary>A temporary failure (a 4xx SMTP reply, a rate limit, the network): try again later.</summary>
    Retry,
    /// <summary>A permanent failure (a 5xx SMTP reply, an undeliverable number): shown to the host.</summary>
    Failed,
}

/// <summary>What a transport reports for one message. Errors carry the provider's code and a reason a host can read.</summary>
public sealed record SendOutcome(SendResult Result, string? ProviderMessageId = null, string? ErrorCode = null, string? Error = null, TimeSpan? RetryAfter = null)
{
    public static SendOutcome Sent(string providerMessageId) => new(SendResult.Sent, providerMessageId);
    public static SendOutcome Retry(string code, string error, TimeSpan? after = null) => new(SendResult.Retry, null, code, error, after);
    public static SendOutcome Failed(string code, string error) => new(SendResult.Failed, null, code, error);
}
