using System.Net;
using System.Security.Cryptography;
using System.Text;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Rsvp;

public class IndexTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    private async Task<(Event Event, List<Guest> Family, string Path)> FamilyAsync(Action<Event>? configure = null)
    {
        var admin = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin, "Garden Party");
        if (configure is not null)
            await app.QueryAsync(async db =>
            {
                var tracked = await db.Events.SingleAsync(x => x.Id == e.Id);
                configure(tracked);
                await db.SaveChangesAsync();
                configure(e);
                return 0;
            });
        var family = await app.AddHouseholdAsync(e.Id, "Levi", ("Dana", 1), ("Noam", 0));
        return (e, family, $"/rsvp/{await app.TokenAsync(family[0])}?via=email");
    }

    [Fact]
    public async Task The_token_has_256_bits_and_the_database_keeps_only_its_hash()
    {
        var (_, family, path) = await FamilyAsync();
        var token = path.Split('/', '?')[2];

        Assert.Equal(32, WebEncoders.Base64UrlDecode(token).Length);
        Assert.Equal(token, await app.TokenAsync(family[1])); // one link for the household
        var link = await app.QueryAsync(db => db.RsvpLinks.SingleAsync(l => l.HouseholdId == family[0].HouseholdId));
        Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(token)), link.TokenHash);
        var stored = await app.QueryAsync(db => db.Database.SqlQueryRaw<string>("SELECT (SELECT string_agg(t::text, '|') FROM rsvp_links t) AS \"Value\"").SingleAsync());
        Assert.DoesNotContain(token, stored);
        Assert.DoesNotContain(Convert.ToHexString(WebEncoders.Base64UrlDecode(token)).ToLowerInvariant(), stored);
    }

    [Fact]
    public async Task Invitations_carry_the_household_link_only_when_sent_and_it_opens_the_household()
    {
        var (e, family, _) = await FamilyAsync();
        var queued = await app.QueueAsync(e, family[0], MessageComposer.DefaultDraft(MessagePurpose.Invitation, ChannelChoice.Email));
        Assert.Contains("{{rsvp_link}}", queued.BodyText);

        await app.SendDueAsync();

        var mail = Assert.Single(app.Mail.Messages(), m => m.RcptTos.Contains(family[0].Email!));
        var url = mail.Text!.Split([' ', '\n', '\r']).Single(w => w.StartsWith("https://events.example.test/rsvp/"));
        Assert.EndsWith("?via=email", url);
        Assert.Contains($"href=\"{url}\"", mail.Html);
        Assert.Contains("{{rsvp_link}}", (await app.MessageAsync(queued.Id)).BodyText); // the outbox never holds the link
        var page = await app.CreateAppClient().GetPageAsync(new Uri(url).PathAndQuery);
        Assert.Equal("Garden Party", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Dana Levi", "Noam Levi"], page.QuerySelectorAll("legend").Select(l => l.TextContent).ToArray());
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("short")]
    [InlineData("%3Cscript%3E")]
    public async Task A_wrong_token_gets_the_same_plain_404_that_reveals_nothing(string token)
    {
        await FamilyAsync();
        var client = app.CreateAppClient();

        var response = await client.GetAsync($"/rsvp/{token}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We couldn't find this invitation", body);
        Assert.DoesNotContain("Garden Party", body);
        Assert.DoesNotContain("answer-form", body);
    }

    [Fact]
    public async Task A_revoked_link_says_politely_it_is_no_longer_valid_and_the_new_one_works()
    {
        var (e, family, oldPath) = await FamilyAsync();
        var (host, _) = await HostAsync(e);

        var revoke = await host.PostFormAsync($"/events/{e.Id}/guests/link/{family[1].Id}?handler=revoke", []);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        var old = await app.CreateAppClient().GetAsync(oldPath);
        Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
        Assert.Contains("This link is no longer valid", await old.Content.ReadAsStringAsync());
        var newToken = await app.TokenAsync(family[0]);
        Assert.NotEqual(oldPath.Split('/', '?')[2], newToken);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateAppClient().GetAsync($"/rsvp/{newToken}")).StatusCode);
        var revoked = await app.QueryAsync(db => db.EventActivities.Where(a => a.EventId == e.Id && a.Kind == ActivityKind.RsvpLinkRevoked)
            .Select(a => new { a.GuestId, a.ActorUserId, a.Summary }).ToListAsync());
        Assert.Equal(family.Select(f => (Guid?)f.Id).Order(), revoked.Select(r => r.GuestId).Order());
        Assert.All(revoked, r => Assert.NotNull(r.ActorUserId));
        Assert.Contains(revoked, r => r.Summary == $"Revoked the RSVP link of {family[1].DisplayName}");
    }

    [Fact]
    public async Task A_host_makes_the_link_once_and_gets_the_same_one_after()
    {
        var admin = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin, "Garden Party");
        var guest = await app.AddGuestAsync(e.Id, "Solo");
        var (host, _) = await HostAsync(e);
        Assert.Null((await host.GetPageAsync($"/events/{e.Id}/guests/link/{guest.Id}")).QuerySelector("[data-testid=rsvp-url]"));

        var first = await AppClient.ParseAsync(await host.PostHtmxAsync($"/events/{e.Id}/guests/link/{guest.Id}", []));
        var second = await AppClient.ParseAsync(await host.PostHtmxAsync($"/events/{e.Id}/guests/link/{guest.Id}", []));

        var url = first.QuerySelector("[data-testid=rsvp-url]")!.GetAttribute("value");
        Assert.Equal($"https://events.example.test/rsvp/{await app.TokenAsync(guest)}", url);
        Assert.Equal(url, second.QuerySelector("[data-testid=rsvp-url]")!.GetAttribute("value"));
        Assert.Equal(1, await app.QueryAsync(db => db.RsvpLinks.CountAsync(l => l.GuestId == guest.Id)));
        // This server sends on WhatsApp itself, so there is nothing to share by hand.
        Assert.Null(first.QuerySelector("[data-testid=share-whatsapp]"));
    }

    [Fact]
    public async Task Each_member_answers_with_plus_ones_and_dietary_needs_and_gets_a_confirmation_by_email()
    {
        var (e, family, path) = await FamilyAsync();
        var client = app.CreateAppClient();
        var fields = RsvpTestKit.FormFields(await client.GetPageAsync(path))
            .With("Input.Members[0].Answer", "yes").With("Input.Members[0].PlusOneNames[0]", "Tom Ray").With("Input.Members[0].PlusOneDietaryNeeds[0]", "vegan")
            .With("Input.Members[0].DietaryNeeds", "no nuts").With("Input.Members[1].Answer", "no").With("Input.Message", "Can't wait!");

        var response = await client.PostAsync(path, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("saved=true", response.Headers.Location!.ToString());
        var dana = await app.GuestAsync(family[0].Id);
        var noam = await app.GuestAsync(family[1].Id);
        Assert.Equal((GuestStatus.Confirmed, 1, "Tom Ray", "vegan", "no nuts"), (dana.Status, dana.PlusOnesComing, dana.PlusOneNames.Single(), dana.PlusOneDietaryNeeds.Single(), dana.DietaryNeeds));
        Assert.Equal((GuestStatus.Declined, 0), (noam.Status, noam.PlusOnesComing));
        Assert.Equal("Can't wait!", dana.RsvpMessage);
        Assert.NotNull(dana.AnsweredAt);
        var activity = (await app.QueryAsync(db => db.EventActivities.Where(a => a.EventId == e.Id).OrderBy(a => a.Id)
            .Select(a => new { a.Kind, a.Channel, a.GuestId, a.ActorUserId }).ToListAsync())).Select(a => $"{a.Kind}:{a.Channel}:{a.GuestId}:{a.ActorUserId is null}").ToList();
        Assert.Equal(new[] { $"RsvpAnswered:Email:{family[0].Id}:True", $"RsvpAnswered:Email:{family[1].Id}:True" }.Order(), activity.Where(a => a.StartsWith("RsvpAnswered")).Order());

        var saved = await client.GetPageAsync(new Uri(new Uri("https://localhost" + path), response.Headers.Location!).PathAndQuery);
        Assert.Contains("Your answer has been saved", saved.QuerySelector(".rsvp-saved")!.TextContent);
        Assert.Contains("Dana Levi: Attending, with Tom Ray", saved.QuerySelector(".rsvp-summary")!.TextContent.Replace("\n", "").Replace("  ", ""));

        await app.SendDueAsync();
        var confirmations = app.Mail.Messages().Where(m => m.Subject == "Your answer for Garden Party" && family.Any(f => m.RcptTos.Contains(f.Email!))).ToList();
        Assert.Equal(2, confirmations.Count);
        Assert.Contains("Noam Levi: Not attending", confirmations[0].Text);
        Assert.Contains("/rsvp/", confirmations[0].Text);
    }

    [Fact]
    public async Task The_host_sees_the_answer_at_once_in_the_guest_table_and_the_guest_activity()
    {
        var (e, family, path) = await FamilyAsync();
        var client = app.CreateAppClient();
        await client.GetAsync(path);
        var fields = RsvpTestKit.FormFields(await client.GetPageAsync(path))
            .With("Input.Members[0].Answer", "yes").With("Input.Members[0].PlusOneNames[0]", "Tom Ray").With("Input.Message", "See you there");
        await client.PostAsync(path, fields);
        var (host, _) = await HostAsync(e);

        var table = await host.GetPageAsync($"/events/{e.Id}/guests");
        var row = table.QuerySelector($"#guest-{family[0].Id}")!;
        Assert.Equal("Confirmed", row.QuerySelector("[data-field=status]")!.TextContent);
        Assert.Equal("1 of 1", row.QuerySelector("[data-field=plus-ones]")!.TextContent);
        Assert.Contains("See you there", row.QuerySelector("[data-field=rsvp-message]")!.TextContent);
        var guestPage = await host.GetPageAsync($"/events/{e.Id}/guests/edit/{family[0].Id}");
        var activity = guestPage.QuerySelectorAll("[data-testid=rsvp-activity]").Select(a => a.TextContent).ToList();
        Assert.Contains(activity, a => a.Contains("Answered") && a.Contains("Tom Ray") && a.Contains("See you there"));
        Assert.Contains(activity, a => a.Contains("Opened the household's RSVP link"));
        Assert.EndsWith($"/rsvp/{path.Split('/', '?')[2]}", guestPage.QuerySelector("[data-testid=rsvp-url]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task More_plus_ones_than_allowed_are_refused_at_the_field_keeping_what_was_typed()
    {
        var (_, family, path) = await FamilyAsync();
        var client = app.CreateAppClient();
        var fields = RsvpTestKit.FormFields(await client.GetPageAsync(path))
            .With("Input.Members[0].Answer", "yes").With("Input.Members[0].PlusOneNames[0]", "Tom").With("Input.Members[0].PlusOneNames[1]", "Extra Person")
            .With("Input.Members[0].DietaryNeeds", "gluten free");

        var response = await client.PostAsync(path, fields);
        var page = await AppClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You can bring at most 1.", page.QuerySelector("#m0-plus-error")!.TextContent);
        Assert.Equal("gluten free", page.QuerySelector("#m0-diet")!.GetAttribute("value"));
        Assert.Equal("Tom", page.QuerySelector("#m0-p0-name")!.GetAttribute("value"));
        var dana = await app.GuestAsync(family[0].Id);
        Assert.Equal((GuestStatus.Invited, 0, null), (dana.Status, dana.PlusOnesComing, dana.DietaryNeeds));
    }

    [Fact]
    public async Task A_plus_one_without_a_name_and_a_member_without_an_answer_are_errors_at_their_fields()
    {
        var (_, family, path) = await FamilyAsync();
        var client = app.CreateAppClient();
        var fields = RsvpTestKit.FormFields(await client.GetPageAsync(path))
            .With("Input.Members[0].Answer", "yes").With("Input.Members[0].PlusOneDietaryNeeds[0]", "vegan").With("Input.Members[1].DietaryNeeds", "halal");

        var page = await AppClient.ParseAsync(await client.PostAsync(path, fields));

        Assert.Contains("Add this guest's name", page.QuerySelector("#m0-p0-name-error")!.TextContent);
        Assert.Contains("Choose whether Noam will attend.", page.QuerySelector("#m1-answer-error")!.TextContent);
        Assert.Equal(GuestStatus.Invited, (await app.GuestAsync(family[0].Id)).Status);
    }

    [Fact]
    public async Task Sending_the_form_with_no_answer_at_all_asks_for_one()
    {
        var (_, _, path) = await FamilyAsync();
        var client = app.CreateAppClient();

        var page = await AppClient.ParseAsync(await client.PostAsync(path, RsvpTestKit.FormFields(await client.GetPageAsync(path))));

        Assert.Contains("Answer for at least one person.", page.QuerySelector("#m0-answer-error")!.TextContent);
    }

    [Fact]
    public async Task After_the_deadline_the_answer_is_shown_read_only_and_a_post_changes_nothing()
    {
        var (e, family, path) = await FamilyAsync(ev => ev.RsvpDeadline = ev.StartsAt.AddDays(-30));
        var client = app.CreateAppClient();
        var fields = RsvpTestKit.FormFields(await client.GetPageAsync(path)).With("Input.Members[0].Answer", "yes");
        app.Clock.Set(e.RsvpDeadline!.Value.AddMinutes(1));
        try
        {
            var page = await client.GetPageAsync(path);
            Assert.Null(page.QuerySelector("#answer-form"));
            Assert.Contains("Answers closed on Thursday 13 May 2027", page.QuerySelector(".rsvp-closed")!.TextContent);

            var response = await client.PostAsync(path, fields);
            Assert.Contains("Answers are closed", await response.Content.ReadAsStringAsync());
            Assert.Equal(GuestStatus.Invited, (await app.GuestAsync(family[0].Id)).Status);
        }
        finally
        {
            app.Clock.Set(DateTime.UtcNow);
        }
    }

    [Fact]
    public async Task Two_phones_answering_for_different_members_keep_both_answers_and_the_same_member_takes_the_last()
    {
        var (_, family, path) = await FamilyAsync();
        var phoneA = app.CreateAppClient();
        var phoneB = app.CreateAppClient();
        var formA = RsvpTestKit.FormFields(await phoneA.GetPageAsync(path));
        var formB = RsvpTestKit.FormFields(await phoneB.GetPageAsync(path));

        // Both forms were loaded before either was sent, and they are sent at the same moment.
        await Task.WhenAll(
            phoneA.PostAsync(path, formA.With("Input.Members[0].Answer", "yes").With("Input.Members[0].DietaryNeeds", "vegetarian")),
            phoneB.PostAsync(path, formB.With("Input.Members[1].Answer", "no")));

        var dana = await app.GuestAsync(family[0].Id);
        var noam = await app.GuestAsync(family[1].Id);
        Assert.Equal((GuestStatus.Confirmed, "vegetarian"), (dana.Status, dana.DietaryNeeds));
        Assert.Equal(GuestStatus.Declined, noam.Status);

        // Phone B, still on its old page, now changes Dana as well: the later answer wins for her, Noam keeps his.
        await phoneB.PostAsync(path, formB.With("Input.Members[0].Answer", "no").With("Input.Members[1].Answer", "no"));
        Assert.Equal(GuestStatus.Declined, (await app.GuestAsync(family[0].Id)).Status);
        Assert.Equal(GuestStatus.Declined, (await app.GuestAsync(family[1].Id)).Status);
    }

    [Fact]
    public async Task Htmx_gets_the_answer_section_back_without_a_page_reload()
    {
        var (_, family, path) = await FamilyAsync();
        var client = app.CreateAppClient();
        var fields = RsvpTestKit.FormFields(await client.GetPageAsync(path)).With("Input.Members[1].Answer", "yes");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("HX-Request", "true");

        var response = await client.Http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<html", html);
        Assert.Contains("Your answer has been saved", html);
        Assert.Equal(GuestStatus.Confirmed, (await app.GuestAsync(family[1].Id)).Status);
    }

    [Fact]
    public async Task The_calendar_file_is_in_the_events_own_time_zone()
    {
        var (_, _, path) = await FamilyAsync();

        var response = await app.CreateAppClient().GetAsync(path + "&handler=calendar");
        var ics = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("DTSTART;TZID=Europe/London:20270612T150000", ics);
        Assert.Contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London", ics);
        Assert.Contains("TZOFFSETTO:+0100", ics);
        Assert.Contains("SUMMARY:Garden Party", ics);
    }

    [Fact]
    public async Task The_page_is_private_one_request_and_its_assets_are_cached()
    {
        var (_, _, path) = await FamilyAsync();
        var client = app.CreateAppClient();

        var response = await client.GetAsync(path);
        var page = await AppClient.ParseAsync(response);

        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("noindex, nofollow", response.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Equal("noindex, nofollow", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.True(response.Headers.CacheControl!.NoStore);
        var assets = page.QuerySelectorAll("link[href], script[src]").Select(a => a.GetAttribute("href") ?? a.GetAttribute("src")!).ToList();
        Assert.All(assets, a => Assert.StartsWith("/", a));
        foreach (var asset in assets.Where(a => a.Contains("?v=")))
        {
            var file = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", file.Headers.CacheControl!.ToString());
        }
    }

    [Fact]
    public async Task A_Hebrew_event_shows_the_page_right_to_left_with_Hebrew_dates_and_a_guest_can_have_Spanish()
    {
        var (e, family, path) = await FamilyAsync(ev => ev.Language = Language.Hebrew);

        var hebrew = await app.CreateAppClient().GetPageAsync(path);
        Assert.Equal("he", hebrew.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", hebrew.DocumentElement.GetAttribute("dir"));
        Assert.Contains("יום שבת, 12 ביוני 2027", hebrew.QuerySelector(".rsvp-facts")!.TextContent);
        Assert.Equal("כן, אגיע", hebrew.QuerySelector("label[for=m0-yes]")!.TextContent);
        Assert.Contains("bootstrap.rtl.min.css", hebrew.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href"));

        await app.QueryAsync(db => db.Guests.Where(g => g.Id == family[0].Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Language, Language.Spanish)));
        var spanish = await app.CreateAppClient().GetPageAsync(path);
        Assert.Equal("es", spanish.DocumentElement.GetAttribute("lang"));
        Assert.Contains("sábado 12 de junio de 2027", spanish.QuerySelector(".rsvp-facts")!.TextContent);

        var english = await app.CreateAppClient().GetPageAsync(path + "&lang=en");
        Assert.Equal("Yes, I'll be there", english.QuerySelector("label[for=m0-yes]")!.TextContent);
    }

    [Fact]
    public async Task Guests_receive_the_standard_invitation_in_their_own_language()
    {
        var (e, family, _) = await FamilyAsync(ev => ev.Language = Language.Hebrew);
        await app.QueryAsync(db => db.Guests.Where(g => g.Id == family[1].Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Language, Language.Spanish)));
        var draft = MessageComposer.DefaultDraft(MessagePurpose.Invitation, ChannelChoice.Email, Language.Hebrew);
        await app.QueueAsync(e, family[0], draft);
        await app.QueueAsync(e, await app.GuestAsync(family[1].Id), draft);

        await app.SendDueAsync();

        var hebrew = Assert.Single(app.Mail.Messages(), m => m.RcptTos.Contains(family[0].Email!));
        Assert.Equal("הזמנה: Garden Party", hebrew.Subject);
        Assert.Contains("יום שבת, 12 ביוני 2027", hebrew.Text);
        Assert.Contains("dir=\"rtl\"", hebrew.Html);
        var spanish = Assert.Single(app.Mail.Messages(), m => m.RcptTos.Contains(family[1].Email!));
        Assert.Equal("Invitación: Garden Party", spanish.Subject);
        Assert.Contains("el sábado 12 de junio de 2027 a las 15:00 BST", spanish.Text);
    }

    [Fact]
    public async Task WhatsApp_invitations_pass_the_link_as_a_template_parameter_in_the_guests_language()
    {
        var admin = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin, "Phone Party");
        var guest = await app.AddGuestAsync(e.Id, "Avi", g => { g.Email = null; g.Phone = "+447400900" + Random.Shared.Next(100, 999); g.Language = Language.Hebrew; });
        await app.QueueAsync(e, guest, MessageComposer.DefaultDraft(MessagePurpose.Invitation, ChannelChoice.WhatsApp));

        await app.SendDueAsync();

        var sent = Assert.Single(app.WhatsApp.Sent, s => s.To == guest.Phone!.TrimStart('+'));
        Assert.Equal("he", sent.Language);
        Assert.Equal($"https://events.example.test/rsvp/{await app.TokenAsync(guest)}?via=whatsapp", sent.Parameters[^1]);
    }

    [Fact]
    public async Task A_members_page_tells_their_whole_history_in_order_with_the_households_invitation_and_who_did_what()
    {
        var (e, family, path) = await FamilyAsync();
        await app.QueryAsync(db => db.Guests.Where(g => g.Id == family[1].Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.Email, (string?)null)));
        var (host, user) = await HostAsync(e);
        await app.QueueAsync(e, family[0], MessageComposer.DefaultDraft(MessagePurpose.Invitation, ChannelChoice.Email));
        await app.SendDueAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var edited = await host.PostHtmxAsync($"/events/{e.Id}/guests/edit/{family[1].Id}?handler=row",
            [new("Input.FirstName", "Noam"), new("Input.LastName", "Levi"), new("Input.TableName", "Table 2")]);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.CreateAppClient().GetAsync(path);

        var page = await host.GetPageAsync($"/events/{e.Id}/guests/edit/{family[1].Id}");

        string Text(IElement li) => System.Text.RegularExpressions.Regex.Replace(li.TextContent, @"\s+", " ").Trim();
        var history = page.QuerySelectorAll("[data-testid=rsvp-activity]").Select(Text).ToList();
        Assert.Equal(3, history.Count);
        Assert.StartsWith("Opened the household's RSVP link (Email)", history[0]);
        Assert.EndsWith("through the RSVP link", history[0]);
        Assert.StartsWith("Edited guest Noam Levi", history[1]);
        Assert.Contains($"by {user.DisplayName} Table: (empty) → Table 2", history[1]);
        Assert.StartsWith("Invitation sent to Dana Levi, for the household (Email)", history[2]);
        var conversation = page.QuerySelector("#conversation")!.TextContent;
        Assert.Contains("Invitation by Email to Dana Levi, for the household", System.Text.RegularExpressions.Regex.Replace(conversation, @"\s+", " "));
    }

    private async Task<(AppClient Client, AppUser User)> HostAsync(Event e)
    {
        var (client, user) = await app.LoggedInAsync("Host");
        await app.AddMemberAsync(e.Id, user, EventRole.Editor);
        return (client, user);
    }
}
