using EventEngine.Web.Data;
using EventEngine.Web.Domain;

namespace EventEngine.Web.Accounts;

/// <summary>Adds a staff action to the log; the caller's SaveChanges writes it together with the change it records.</summary>
public static class StaffLog
{
    public const string ServerCommand = "Command on the server";

    public static void Add(AppDbContext db, AppUser? actor, StaffActionKind kind, AppUser? target, string summary, DateTime now) =>
        db.StaffActions.Add(new StaffAction
        {
            CreatedAt = now,
            ActorUserId = actor?.Id,
            ActorName = actor?.DisplayName ?? ServerCommand,
            Kind = kind,
            TargetUserId = target?.Id,
            TargetEmail = target?.Email,
            Summary = summary.Length <= StaffAction.SummaryMaxLength ? summary : summary[..(StaffAction.SummaryMaxLength - 1)] + "…",
        });

    public static string Label(this StaffActionKind kind) => kind switch
    {
        StaffActionKind.RoleGranted => "Staff role given",
        StaffActionKind.RoleRevoked => "Staff role taken away",
        StaffActionKind.AccountLocked => "Account locked",
        StaffActionKind.AccountUnlocked => "Account unlocked",
        StaffActionKind.ConfirmationResent => "Confirmation sent again",
        StaffActionKind.EventApproved => "Event approved",
        StaffActionKind.EventRejected => "Event sent back",
        StaffActionKind.EventUnpublished => "Event unpublished",
        StaffActionKind.OrganisationTrusted => "Organisation trusted",
        StaffActionKind.OrganisationUntrusted => "Organisation no longer trusted",
        _ => kind.ToString(),
    };
}
