using Microsoft.AspNetCore.Identity;

namespace EventEngine.Web.Domain;

/// <summary>A person who logs in. The email is also the user name.</summary>
public class AppUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
