using EventEngine.Web.Accounts;
using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Staff;

/// <summary>
/// Accounts, for staff helping people: find one, lock or unlock it, send its confirmation link again. Staff see an
/// account's own fields and how many events it belongs to, never which events or what is in them. Each action is
/// in the staff log.
/// </summary>
public class IndexModel(AppDbContext db, UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<AccountRow> Accounts { get; private set; } = [];
    public bool More { get; private set; }
    public SiteRole MyRole { get; private set; }
    public Guid MyId { get; private set; }

    public sealed record AccountRow(Guid Id, string Name, string Email, bool Confirmed, DateTime CreatedAt, bool TwoFactor,
        SiteRole? Role, bool Locked, bool Deleted, int Events);

    public async Task OnGetAsync()
    {
        MyId = User.GetUserId();
        MyRole = await db.Users.Where(u => u.Id == MyId).Select(u => u.SiteRole!.Value).SingleAsync();
        var now = clock.GetUtcNow();
        var query = db.Users.AsQueryable();
        var words = PlainText.Tidy(Q);
        if (words is not null)
        {
            var pattern = "%" + words.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(u => EF.Functions.ILike(u.Email!, pattern) || EF.Functions.ILike(u.DisplayName, pattern));
        }
        var rows = await query.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id).Take(PageSize + 1)
            .Select(u => new AccountRow(u.Id, u.DisplayName, u.Email!, u.EmailConfirmed, u.CreatedAt, u.TwoFactorEnabled, u.SiteRole,
                u.LockoutEnd != null && u.LockoutEnd > now, u.DeletedAt != null, AppDbContext.StaffEventCount(u.Id)))
            .ToListAsync();
        More = rows.Count > PageSize;
        Accounts = rows.Take(PageSize).ToList();
    }

    public Task<IActionResult> OnPostLockAsync(Guid id) => ActAsync(id, async (me, user, now) =>
    {
        if (user.Id == me.Id) return "You can't lock your own account.";
        if (user.SiteRole is not null && me.SiteRole != SiteRole.Administrator) return "Only an administrator can lock a member of staff.";
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        // Its logins end now, not at their next security stamp check.
        await users.UpdateSecurityStampAsync(user);
        await db.LoginSessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync();
        StaffLog.Add(db, me, StaffActionKind.AccountLocked, user, "Locked: can't log in until unlocked; logged out everywhere", now);
        await db.SaveChangesAsync();
        return null;
    }, user => $"{user.Email} is locked and logged out everywhere.");

    public Task<IActionResult> OnPostUnlockAsync(Guid id) => ActAsync(id, async (me, user, now) =>
    {
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        StaffLog.Add(db, me, StaffActionKind.AccountUnlocked, user, "Unlocked", now);
        await db.SaveChangesAsync();
        return null;
    }, user => $"{user.Email} is unlocked.");

    public Task<IActionResult> OnPostResendAsync(Guid id) => ActAsync(id, async (me, user, now) =>
    {
        if (user.EmailConfirmed) return $"{user.Email} is already confirmed.";
        if (await ConfirmationEmails.QueueAsync(db, user, now) is { } wait)
            return $"A link went to {user.Email} less than a minute ago. Try again in {Math.Ceiling(wait.TotalSeconds)} seconds.";
        StaffLog.Add(db, me, StaffActionKind.ConfirmationResent, user, $"Sent a new confirmation link to {user.Email}", now);
        await db.SaveChangesAsync();
        return null;
    }, user => $"A new confirmation link is on its way to {user.Email}.");

    /// <summary>Runs one action on one account; the action returns why it was refused, or null when it was done.</summary>
    private async Task<IActionResult> ActAsync(Guid id, Func<AppUser, AppUser, DateTime, Task<string?>> action, Func<AppUser, string> done)
    {
        var back = Url.Page("/Staff/Index", new { Q })!;
        var me = await users.GetUserAsync(User);
        var user = await users.FindByIdAsync(id.ToString());
        if (me is null || user is null || user.DeletedAt is not null) return this.RedirectWithToast(back, "That account no longer exists.", ToastKind.Error);
        var refused = await action(me, user, clock.GetUtcNow().UtcDateTime);
        return refused is null ? this.RedirectWithToast(back, done(user)) : this.RedirectWithToast(back, refused, ToastKind.Error);
    }
}
