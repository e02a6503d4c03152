using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Members;

public enum TeamChange { Done, Unchanged, NotFound, LastAdmin, NoLongerAdmin }

/// <summary>
/// Role changes and removals, with the one rule that keeps an event manageable: it always has an Admin. Each change
/// locks the event's row first, so two Admins demoting each other at the same moment cannot both succeed.
/// </summary>
public static class TeamRules
{
    public static async Task<TeamChange> ChangeRoleAsync(AppDbContext db, CurrentEvent current, ActivityLog log, Guid userId, EventRole role, DateTime now)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (!await LockAsAdminAsync(db, current, now)) return TeamChange.NoLongerAdmin;
        var member = await db.EventMembers.Include(m => m.User).SingleOrDefaultAsync(m => m.EventId == current.EventId && m.UserId == userId);
        if (member is null) return TeamChange.NotFound;
        if (member.Role == role) return TeamChange.Unchanged;
        if (member.Role == EventRole.Admin && await AdminsAsync(db, current.EventId) == 1) return TeamChange.LastAdmin;
        log.Add(ActivityKind.RoleChanged, $"Changed {member.User.DisplayName}'s role from {member.Role} to {role}");
        member.Role = role;
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TeamChange.Done;
    }

    /// <summary>Removes a member, or (when it is the signed-in member) leaves. Access ends with this commit.</summary>
    public static async Task<TeamChange> RemoveAsync(AppDbContext db, CurrentEvent current, ActivityLog log, Guid userId, DateTime now)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (userId == current.UserId) await LockEventAsync(db, current.EventId);
        else if (!await LockAsAdminAsync(db, current, now)) return TeamChange.NoLongerAdmin;
        var member = await db.EventMembers.Include(m => m.User).SingleOrDefaultAsync(m => m.EventId == current.EventId && m.UserId == userId);
        if (member is null) return TeamChange.NotFound;
        if (member.Role == EventRole.Admin && await AdminsAsync(db, current.EventId) == 1) return TeamChange.LastAdmin;
        db.EventMembers.Remove(member);
        if (userId == current.UserId) log.Add(ActivityKind.MemberLeft, $"Left the team (was {member.Role.Article()})");
        else log.Add(ActivityKind.MemberRemoved, $"Removed {member.User.DisplayName} ({member.User.Email}) from the team (was {member.Role.Article()})");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TeamChange.Done;
    }

    /// <summary>
    /// Locks the event, then checks the acting person is still an Admin (directly or as an Owner of its organisation):
    /// a demotion that committed while this request waited wins.
    /// </summary>
    private static async Task<bool> LockAsAdminAsync(AppDbContext db, CurrentEvent current, DateTime now)
    {
        await LockEventAsync(db, current.EventId);
        return await EventReach.RoleAsync(db, current.EventId, current.UserId, now) == EventRole.Admin;
    }

    private static Task LockEventAsync(AppDbContext db, Guid eventId) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM events WHERE id = {eventId} FOR UPDATE");

    private static Task<int> AdminsAsync(AppDbContext db, Guid eventId) =>
        db.EventMembers.CountAsync(m => m.EventId == eventId && m.Role == EventRole.Admin);
}
