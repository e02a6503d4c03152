using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Staff;

/// <summary>The command an operator runs on the server, run here as they would: the built app, its own process.</summary>
public class StaffCommandTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<(int Exit, string Output)> RunAsync(params string[] args) => AppCommand.RunAsync(new Dictionary<string, string>
    {
        ["ConnectionStrings__Default"] = app.Database.AppConnectionString,
        ["ConnectionStrings__Migrations"] = app.Database.ConnectionString,
    }, args);

    [Fact]
    public async Task The_server_command_makes_an_administrator_lists_staff_and_takes_the_role_away_each_in_the_staff_log()
    {
        var user = await app.CreateUserAsync("First Admin");

        var added = await RunAsync("staff", "add", user.Email!.ToUpperInvariant(), "--role", "administrator");
        Assert.Equal(0, added.Exit);
        Assert.Contains($"{user.Email} is now an Administrator.", added.Output);
        Assert.Equal(SiteRole.Administrator, await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.SiteRole).SingleAsync()));

        var listed = await RunAsync("staff", "list");
        Assert.Contains($"Administrator  {user.Email} (First Admin)", listed.Output);

        var removed = await RunAsync("staff", "remove", user.Email!);
        Assert.Equal(0, removed.Exit);
        Assert.Null(await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.SiteRole).SingleAsync()));

        var log = await app.QueryAsync(db => db.StaffActions.Where(a => a.TargetUserId == user.Id).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([StaffActionKind.RoleGranted, StaffActionKind.RoleRevoked], log.Select(a => a.Kind));
        Assert.All(log, a => Assert.Equal(("Command on the server", (Guid?)null), (a.ActorName, a.ActorUserId)));
    }

    [Fact]
    public async Task The_command_refuses_an_unknown_address_and_explains_its_usage()
    {
        var unknown = await RunAsync("staff", "add", "nobody@example.test", "--role", "moderator");
        var wrongRole = await RunAsync("staff", "add", "nobody@example.test", "--role", "king");

        Assert.Equal(1, unknown.Exit);
        Assert.Contains("No account uses nobody@example.test", unknown.Output);
        Assert.Equal(2, wrongRole.Exit);
        Assert.Contains("staff add EMAIL --role administrator|moderator", wrongRole.Output);
    }
}
