using System.Security.Claims;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Pages.Account;

/// <summary>
/// Puts the display name in the auth cookie so the navigation can show who is logged in without a query, and whether
/// the email address is confirmed, for the reminder at the top of every page.
/// </summary>
public sealed class DisplayNameClaims(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    public const string ClaimType = "display_name";
    public const string UnconfirmedClaimType = "email_unconfirmed";
    /// <summary>For the navigation's Staff link only; the staff area itself reads the role from the database.</summary>
    public const string SiteRoleClaimType = "site_role";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimType, user.DisplayName));
        if (!user.EmailConfirmed) identity.AddClaim(new Claim(UnconfirmedClaimType, "true"));
        if (user.SiteRole is { } role) identity.AddClaim(new Claim(SiteRoleClaimType, role.ToString()));
        return identity;
    }
}
