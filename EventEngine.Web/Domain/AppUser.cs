using Microsoft.AspNetCore.Identity;

namespace EventEngine.Web.Domain;

/// <summary>A person who logs in. The email is also the user name.</summary>
public class AppUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>Set when the person deleted their account: the row stays, nameless, so others' records still point at it.</summary>
    public DateTime? DeletedAt { get; set; }
    /// <summary>Set for site staff only.</summary>
    public SiteRole? SiteRole { get; set; }

    public const string FormerMember = "A former member";
}
