namespace EventEngine.Web.Domain;

/// <summary>Something that happened on a guest's RSVP link; listed on the guest's page. Sent messages come from the outbox.</summary>
public class GuestActivity
{
    public const int DetailMaxLength = 2000;

    public long Id { get; set; }
    public Guid EventId { get; set; }
    public Guid GuestId { get; set; }
    public GuestActivityKind Kind { get; set; }

    /// <summary>The channel the link came through, when the link said (its via parameter).</summary>
    public MessageChannel? Channel { get; set; }
    public string? Detail { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum GuestActivityKind
{
    Opened,
    Answered,
    Changed,
    LinkRevoked,
}
