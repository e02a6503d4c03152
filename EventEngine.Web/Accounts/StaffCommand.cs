using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Accounts;

/// <summary>
/// `dotnet EventEngine.Web.dll staff …`, run on the server: the way to make the first administrator, and a way back in
/// if every administrator is lost. Every change is in the staff log, by "Command on the server".
/// </summary>
public static class StaffCommand
{
    public const string Usage = """
        Usage:
          staff add EMAIL --role administrator|moderator   give an existing account a site role
          staff remove EMAIL                               take it away
          staff list                                       list the site's staff
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        await using var scope = services.CreateSystemScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        switch (args)
        {
            case ["list"]:
                var staff = await db.Users.Where(u => u.SiteRole != null).OrderBy(u => u.Email).ToListAsync();
                if (staff.Count == 0) output.WriteLine("The site has no staff yet.");
                foreach (var u in staff) output.WriteLine($"{u.SiteRole,-14} {u.Email} ({u.DisplayName})");
                return 0;
            case ["add", var email, "--role", var roleName] when Enum.TryParse<SiteRole>(roleName, ignoreCase: true, out var role):
                {
                    if (await FindAsync(users, email, output) is not { } user) return 1;
                    var before = user.SiteRole;
                    user.SiteRole = role;
                    StaffLog.Add(db, null, StaffActionKind.RoleGranted, user, before is null ? $"Made {role}" : $"Made {role} (was {before})", now);
                    await db.SaveChangesAsync();
                    output.WriteLine($"{user.Email} is now {(role == SiteRole.Administrator ? "an" : "a")} {role}.");
                    return 0;
                }
            case ["remove", var email]:
                {
                    if (await FindAsync(users, email, output) is not { } user) return 1;
                    if (user.SiteRole is not { } was)
                    {
                        output.WriteLine($"{user.Email} is not staff.");
                        return 0;
                    }
                    user.SiteRole = null;
                    StaffLog.Add(db, null, StaffActionKind.RoleRevoked, user, $"No longer {was}", now);
                    await db.SaveChangesAsync();
                    output.WriteLine($"{user.Email} is no longer staff.");
                    return 0;
                }
            default:
                output.WriteLine(Usage);
                return 2;
        }
    }

    private static async Task<AppUser?> FindAsync(UserManager<AppUser> users, string email, TextWriter output)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null || user.DeletedAt is not null) output.WriteLine($"No account uses {email}. The person must create one first.");
        return user is { DeletedAt: null } ? user : null;
    }
}
