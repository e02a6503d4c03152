namespace EventEngine.Web.Domain;

/// <summary>A status report from the WhatsApp webhook, kept once per (wamid, status).</summary>
public class WhatsAppStatus
{
    public long Id { get; set; }
    public string ProviderMessageId { get; set; } = "";
    public string Status { get; set; } = "";
    public DateTime OccurredAt { get; set; }
    public string? ErrorCode { get; set; }
    public string? Error { get; set; }
    public DateTime ReceivedAt { get; set; }
}
