using System.Net;
using AngleSharp.Html.Dom;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using EventEngine.Web.Tests.Pages.Rsvp;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Messages;

public class NewTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    private static List<KeyValuePair<string, string>> Form(string channel, string body, Guid broadcastId, int? expected = null, string subject = "News about {{event_name}}")
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Purpose", "Broadcast"), new("Input.Channel", channel), new("Input.Subject", subject), new("Input.Body", body),
            new("Input.BroadcastId", broadcastId.ToString()),
        };
        if (expected is not null) fields.Add(new("Input.ExpectedCount", expected.ToString()!));
        return fields;
    }

    /// <summary>Five guests matching "side=Bride": two by email only, two by phone only, one with both; plus one on the other side.</summary>
    private async Task<(AppClient Client, Event Event, Guest[] Bride)> EventAsync()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin, "Summer Ball");
        var bride = new[]
        {
            await app.AddGuestAsync(e.Id, "Ada", g => { g.LastName = "Byron"; g.Side = "Bride"; }),
            await app.AddGuestAsync(e.Id, "Bea", g => { g.LastName = "Cole"; g.Side = "Bride"; }),
            await app.AddGuestAsync(e.Id, "Cai", g => { g.LastName = "Dunn"; g.Side = "Bride"; g.Email = null; g.Phone = "+447400900201"; }),
            await app.AddGuestAsync(e.Id, "Dov", g => { g.LastName = "Eyre"; g.Side = "Bride"; g.Email = null; g.Phone = "+447400900202"; }),
            await app.AddGuestAsync(e.Id, "Eli", g => { g.LastName = "Ford"; g.Side = "Bride"; g.Phone = "+447400900203"; }),
        };
        await app.AddGuestAsync(e.Id, "Zed", g => g.Side = "Groom");
        return (client, e, bride);
    }

    [Theory]
    [InlineData("Email", 3, 3, 0, 2)]
    [InlineData("WhatsApp", 3, 0, 3, 2)]
    [InlineData("WhatsAppElseEmail", 5, 2, 3, 0)]
    public async Task The_preview_count_is_exactly_what_is_sent(string channel, int total, int email, int whatsApp, int unreachable)
    {
        var (client, e, _) = await EventAsync();
        var url = $"/events/{e.Id}/messages/new?side=Bride";
        var broadcast = Guid.NewGuid();

        var preview = await AppClient.ParseAsync(await client.PostFormAsync(url + "&handler=preview", Form(channel, "Hi {{first_name}}", broadcast), url));

        var count = preview.QuerySelector("[data-testid=recipient-count]")!.TextContent;
        Assert.Contains($"{total} messages", count);
        Assert.Contains($"({email} by email, {whatsApp} on WhatsApp)", count);
        Assert.Contains("5 selected guests", count);
        if (unreachable > 0) Assert.Contains($"Not sent to {unreachable} guests", preview.QuerySelector("[data-testid=unreachable]")!.TextContent);
        Assert.Equal($"Send {total} messages", preview.QuerySelector("[data-testid=send-button]")!.TextContent.Trim());

        var sent = await client.PostFormAsync(url, Form(channel, "Hi {{first_name}}", broadcast, expected: total), url);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal($"/events/{e.Id}/messages?broadcast={broadcast}", sent.Headers.Location!.ToString());
        var queued = await app.QueryAsync(db => db.OutboxMessages.Where(m => m.BroadcastId == broadcast).ToListAsync());
        Assert.Equal(total, queued.Count);
        Assert.Equal(email, queued.Count(m => m.Channel == MessageChannel.Email));
        Assert.Equal(whatsApp, queued.Count(m => m.Channel == MessageChannel.WhatsApp));
        Assert.All(queued, m => Assert.Equal(MessageState.Queued, m.State));

        await app.SendDueAsync();
        var providerIds = (await app.QueryAsync(db => db.OutboxMessages.Where(m => m.BroadcastId == broadcast).Select(m => m.ProviderMessageId).ToListAsync())).ToHashSet();
        Assert.Equal(email, app.Mail.Messages().Count(m => providerIds.Contains(m.Header("Message-ID"))));
        Assert.Equal(whatsApp, app.WhatsApp.Sent.Count(s => providerIds.Contains(s.Wamid)));
    }

    [Fact]
    public async Task Household_members_without_an_address_are_covered_by_their_households_message_and_not_reported_as_not_sent()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin, "Family Day");
        var parent = (await app.AddHouseholdAsync(e.Id, "Okafor", ("Ngozi", 0))).Single();
        foreach (var child in new[] { "Ada", "Obi" })
            await app.AddGuestAsync(e.Id, child, g => { g.HouseholdId = parent.HouseholdId; g.Email = null; g.IsChild = true; g.Side = "Both"; });
        await app.QueryAsync(db => db.Guests.Where(g => g.Id == parent.Id).ExecuteUpdateAsync(u => u.SetProperty(g => g.Side, "Both")));
        await app.AddGuestAsync(e.Id, "Phone only", g => { g.Side = "Both"; g.Email = null; g.Phone = "+447400900411"; });
        var url = $"/events/{e.Id}/messages/new?side=Both";

        var preview = await AppClient.ParseAsync(await client.PostFormAsync(url + "&handler=preview", Form("Email", "Hi {{first_name}}", Guid.NewGuid()), url));

        Assert.Contains("1 message", preview.QuerySelector("[data-testid=recipient-count]")!.TextContent);
        Assert.Contains("Not sent to 1 guest: 1 without an address for this channel.", preview.QuerySelector("[data-testid=unreachable]")!.TextContent);
        Assert.Contains("2 guests have no address of their own but are covered", preview.QuerySelector("[data-testid=covered]")!.TextContent);
    }

    [Fact]
    public async Task WhatsApp_goes_only_to_numbers_that_can_be_mobiles_and_a_landline_guest_gets_email_instead()
    {
        var (client, admin) = await app.LoggedInAsync();
        var e = await app.CreateEventAsync(admin, "Landlines");
        await app.AddGuestAsync(e.Id, "Mobile", g => { g.Side = "Both"; g.Email = null; g.Phone = "+447400900311"; });
        await app.AddGuestAsync(e.Id, "Landline", g => { g.Side = "Both"; g.Email = null; g.Phone = "+442079460311"; });
        var both = await app.AddGuestAsync(e.Id, "Landline and email", g => { g.Side = "Both"; g.Phone = "+442079460312"; });
        var url = $"/events/{e.Id}/messages/new?side=Both";

        var whatsAppOnly = await AppClient.ParseAsync(await client.PostFormAsync(url + "&handler=preview", Form("WhatsApp", "Hi", Guid.NewGuid()), url));
        var either = await AppClient.ParseAsync(await client.PostFormAsync(url + "&handler=preview", Form("WhatsAppElseEmail", "Hi", Guid.NewGuid()), url));

        Assert.Contains("(0 by email, 1 on WhatsApp)", whatsAppOnly.QuerySelector("[data-testid=recipient-count]")!.TextContent);
        Assert.Equal("Not sent to 2 guests: 2 with only a landline number (WhatsApp needs a mobile).",
            whatsAppOnly.QuerySelector("[data-testid=unreachable]")!.TextContent.Trim());
        Assert.Contains("(1 by email, 1 on WhatsApp)", either.QuerySelector("[data-testid=recipient-count]")!.TextContent);
        Assert.Equal("Not sent to 1 guest: 1 with only a landline number (WhatsApp needs a mobile).",
            either.QuerySelector("[data-testid=unreachable]")!.TextContent.Trim());
        Assert.Contains(both.Email!, either.QuerySelector(".preview-email .preview-meta")!.TextContent);
    }

    [Fact]
    public async Task The_preview_shows_the_message_rendered_for_the_first_guest()
    {
        var (client, e, _) = await EventAsync();
        var url = $"/events/{e.Id}/messages/new?side=Bride";

        var page = await client.GetPageAsync(url);
        Assert.Contains("5 selected guests: Ada Byron, Bea Cole, Cai Dunn…", page.QuerySelector("[data-testid=recipient-count]")!.TextContent);

        var preview = await AppClient.ParseAsync(await client.PostFormAsync(url + "&handler=preview",
            Form("Email", "Dear {{first_name}}, see you on {{event_date}} <b>in</b> {{venue}}".Replace("{{venue}}", "the garden"), Guid.NewGuid()), url));
        Assert.Equal("News about Summer Ball", preview.QuerySelector(".preview-subject")!.TextContent);
        var body = preview.QuerySelector(".preview-body")!;
        Assert.StartsWith("Dear Ada, see you on Saturday 12 June 2027 <b>in</b> the garden", body.TextContent);
        Assert.Empty(body.QuerySelectorAll("b"));
    }

    [Fact]
    public async Task An_unknown_placeholder_is_reported_at_the_field_and_the_text_is_kept()
    {
        var (client, e, _) = await EventAsync();
        var url = $"/events/{e.Id}/messages/new?side=Bride";
        var broadcast = Guid.NewGuid();

        var response = await client.PostFormAsync(url, Form("Email", "Hi {{frist_name}}", broadcast, expected: 3), url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("{{frist_name}} isn't a placeholder", page.QuerySelector("[data-valmsg-for='Input.Body']")!.TextContent);
        Assert.Equal("Hi {{frist_name}}", page.QuerySelector("textarea[name='Input.Body']")!.TextContent.Trim());
        Assert.False(await app.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.BroadcastId == broadcast)));
    }

    [Fact]
    public async Task A_venue_placeholder_for_an_event_without_a_venue_is_reported()
    {
        var (client, e, _) = await EventAsync();
        var url = $"/events/{e.Id}/messages/new?side=Bride";

        var page = await AppClient.ParseAsync(await client.PostFormAsync(url, Form("Email", "See you at {{venue}}", Guid.NewGuid(), expected: 3), url));

        Assert.Contains("This event has no venue yet", page.QuerySelector("[data-valmsg-for='Input.Body']")!.TextContent);
    }

    [Fact]
    public async Task Sending_twice_sends_once()
    {
        var (client, e, _) = await EventAsync();
        var url = $"/events/{e.Id}/messages/new?side=Bride";
        var broadcast = Guid.NewGuid();

        var first = await client.PostFormAsync(url, Form("Email", "Once", broadcast, expected: 3), url);
        var second = await client.PostFormAsync(url, Form("Email", "Once", broadcast, expected: 3), url);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(3, await app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.BroadcastId == broadcast)));
    }

    [Fact]
    public async Task A_guest_list_that_changed_since_the_preview_is_shown_again_before_sending()
    {
        var (client, e, _) = await EventAsync();
        var url = $"/events/{e.Id}/messages/new?side=Bride";
        var broadcast = Guid.NewGuid();
        await app.AddGuestAsync(e.Id, "Late", g => g.Side = "Bride");

        var response = await client.PostFormAsync(url, Form("Email", "Hello", broadcast, expected: 3), url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("The guest list changed since the preview: this now sends 4 messages", page.QuerySelector("[data-valmsg-for='Input.ExpectedCount']")!.TextContent);
        Assert.Equal("Send 4 messages", page.QuerySelector("[data-testid=send-button]")!.TextContent.Trim());
        Assert.False(await app.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.BroadcastId == broadcast)));
    }

    [Fact]
    public async Task Selected_guests_from_another_event_are_not_messaged()
    {
        var (client, e, bride) = await EventAsync();
        var (_, otherAdmin) = await app.LoggedInAsync();
        var other = await app.CreateEventAsync(otherAdmin);
        var stranger = await app.AddGuestAsync(other.Id, "Stranger");
        var url = $"/events/{e.Id}/messages/new?ids={bride[0].Id}&ids={stranger.Id}";
        var broadcast = Guid.NewGuid();

        var response = await client.PostFormAsync(url, Form("Email", "Hi", broadcast, expected: 1), url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var queued = Assert.Single(await app.QueryAsync(db => db.OutboxMessages.Where(m => m.BroadcastId == broadcast).ToListAsync()));
        Assert.Equal(bride[0].Id, queued.GuestId);
    }

    [Fact]
    public async Task An_unsubscribed_guest_gets_no_email()
    {
        var (client, e, bride) = await EventAsync();
        await app.QueryAsync(db => db.Guests.Where(g => g.Id == bride[0].Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.EmailUnsubscribedAt, DateTime.UtcNow)));
        var url = $"/events/{e.Id}/messages/new?side=Bride";

        var preview = await AppClient.ParseAsync(await client.PostFormAsync(url + "&handler=preview", Form("Email", "Hi", Guid.NewGuid()), url));

        Assert.Contains("2 messages", preview.QuerySelector("[data-testid=recipient-count]")!.TextContent);
        Assert.Contains("1 unsubscribed from email", preview.QuerySelector("[data-testid=unreachable]")!.TextContent);
    }

    [Fact]
    public async Task The_composer_opens_on_the_invitation_with_who_gets_it_at_the_top_and_a_way_to_change_it()
    {
        var (client, e, bride) = await EventAsync();
        await app.QueryAsync(db => db.Guests.Where(g => g.Id == bride[0].Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GuestStatus.Confirmed)));

        var all = await client.GetPageAsync($"/events/{e.Id}/messages/new");
        var filtered = await client.GetPageAsync($"/events/{e.Id}/messages/new?side=Bride&status=Invited");
        var selected = await client.GetPageAsync($"/events/{e.Id}/messages/new?ids={bride[1].Id}&ids={bride[2].Id}");

        static string Who(IDocument page) => System.Text.RegularExpressions.Regex.Replace(page.QuerySelector("[data-testid=recipients] .recipients-who")!.TextContent, @"\s+", " ").Trim();
        Assert.Equal("Invitation", all.QuerySelector(".purpose-tabs a.active")!.TextContent);
        Assert.Equal("Invitation", all.QuerySelector<IHtmlInputElement>("input[name='Input.Purpose']")!.Value);
        Assert.Equal("All 6 guests (Ada Byron, Bea Cole, Cai Dunn…)", Who(all));
        Assert.Equal("4 guests: Waiting, side Bride (Bea Cole, Cai Dunn, Dov Eyre…)", Who(filtered));
        Assert.Equal("2 guests you selected (Bea Cole, Cai Dunn)", Who(selected));
        var choices = filtered.QuerySelectorAll("[data-testid=recipients] .recipient-choices a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal([
            ("All 6", $"/events/{e.Id}/messages/new?purpose=Invitation"),
            ("Waiting 5", $"/events/{e.Id}/messages/new?status=Invited&purpose=Invitation"),
            ("Confirmed 1", $"/events/{e.Id}/messages/new?status=Confirmed&purpose=Invitation"),
            ("Choose on the guest list", $"/events/{e.Id}/guests?status=Invited&side=Bride"),
        ], choices.Select(c => (System.Text.RegularExpressions.Regex.Replace(c.Item1, @"\s+", " "), c.Item2)));
    }

    [Fact]
    public async Task A_test_goes_to_the_host_as_the_first_guest_would_get_it_without_any_guests_links()
    {
        var (client, e, bride) = await EventAsync();
        var host = await app.QueryAsync(db => db.Users.SingleAsync(u => db.EventMembers.Any(m => m.EventId == e.Id && m.UserId == u.Id)));
        var url = $"/events/{e.Id}/messages/new?side=Bride";
        var fields = Form("WhatsAppElseEmail", "Dear {{first_name}}, please reply: {{rsvp_link}}", Guid.NewGuid());
        fields[0] = new("Input.Purpose", "Invitation");

        var response = await client.PostHtmxAsync(url + "&handler=test", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Test sent to {host.Email}, as Ada Byron would get it.", response.Headers.GetValues("HX-Trigger").Single());
        var test = Assert.Single(await app.QueryAsync(db => db.OutboxMessages.Where(m => m.EventId == e.Id).ToListAsync()));
        Assert.Equal((MessageChannel.Email, host.Email, (Guid?)null), (test.Channel, test.Recipient, test.GuestId));
        Assert.Equal("[Test] News about Summer Ball", test.Subject);
        Assert.Contains("Dear Ada, please reply: http", test.BodyText);
        Assert.Contains($"/events/{e.Id}", test.BodyText);
        Assert.DoesNotContain("{{", test.BodyText + test.BodyHtml);
        Assert.DoesNotContain(bride[0].Id.ToString(), test.BodyText + test.BodyHtml);
        Assert.False(await app.QueryAsync(db => db.RsvpLinks.AnyAsync(t => t.EventId == e.Id)));
    }
}
