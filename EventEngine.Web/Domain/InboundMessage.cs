namespace EventEngine.Web.Domain;

/// <summary>A message a guest sent to the event's WhatsApp number.</summary>
public class InboundMessage
{
    public const int KindMaxLength = 32;

    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public Guid GuestId { get; set; }
    public string ProviderMessageId { get; set; } = "";
    public string FromPhone { get; set; } = "";

    /// <summary>WhatsApp's message type: text, button, image, …; the body describes what cannot be shown as text.</summary>
    public string Kind { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime ReceivedAt { get; set; }
}
