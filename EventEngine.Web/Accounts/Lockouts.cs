using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Identity;

namespace EventEngine.Web.Accounts;

/// <summary>What a locked account is told: wrong passwords lock it for a while; staff lock it until they unlock it.</summary>
public static class Lockouts
{
    public const string TooManyAttempts = "Too many failed attempts: this account is locked for 15 minutes. Try again later.";
    public const string LockedByStaff = "This account is locked. If you don't know why, reply to any email from EventEngine and we'll help.";

    /// <summary>When it is not known which account (a passkey says whose it is only once it is accepted).</summary>
    public const string Either = "This account is locked: for 15 minutes after too many failed attempts, or by us; reply to any email from EventEngine if you don't know why.";

    public static string Message(AppUser? user) => ByStaff(user) ? LockedByStaff : TooManyAttempts;

    /// <summary>Staff lock an account until they unlock it; wrong passwords lock it for minutes.</summary>
    public static bool ByStaff(AppUser? user) => user?.LockoutEnd is { } end && end > DateTimeOffset.UtcNow.AddDays(1);

    /// <summary>
    /// The password typed again to confirm a change (not a login): null when right; wrong ones count towards the
    /// account's lockout, as at login.
    /// </summary>
    public static async Task<string?> WrongPasswordAsync(SignInManager<AppUser> signIn, AppUser user, string password)
    {
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return check.Succeeded ? null
            : check.IsLockedOut ? "Too many wrong passwords: this account is locked for 15 minutes."
            : "That is not your password.";
    }
}
