using System.Net;
using System.Security.Cryptography;
using System.Text;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static EventEngine.Web.Tests.Pages.Invitations.TeamTestKit;

namespace EventEngine.Web.Tests.Pages.Invitations;

/// <summary>The life of a team invitation: the email, accepting by registering or logging in, and every way a link stops working.</summary>
public class IndexTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    private async Task<(Event Event, AppClient Admin, AppUser AdminUser)> EventAsync()
    {
        var (admin, user) = await app.LoggedInAsync("Dana Host");
        var e = await app.CreateEventAsync(user, $"Harbour Gala {Guid.NewGuid():N}"[..20]);
        return (e, admin, user);
    }

    [Fact]
    public async Task The_invitation_email_names_the_event_the_inviter_and_the_role_and_the_database_keeps_only_a_hash_of_its_token()
    {
        var (e, admin, _) = await EventAsync();
        var email = Email("sam");

        AssertRedirect(await admin.InviteAsync(e.Id, email, EventRole.Viewer), $"/events/{e.Id}/members");
        var queued = await app.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.EventId == e.Id && m.Purpose == MessagePurpose.TeamInvitation));
        Assert.Contains("{{invitation_link}}", queued.BodyText);
        Assert.Null(queued.GuestId);

        var path = await app.InvitationPathAsync(email);
        var token = path["/invitations/".Length..];
        Assert.Equal(43, token.Length); // 256 bits, base64url
        var mail = app.Mail.Messages().Last(m => m.RcptTos.Contains(email));
        Assert.Equal($"Dana Host invited you to organise {e.Name}", mail.Subject);
        Assert.Contains("as a Viewer (read only)", mail.Text);
        Assert.Contains($"href=\"https://events.example.test{path}\"", mail.Html);
        Assert.Null(mail.Header("List-Unsubscribe")); // a team invitation is not a guest mailing

        var invitation = await app.QueryAsync(db => db.EventInvitations.SingleAsync(i => i.EventId == e.Id));
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(token)), invitation.TokenHash);
        Assert.DoesNotContain(token, Convert.ToBase64String(invitation.Seed) + Convert.ToBase64String(invitation.TokenHash));
        var stored = await app.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.Id == queued.Id));
        Assert.DoesNotContain(token, stored.BodyText + stored.BodyHtml);
        Assert.Equal(invitation.CreatedAt.AddDays(7), invitation.ExpiresAt);
    }

    [Fact]
    public async Task A_new_person_registers_through_the_link_with_the_email_filled_in_and_joins_with_the_invited_role()
    {
        var (e, admin, _) = await EventAsync();
        var email = Email("noa");
        await admin.InviteAsync(e.Id, email, EventRole.Editor);
        var path = await app.InvitationPathAsync(email);
        var guest = app.CreateAppClient();

        var landing = await guest.GetPageAsync(path);
        Assert.Equal("SignIn", landing.QuerySelector("[data-testid=invitation]")!.GetAttribute("data-view"));
        Assert.Contains($"Join {e.Name}", landing.QuerySelector("h1")!.TextContent);
        var registerUrl = landing.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).Single(h => h.StartsWith("/account/register?returnUrl="));
        var register = await guest.GetPageAsync(registerUrl);
        Assert.Equal(email, register.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Email")!.Value);
        Assert.Contains(e.Name, register.QuerySelector("[data-testid=invitation-banner]")!.TextContent);

        AssertRedirect(await guest.RegisterAsync("Noa Planner", email, path), path);
        var accept = await guest.GetPageAsync(path);
        Assert.Equal("Accept", accept.QuerySelector("[data-testid=invitation]")!.GetAttribute("data-view"));
        AssertRedirect(await guest.PostFormAsync(path), $"/events/{e.Id}");

        var member = await app.QueryAsync(db => db.EventMembers.Include(m => m.User).SingleAsync(m => m.EventId == e.Id && m.User.Email == email));
        Assert.Equal(EventRole.Editor, member.Role);
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync($"/events/{e.Id}/guests/add")).StatusCode); // an Editor may add guests
        var invitation = await app.QueryAsync(db => db.EventInvitations.SingleAsync(i => i.EventId == e.Id));
        Assert.Equal(member.UserId, invitation.AcceptedById);
        var joined = await app.QueryAsync(db => db.EventActivities.SingleAsync(a => a.EventId == e.Id && a.Kind == ActivityKind.MemberJoined));
        Assert.Equal((member.UserId, "Noa Planner"), (joined.ActorUserId!.Value, joined.ActorName));
    }

    [Fact]
    public async Task Someone_with_an_account_logs_in_through_the_link_and_joins()
    {
        var (e, admin, _) = await EventAsync();
        var existing = await app.CreateUserAsync("Omer Friend");
        await admin.InviteAsync(e.Id, existing.Email!.ToUpperInvariant(), EventRole.Viewer); // any case: emails compare case-insensitively
        var path = await app.InvitationPathAsync(existing.Email!.ToUpperInvariant());
        var client = app.CreateAppClient();

        var login = await client.GetPageAsync($"/account/login?returnUrl={Uri.EscapeDataString(path)}");
        Assert.Equal(existing.Email!.ToUpperInvariant(), login.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Email")!.Value);
        var loggedIn = await client.PostFormAsync("/account/login", ("Input.Email", existing.Email!), ("Input.Password", AppFactory.Password), ("ReturnUrl", path));
        AssertRedirect(loggedIn, path);
        AssertRedirect(await client.PostFormAsync(path), $"/events/{e.Id}");

        Assert.Equal(EventRole.Viewer, await app.QueryAsync(db => db.EventMembers.Where(m => m.EventId == e.Id && m.UserId == existing.Id).Select(m => m.Role).SingleAsync()));
    }

    [Fact]
    public async Task A_used_link_says_so_and_cannot_be_used_again_even_by_another_account()
    {
        var (e, admin, _) = await EventAsync();
        var email = Email("used");
        await admin.InviteAsync(e.Id, email);
        var path = await app.InvitationPathAsync(email);
        var first = app.CreateAppClient();
        await first.RegisterAsync("First", email, path);
        AssertRedirect(await first.PostFormAsync(path), $"/events/{e.Id}");

        var again = await first.PostFormAsync(path);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("already been used", (await AppClient.ParseAsync(again)).QuerySelector("h1")!.TextContent);
        var (stranger, strangerUser) = await app.LoggedInAsync("Stranger");
        Assert.Equal(HttpStatusCode.Gone, (await stranger.PostFormAsync(path)).StatusCode);
        Assert.False(await app.QueryAsync(db => db.EventMembers.AnyAsync(m => m.EventId == e.Id && m.UserId == strangerUser.Id)));
        Assert.Equal(2, await app.QueryAsync(db => db.EventMembers.CountAsync(m => m.EventId == e.Id)));
    }

    [Fact]
    public async Task An_expired_link_says_when_it_expired_and_a_resend_makes_the_same_link_work_for_7_more_days()
    {
        var (e, admin, _) = await EventAsync();
        var email = Email("late");
        await admin.InviteAsync(e.Id, email);
        var path = await app.InvitationPathAsync(email);
        var late = app.CreateAppClient();
        await late.RegisterAsync("Late Person", email, path);

        app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        try
        {
            var expired = await late.GetAsync(path);
            Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
            Assert.Contains("expired", (await AppClient.ParseAsync(expired)).QuerySelector("h1")!.TextContent);
            Assert.Equal(HttpStatusCode.Gone, (await late.PostFormAsync(path)).StatusCode);
            Assert.Equal(1, await app.QueryAsync(db => db.EventMembers.CountAsync(m => m.EventId == e.Id)));

            var team = await admin.GetPageAsync($"/events/{e.Id}/members");
            Assert.Contains("Expired", team.QuerySelector("[data-testid=invitation]")!.TextContent);
            var id = await app.QueryAsync(db => db.EventInvitations.Where(i => i.EventId == e.Id).Select(i => i.Id).SingleAsync());
            AssertRedirect(await admin.PostFormAsync($"/events/{e.Id}/members?handler=resend&id={id}"), $"/events/{e.Id}/members");

            Assert.Equal(path, await app.InvitationPathAsync(email));
            AssertRedirect(await late.PostFormAsync(path), $"/events/{e.Id}");
        }
        finally
        {
            app.Clock.Advance(-(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1)));
        }
    }

    [Fact]
    public async Task A_withdrawn_link_says_so_and_an_email_still_queued_for_it_is_not_sent()
    {
        var (e, admin, _) = await EventAsync();
        var email = Email("withdrawn");
        await admin.InviteAsync(e.Id, email);
        var id = await app.QueryAsync(db => db.EventInvitations.Where(i => i.EventId == e.Id).Select(i => i.Id).SingleAsync());

        AssertRedirect(await admin.PostFormAsync($"/events/{e.Id}/members?handler=revoke&id={id}"), $"/events/{e.Id}/members");
        await app.SendDueAsync();

        Assert.DoesNotContain(app.Mail.Messages(), m => m.RcptTos.Contains(email));
        var message = await app.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.EventId == e.Id && m.Purpose == MessagePurpose.TeamInvitation));
        Assert.Equal((MessageState.Failed, "invitation-closed"), (message.State, message.ErrorCode));

        // The link itself, had it gone out, now answers 410 with a plain explanation.
        var invitation = await app.QueryAsync(db => db.EventInvitations.SingleAsync(i => i.Id == id));
        var token = app.Services.GetRequiredService<Web.Links.LinkTokens>().Token(invitation.Seed);
        var page = await app.CreateAppClient().GetAsync($"/invitations/{token}");
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("withdrawn", (await AppClient.ParseAsync(page)).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Someone_logged_in_with_another_account_is_told_and_cannot_join_with_it()
    {
        var (e, admin, _) = await EventAsync();
        var email = Email("invited");
        await admin.InviteAsync(e.Id, email);
        var path = await app.InvitationPathAsync(email);
        var (other, otherUser) = await app.LoggedInAsync("Other Account");

        var page = await other.GetPageAsync(path);
        Assert.Contains(email, page.QuerySelector("[data-testid=wrong-account]")!.TextContent);
        Assert.Contains(otherUser.Email!, page.QuerySelector("[data-testid=wrong-account]")!.TextContent);
        var post = await other.PostFormAsync(path);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.False(await app.QueryAsync(db => db.EventMembers.AnyAsync(m => m.EventId == e.Id && m.UserId == otherUser.Id)));
        Assert.Null(await app.QueryAsync(db => db.EventInvitations.Where(i => i.EventId == e.Id).Select(i => i.AcceptedAt).SingleAsync()));

        // "Log out and continue" returns to the login page for this invitation.
        var logout = await other.PostFormAsync("/account/logout", ("returnUrl", $"/account/login?returnUrl={Uri.EscapeDataString(path)}"));
        AssertRedirect(logout, $"/account/login?returnUrl={Uri.EscapeDataString(path)}");
    }

    [Fact]
    public async Task A_wrong_or_malformed_token_gets_the_same_plain_404()
    {
        var client = app.CreateAppClient();
        foreach (var token in new[] { new string('A', 43), "short", "../../etc/passwd", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_') })
        {
            var response = await client.GetAsync($"/invitations/{Uri.EscapeDataString(token)}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("isn't valid", (await AppClient.ParseAsync(response)).QuerySelector("h1")!.TextContent);
        }
    }
}
