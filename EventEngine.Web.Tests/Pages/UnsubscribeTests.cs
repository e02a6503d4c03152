using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Pages;

public class UnsubscribeTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    [Fact]
    public async Task The_link_from_an_email_stops_further_email_to_that_guest_only()
    {
        var admin = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin, "Quiet Dinner");
        var guest = await app.AddGuestAsync(e.Id, "Opt");
        var other = await app.AddGuestAsync(e.Id, "Stay");
        await app.QueueAsync(e, guest, MessageComposer.DefaultDraft(MessagePurpose.Invitation, ChannelChoice.Email));
        await app.SendDueAsync();
        var mail = Assert.Single(app.Mail.Messages(), m => m.RcptTos.Contains(guest.Email!));
        var link = mail.Header("List-Unsubscribe")!.Split('<', '>')[1];
        Assert.Contains("To stop emails about it: https://events.example.test/unsubscribe/", mail.Text);
        var pending = await app.QueueAsync(e, guest, MessageComposer.DefaultDraft(MessagePurpose.Reminder, ChannelChoice.Email));
        var client = app.CreateAppClient();
        var path = new Uri(link).AbsolutePath;

        var confirm = await client.GetPageAsync(path);
        Assert.Contains("Stop emails about Quiet Dinner?", confirm.QuerySelector("h1")!.TextContent);
        Assert.Equal("noindex, nofollow", confirm.QuerySelector("meta[name=robots]")!.GetAttribute("content"));

        // RFC 8058 one-click: the mail provider POSTs without cookies or a form token.
        var oneClick = await app.CreateClient().PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);

        Assert.NotNull(await app.QueryAsync(db => db.Guests.Where(g => g.Id == guest.Id).Select(g => g.EmailUnsubscribedAt).SingleAsync()));
        Assert.Null(await app.QueryAsync(db => db.Guests.Where(g => g.Id == other.Id).Select(g => g.EmailUnsubscribedAt).SingleAsync()));
        Assert.Equal(MessageState.Cancelled, (await app.MessageAsync(pending.Id)).State);
        Assert.Contains("You're unsubscribed", (await client.GetPageAsync(path)).QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("made-up")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_made_up_token_matches_nobody_and_reveals_nothing(string token)
    {
        var client = app.CreateAppClient();

        var get = await client.GetPageAsync($"/unsubscribe/{token}");
        var post = await app.CreateClient().PostAsync($"/unsubscribe/{token}", new FormUrlEncodedContent([]));

        Assert.Contains("This link is no longer valid", get.QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains("This link is no longer valid", await post.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_token_for_one_guest_cannot_be_turned_into_another()
    {
        var links = app.Services.GetRequiredService<UnsubscribeLinks>();
        var token = links.Token(Guid.NewGuid());
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        Assert.Null(links.GuestId(tampered));
    }
}
