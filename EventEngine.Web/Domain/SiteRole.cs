namespace EventEngine.Web.Domain;

/// <summary>
/// A role on the whole site, not on an event. Moderators review the public catalog and help people with their
/// accounts; Administrators also decide who is staff. Neither sees inside anyone's private events.
/// </summary>
public enum SiteRole
{
    Moderator,
    Administrator,
}

/// <summary>One thing a member of staff did (or a command on the server did), as it was at the time.</summary>
public class StaffAction
{
    public const int SummaryMaxLength = 500;

    public long Id { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid? ActorUserId { get; set; }
    public string ActorName { get; set; } = "";
    public StaffActionKind Kind { get; set; }
    public Guid? TargetUserId { get; set; }
    public string? TargetEmail { get; set; }
    public string Summary { get; set; } = "";
}

public enum StaffActionKind
{
    RoleGranted,
    RoleRevoked,
    AccountLocked,
    AccountUnlocked,
    ConfirmationResent,
    EventApproved,
    EventRejected,
    EventUnpublished,
    OrganisationTrusted,
    OrganisationUntrusted,
}
