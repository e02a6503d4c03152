namespace EventEngine.Web.Domain;

/// <summary>
/// An invitation sent by email to join a team: an event's (<see cref="EventInvitation"/>) or an organisation's
/// (<see cref="OrganisationInvitation"/>). Its link works once, for 7 days from the last send. Like RSVP links, the
/// database keeps a random seed and the SHA-256 of the token, never the token.
/// </summary>
public abstract class Invitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid Id { get; set; }
    public string Email { get; set; } = "";
    public byte[] Seed { get; set; } = [];
    public byte[] TokenHash { get; set; } = [];
    public Guid? InvitedById { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When it was last sent (a resend restarts the 7 days).</summary>
    public DateTime SentAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public Guid? AcceptedById { get; set; }
    public DateTime? RevokedAt { get; set; }

    public InvitationState StateAt(DateTime now) =>
        RevokedAt is not null ? InvitationState.Revoked
        : AcceptedAt is not null ? InvitationState.Accepted
        : ExpiresAt <= now ? InvitationState.Expired
        : InvitationState.Open;
}

/// <summary>An invitation to join an event's team with a role.</summary>
public class EventInvitation : Invitation
{
    public Guid EventId { get; set; }
    public EventRole Role { get; set; }
}

/// <summary>An invitation to join an organisation with a role, and optionally only until a day.</summary>
public class OrganisationInvitation : Invitation
{
    public Guid OrganisationId { get; set; }
    public OrganisationRole Role { get; set; }
    /// <summary>When the membership it grants ends; null for no end.</summary>
    public DateTime? MemberUntil { get; set; }
}

public enum InvitationState
{
    Open,
    Expired,
    Revoked,
    Accepted,
}
