namespace EventEngine.Web.Domain;

/// <summary>A user's membership of one event, with the role that decides what they may do there.</summary>
public class EventMember
{
    public Guid EventId { get; set; }
    public Guid UserId { get; set; }
    public EventRole Role { get; set; }
    public DateTime JoinedAt { get; set; }
    /// <summary>Whether this member hears by email when guests answer.</summary>
    public AnswerEmails AnswerEmails { get; set; }
    /// <summary>The end of the period the last daily digest covered (or when the member chose the digest).</summary>
    public DateTime? AnswersDigestedAt { get; set; }

    public Event Event { get; set; } = null!;
    public AppUser User { get; set; } = null!;
}

public enum AnswerEmails
{
    Off,
    AtOnce,
    Daily,
}
