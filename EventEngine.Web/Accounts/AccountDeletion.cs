using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Accounts;

/// <summary>
/// Deleting an account. Events it is the only Admin of must be handed over or deleted first, so no event is left
/// without one. Then, in one transaction: its memberships end (each event's log says so), its own emails, logins,
/// keys and passkeys go, and its row becomes a nameless tombstone, so guests, messages and log entries it made in
/// other events stay, attributed to "A former member" (log entries keep the name they recorded).
/// </summary>
public sealed class AccountDeletion(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    public sealed record BlockingEvent(Guid Id, string Name, int OtherMembers);

    /// <summary>The events that would have no Admin left.</summary>
    public Task<List<BlockingEvent>> BlockingEventsAsync(Guid userId) =>
        db.EventMembers
            .Where(m => m.UserId == userId && m.Role == EventRole.Admin
                && !db.EventMembers.Any(o => o.EventId == m.EventId && o.UserId != userId && o.Role == EventRole.Admin))
            .OrderBy(m => m.Event.StartsAt)
            .Select(m => new BlockingEvent(m.EventId, m.Event.Name, db.EventMembers.Count(o => o.EventId == m.EventId) - 1))
            .ToListAsync();

    /// <summary>Deletes the account, or returns the events that stop it (checked again under the events' locks).</summary>
    public async Task<List<BlockingEvent>> DeleteAsync(AppUser user)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        // The same lock a role change takes, in one order, so a demotion of the other Admin cannot slip in between.
        var eventIds = await db.EventMembers.Where(m => m.UserId == user.Id).Select(m => m.EventId).OrderBy(id => id).ToListAsync();
        foreach (var id in eventIds) await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM events WHERE id = {id} FOR UPDATE");
        var blocking = await BlockingEventsAsync(user.Id);
        if (blocking.Count > 0) return blocking;

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var member in await db.EventMembers.Where(m => m.UserId == user.Id).ToListAsync())
        {
            ActivityLog.Add(db, member.EventId, user.Id, user.DisplayName, ActivityKind.MemberLeft,
                $"Left the team (was {member.Role.Article()}): deleted their account", null, null, now);
            db.EventMembers.Remove(member);
        }
        await db.SaveChangesAsync();
        await db.OutboxMessages.Where(m => m.UserId == user.Id).ExecuteDeleteAsync();
        await db.LoginSessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync();
        await db.UserTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync();
        await db.UserLogins.Where(l => l.UserId == user.Id).ExecuteDeleteAsync();
        await db.UserClaims.Where(c => c.UserId == user.Id).ExecuteDeleteAsync();
        await db.Set<IdentityUserPasskey<Guid>>().Where(p => p.UserId == user.Id).ExecuteDeleteAsync();

        var tombstone = $"deleted-{user.Id:N}@deleted.invalid";
        user.DisplayName = AppUser.FormerMember;
        user.Email = user.UserName = tombstone;
        user.NormalizedEmail = user.NormalizedUserName = users.NormalizeEmail(tombstone);
        user.EmailConfirmed = false;
        user.PasswordHash = null;
        user.PhoneNumber = null;
        user.TwoFactorEnabled = false;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        user.DeletedAt = now;
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return [];
    }
}
