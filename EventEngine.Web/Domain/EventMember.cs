namespace EventEngine.Web.Domain;

/// <summary>A user's membership of one event, with the role that decides what they may do there.</summary>
public class EventMember
{
    public Guid EventId { get; set; }
    public Guid UserId { get; set; }
    public EventRole Role { get; set; }
    public DateTime JoinedAt { get; set; }

    public Event Event { get; set; } = null!;
    public AppUser User { get; set; } = null!;
}
