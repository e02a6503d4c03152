using System.Security.Claims;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Accounts;

/// <summary>
/// Every login is a row of login_sessions, named by a claim in the auth cookie. A cookie whose row is gone is refused at
/// once, so ending one login (or all the others) is immediate on every instance; Identity's security stamp check still
/// runs after this one. A login made before the account's stamp changed (new password, reset, new address) is not listed.
/// </summary>
public sealed class LoginSessions(AppDbContext db, TimeProvider clock, IOptions<IdentityOptions> identity) : CookieAuthenticationEvents
{
    public const string ClaimType = "login_session";
    /// <summary>How stale "last active" may get: touching the row on every request would write on every request.</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(5);

    /// <summary>How long a typed password unlocks changes to how the account logs in (GitHub calls it sudo mode).</summary>
    public static readonly TimeSpan PasswordFreshFor = TimeSpan.FromMinutes(10);

    public static Guid? IdOf(ClaimsPrincipal principal) => Guid.TryParse(principal.FindFirstValue(ClaimType), out var id) ? id : null;

    /// <summary>The account's live logins, most recently used first; rows of logins that are over are removed.</summary>
    public async Task<IReadOnlyList<LoginSession>> ListAsync(AppUser user)
    {
        await db.LoginSessions.Where(s => s.UserId == user.Id && s.SecurityStamp != user.SecurityStamp).ExecuteDeleteAsync();
        return await db.LoginSessions.Where(s => s.UserId == user.Id).OrderByDescending(s => s.LastSeenAt).ToListAsync();
    }

    public Task<int> EndAsync(Guid userId, Guid sessionId) =>
        db.LoginSessions.Where(s => s.UserId == userId && s.Id == sessionId).ExecuteDeleteAsync();

    public Task<int> EndAllButAsync(Guid userId, Guid? keep) =>
        db.LoginSessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync();

    public async Task<bool> PasswordIsRecentAsync(ClaimsPrincipal principal)
    {
        var id = IdOf(principal);
        var at = await db.LoginSessions.Where(s => s.Id == id).Select(s => s.PasswordConfirmedAt).SingleOrDefaultAsync();
        return at is { } confirmed && clock.GetUtcNow().UtcDateTime - confirmed < PasswordFreshFor;
    }

    public Task PasswordConfirmedAsync(ClaimsPrincipal principal)
    {
        var id = IdOf(principal);
        var now = clock.GetUtcNow().UtcDateTime;
        return db.LoginSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.PasswordConfirmedAt, now));
    }

    public override async Task SigningIn(CookieSigningInContext context)
    {
        var principal = context.Principal!;
        if (!Guid.TryParse(principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType), out var userId)) return;
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) ?? "";
        var now = clock.GetUtcNow().UtcDateTime;
        // A renewed login (a new name, a new password in this browser) keeps its row; a new login gets one.
        var current = context.HttpContext.User;
        var session = IdOf(current) is { } id && current.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType) == userId.ToString()
            ? await db.LoginSessions.SingleOrDefaultAsync(s => s.Id == id && s.UserId == userId)
            : null;
        if (session is null)
        {
            var agent = context.HttpContext.Request.Headers.UserAgent.ToString();
            session = new LoginSession
            {
                Id = Guid.NewGuid(),
                UserId = userId,
                CreatedAt = now,
                IpAddress = RateLimits.ClientOf(context.HttpContext),
                UserAgent = agent.Length > LoginSession.UserAgentMaxLength ? agent[..LoginSession.UserAgentMaxLength] : agent,
            };
            db.LoginSessions.Add(session);
            // Identity marks a login made with the password "pwd" (with a second factor, "mfa"): it was just typed.
            if (principal.FindFirstValue("amr") is "pwd" or "mfa") session.PasswordConfirmedAt = now;
        }
        session.SecurityStamp = stamp;
        session.LastSeenAt = now;
        await db.SaveChangesAsync();
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(ClaimType, session.Id.ToString()));
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal!;
        var now = clock.GetUtcNow().UtcDateTime;
        var session = IdOf(principal) is { } id && Guid.TryParse(principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType), out var userId)
            ? await db.LoginSessions.AsNoTracking().Where(s => s.Id == id && s.UserId == userId).Select(s => new { s.LastSeenAt }).SingleOrDefaultAsync()
            : null;
        if (session is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        if (now - session.LastSeenAt > TouchEvery)
            await db.LoginSessions.Where(s => s.Id == IdOf(principal)).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now)
                .SetProperty(x => x.IpAddress, RateLimits.ClientOf(context.HttpContext)));
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    public override async Task SigningOut(CookieSigningOutContext context)
    {
        if (IdOf(context.HttpContext.User) is { } id) await db.LoginSessions.Where(s => s.Id == id).ExecuteDeleteAsync();
    }

    /// <summary>
    /// A signed-in person refused by a policy (the staff area) gets the site's 404, as for an event that is not theirs:
    /// the area's existence is not announced, and there is no login page to send them to.
    /// </summary>
    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    /// <summary>The security stamp check makes a new principal every minute; it keeps naming the same login.</summary>
    public static Task KeepSessionClaim(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(ClaimType) is { } claim)
            ((ClaimsIdentity)context.NewPrincipal!.Identity!).AddClaim(new Claim(ClaimType, claim.Value));
        return Task.CompletedTask;
    }
}
