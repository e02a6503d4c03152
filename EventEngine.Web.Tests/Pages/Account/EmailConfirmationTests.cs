using System.Net;
using System.Text.RegularExpressions;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using EventEngine.Web.Tests.Pages.Invitations;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Account;

public partial class EmailConfirmationTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    private async Task<string> ConfirmationPathAsync(string email, int expected = 1)
    {
        await app.SendDueAsync();
        var mails = app.Mail.Messages().Where(m => m.RcptTos.Contains(email) && m.Subject == "Confirm your email address for EventEngine").ToList();
        Assert.Equal(expected, mails.Count);
        Assert.Contains("Confirm my email address", mails[^1].Html);
        var link = ConfirmLink().Match(mails[^1].Text!).Value;
        Assert.NotEmpty(link);
        return new Uri(link).PathAndQuery;
    }

    [Fact]
    public async Task A_new_account_works_at_once_is_reminded_and_confirms_through_the_emailed_link()
    {
        var client = app.CreateAppClient();
        var email = TeamTestKit.Email("nia");
        await client.RegisterAsync("Nia", email, "/events");

        var reminded = await client.GetPageAsync("/events");
        Assert.Contains(email, reminded.QuerySelector("[data-testid=confirm-banner]")!.TextContent);
        var path = await ConfirmationPathAsync(email);
        // The outbox never held the link, only its placeholder.
        Assert.All(await app.QueryAsync(db => db.OutboxMessages.Where(m => m.Recipient == email).Select(m => m.BodyText).ToListAsync()),
            body => Assert.Contains("{{account_link}}", body));

        var forged = await client.GetPageAsync(Regex.Replace(path, "code=.{8}", "code=AAAAAAAA"));
        var confirmed = await client.GetPageAsync(path);
        var again = await app.CreateAppClient().GetPageAsync(path); // another browser, not logged in: still fine

        Assert.Contains("This link no longer works", forged.QuerySelector("[data-testid=confirm-result]")!.TextContent);
        Assert.Contains("Your email address is confirmed", confirmed.QuerySelector("[data-testid=confirm-result]")!.TextContent);
        Assert.Contains("Your email address is confirmed", again.QuerySelector("[data-testid=confirm-result]")!.TextContent);
        Assert.True(await app.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));
        Assert.Null((await client.GetPageAsync("/events")).QuerySelector("[data-testid=confirm-banner]"));
    }

    [Fact]
    public async Task Sending_the_link_again_waits_a_minute_between_emails()
    {
        var client = app.CreateAppClient();
        var email = TeamTestKit.Email("oli");
        await client.RegisterAsync("Oli", email, "/events");

        var early = await client.PostFormAsync("/account/confirm-email?handler=resend", [], "/events");
        var earlyToast = (await client.GetPageAsync(early.Headers.Location!.OriginalString)).QuerySelector(".toast[data-autoshow]")!.TextContent;
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var later = await client.PostFormAsync("/account/confirm-email?handler=resend", [], "/events");

        Assert.Equal(HttpStatusCode.Redirect, early.StatusCode);
        Assert.Contains("less than a minute ago", earlyToast);
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        var path = await ConfirmationPathAsync(email, expected: 2);
        Assert.Contains("Your email address is confirmed", (await client.GetPageAsync(path)).QuerySelector("[data-testid=confirm-result]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAppClient().PostFormAsync("/account/confirm-email?handler=resend", [], "/account/login")).StatusCode);
    }

    [GeneratedRegex(@"https://events\.example\.test/account/confirm-email/[0-9a-f-]{36}\?code=\S+")]
    private static partial Regex ConfirmLink();
}
