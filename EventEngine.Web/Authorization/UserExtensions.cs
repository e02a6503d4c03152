using System.Security.Claims;

namespace EventEngine.Web.Authorization;

public static class UserExtensions
{
    /// <summary>The signed-in user's id. Only call on pages that require login.</summary>
    public static Guid GetUserId(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in user."));
}
