using System.Net;
using System.Text.RegularExpressions;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;

namespace EventEngine.Web.Tests.Pages.Invitations;

/// <summary>Inviting through the team page and reading the link out of the email the real SMTP catcher received.</summary>
public static partial class TeamTestKit
{
    public static async Task<HttpResponseMessage> InviteAsync(this AppClient admin, Guid eventId, string email, EventRole role = EventRole.Editor) =>
        await admin.PostFormAsync($"/events/{eventId}/members?handler=invite", ("Input.Email", email), ("Input.Role", role.ToString()));

    /// <summary>Sends what is due and returns the path of the newest invitation link mailed to the address.</summary>
    public static async Task<string> InvitationPathAsync(this MessagingAppFactory app, string email, string subject = "invited you to organise")
    {
        await app.SendDueAsync();
        var mail = app.Mail.Messages().Last(m => m.RcptTos.Contains(email) && m.Subject.Contains(subject));
        return new Uri(Link().Match(mail.Text!).Value).AbsolutePath;
    }

    public static async Task<HttpResponseMessage> RegisterAsync(this AppClient client, string name, string email, string returnUrl) =>
        await client.PostFormAsync("/account/register",
            ("Input.DisplayName", name), ("Input.Email", email), ("Input.Password", AppFactory.Password), ("Input.ConfirmPassword", AppFactory.Password),
            ("ReturnUrl", returnUrl));

    public static string Email(string name) => $"{name}.{Guid.NewGuid():N}@example.test";

    public static void AssertRedirect(HttpResponseMessage response, string location)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }

    [GeneratedRegex(@"https://events\.example\.test/invitations/[A-Za-z0-9_-]{43}")]
    public static partial Regex Link();
}
