using EventEngine.Web.Data;
using System.Net;
using System.Text.RegularExpressions;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using EventEngine.Web.Tests.Pages.Invitations;
using EventEngine.Web.Pages.Account;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Pages.Account;

public partial class PasswordResetTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    private const string NewPassword = "a brand new passphrase";

    private static string Answer(IDocument page) => Regex.Replace(page.QuerySelector("[data-testid=reset-sent]")!.TextContent, @"\s+", " ").Trim();

    private async Task<CapturedMail> ResetMailAsync(string email)
    {
        await app.SendDueAsync();
        return Assert.Single(app.Mail.Messages(), m => m.RcptTos.Contains(email) && m.Subject == "Reset your EventEngine password");
    }

    [Fact]
    public async Task The_answer_is_the_same_whether_or_not_an_account_uses_the_address()
    {
        var user = await app.CreateUserAsync("Ana");
        var stranger = TeamTestKit.Email("nobody");
        var client = app.CreateAppClient();

        var known = await client.PostFormAsync("/account/forgot-password", ("Input.Email", user.Email!));
        var unknown = await client.PostFormAsync("/account/forgot-password", ("Input.Email", stranger));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (known.StatusCode, unknown.StatusCode));
        Assert.Equal(Answer(await AppClient.ParseAsync(known)).Replace(user.Email!, "X"), Answer(await AppClient.ParseAsync(unknown)).Replace(stranger, "X"));
        Assert.Contains("/account/reset-password/", (await ResetMailAsync(user.Email!)).Text);
        var note = await ResetMailAsync(stranger);
        Assert.Contains("no account uses it", note.Text);
        Assert.DoesNotContain("/account/reset-password/", note.Text);
    }

    [Fact]
    public async Task A_reset_link_works_once_sets_the_password_and_ends_every_other_login()
    {
        var (elsewhere, user) = await app.LoggedInAsync("Bo");
        await elsewhere.PostFormAsync("/account/forgot-password", ("Input.Email", user.Email!));
        await elsewhere.PostFormAsync("/account/forgot-password", ("Input.Email", user.Email!)); // asked twice: one email
        var path = new Uri(ResetLink().Match((await ResetMailAsync(user.Email!)).Text!).Value).PathAndQuery;
        var browser = app.CreateAppClient();

        var form = await browser.GetPageAsync(path);
        Assert.Null(form.QuerySelector("[data-testid=reset-link-failed]"));
        var mismatch = await AppClient.ParseAsync(await browser.PostFormAsync(path, ("Input.Password", NewPassword), ("Input.ConfirmPassword", "something else")));
        Assert.Equal("The two passwords are not the same.", mismatch.QuerySelector("[data-valmsg-for='Input.ConfirmPassword']")!.TextContent.Trim());
        var reset = await browser.PostFormAsync(path, ("Input.Password", NewPassword), ("Input.ConfirmPassword", NewPassword));
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        // The browser that reset is logged in; the login made before the reset ends at its next check.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/events")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var ended = await elsewhere.GetAsync("/events");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("/account/login", ended.Headers.Location!.AbsolutePath);

        // The old password no longer works, the new one does, and the link is spent.
        var old = app.CreateAppClient();
        Assert.Equal(HttpStatusCode.OK, (await old.PostFormAsync("/account/login", ("Input.Email", user.Email!), ("Input.Password", AppFactory.Password))).StatusCode);
        await app.CreateAppClient().LogInAsync(user.Email!, NewPassword);
        Assert.NotNull((await app.CreateAppClient().GetPageAsync(path)).QuerySelector("[data-testid=reset-link-failed]"));
        Assert.True(await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [Theory]
    [InlineData(119, false)]
    [InlineData(121, true)]
    public async Task A_reset_link_expires_after_two_hours(int minutesOld, bool expired)
    {
        var user = await app.CreateUserAsync("Cy");
        // Identity's provider reads the real clock, so the token is made as it would have been that long ago.
        var code = await TokenMadeAsync(user, DateTimeOffset.UtcNow.AddMinutes(-minutesOld));
        var path = $"/account/reset-password/{user.Id}?code={Uri.EscapeDataString(code)}";

        var page = await app.CreateAppClient().GetPageAsync(path);

        Assert.Equal(expired, page.QuerySelector("[data-testid=reset-link-failed]") is not null);
    }

    /// <summary>A password reset token as the app's provider makes them (see DataProtectorTokenProvider.GenerateAsync), made at the given time.</summary>
    private async Task<string> TokenMadeAsync(AppUser user, DateTimeOffset made)
    {
        await using var scope = app.Services.CreateSystemScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var protector = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector(PasswordResetTokens.ProviderName);
        var stored = await users.FindByIdAsync(user.Id.ToString());
        using var data = new MemoryStream();
        using (var writer = new BinaryWriter(data, new System.Text.UTF8Encoding(false, true), leaveOpen: true))
        {
            writer.Write(made.UtcTicks);
            writer.Write(user.Id.ToString());
            writer.Write(UserManager<AppUser>.ResetPasswordTokenPurpose);
            writer.Write(await users.GetSecurityStampAsync(stored!) ?? "");
        }
        return Convert.ToBase64String(protector.Protect(data.ToArray()));
    }

    [GeneratedRegex(@"https://events\.example\.test/account/reset-password/[0-9a-f-]{36}\?code=\S+")]
    private static partial Regex ResetLink();
}
