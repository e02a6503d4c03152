using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Authorization;

/// <summary>
/// Who may use the staff area: decided here, from the account's site role read fresh on each request, so a role
/// taken away (or an account locked) counts at once rather than when the login's claims are next renewed. The
/// staff pages get it by folder and page convention; outsiders get a 404, as for an event that is not theirs.
/// </summary>
public sealed record StaffRequirement(SiteRole Least) : IAuthorizationRequirement
{
    public const string Staff = "Staff";
    public const string Administrators = "SiteAdministrators";

    public static void AddPolicies(AuthorizationOptions options)
    {
        options.AddPolicy(Staff, p => p.RequireAuthenticatedUser().AddRequirements(new StaffRequirement(SiteRole.Moderator)));
        options.AddPolicy(Administrators, p => p.RequireAuthenticatedUser().AddRequirements(new StaffRequirement(SiteRole.Administrator)));
    }
}

public sealed class StaffAccessHandler(AppDbContext db) : AuthorizationHandler<StaffRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true) return;
        var userId = context.User.GetUserId();
        var role = await db.Users.Where(u => u.Id == userId && u.DeletedAt == null).Select(u => u.SiteRole).SingleOrDefaultAsync();
        if (role is { } r && r >= requirement.Least) context.Succeed(requirement);
    }
}
