using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using EventEngine.Web.Tests.Infrastructure;
using EventEngine.Web.Tests.Pages.Rsvp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Messaging;

public class AnswerNoticesTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    /// <summary>An event in London with a household of two, and two hosts: one who chose the given answer emails, one who did not.</summary>
    private async Task<(Event Event, List<Guest> Family, string Path, AppUser Chooser, AppUser Other)> SetUpAsync(AnswerEmails choice)
    {
        var (client, chooser) = await app.LoggedInAsync("Rina");
        var e = await app.CreateEventAsync(chooser, "Garden Party");
        var other = await app.CreateUserAsync("Omar");
        await app.AddMemberAsync(e.Id, other, EventRole.Editor);
        var chosen = await client.PostFormAsync($"/events/{e.Id}/members?handler=answerEmails", ("answerEmails", choice.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        var family = await app.AddHouseholdAsync(e.Id, "Levi", ("Dana", 1), ("Noam", 0));
        return (e, family, $"/rsvp/{await app.TokenAsync(family[0])}?via=email", chooser, other);
    }

    private async Task AnswerAsync(string path, string dana, string noam)
    {
        var guest = app.CreateAppClient();
        var fields = RsvpTestKit.FormFields(await guest.GetPageAsync(path)).With("Input.Members[0].Answer", dana).With("Input.Members[1].Answer", noam);
        Assert.Equal(HttpStatusCode.Redirect, (await guest.PostAsync(path, fields)).StatusCode);
    }

    private List<CapturedMail> MailTo(AppUser user) => [.. app.Mail.Messages().Where(m => m.RcptTos.Contains(user.Email!) && m.Subject.Contains("answer"))];

    [Fact]
    public async Task A_host_who_asked_gets_one_email_per_answer_and_a_host_who_did_not_gets_none()
    {
        var (e, family, path, chooser, other) = await SetUpAsync(AnswerEmails.AtOnce);

        await AnswerAsync(path, "yes", "no");
        await AnswerAsync(path, "yes", "no"); // sent again unchanged: no new answer
        await app.SendDueAsync();

        var mail = Assert.Single(MailTo(chooser));
        Assert.Equal("Dana Levi and Noam Levi answered · Garden Party", mail.Subject);
        Assert.Contains("• Dana Levi: Attending", mail.Text);
        Assert.Contains("• Noam Levi: Not attending", mail.Text);
        Assert.Contains($"https://events.example.test/events/{e.Id}/guests/edit/{family[0].Id}", mail.Text);
        Assert.Empty(MailTo(other));
        Assert.Equal(MessagePurpose.AnswerNotice, (await app.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.EventId == e.Id && m.Recipient == chooser.Email))).Purpose);

        await AnswerAsync(path, "no", "no"); // a change is a new answer
        await app.SendDueAsync();
        Assert.Equal(2, MailTo(chooser).Count);
    }

    [Fact]
    public async Task The_daily_digest_comes_at_eight_in_the_events_time_zone_with_the_answers_since_the_last_one_once()
    {
        // Chosen at 21:00 London time (BST) on 1 June; the first digest is due at 08:00 on 2 June, 07:00 UTC.
        app.Clock.Set(new DateTime(2027, 6, 1, 20, 0, 0, DateTimeKind.Utc));
        var (_, _, path, chooser, other) = await SetUpAsync(AnswerEmails.Daily);
        var digests = ActivatorUtilities.CreateInstance<AnswerNotices>(app.Services);
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await AnswerAsync(path, "yes", "yes");
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await AnswerAsync(path, "yes", "no");

        app.Clock.Set(new DateTime(2027, 6, 2, 6, 59, 0, DateTimeKind.Utc));
        Assert.Equal(0, await digests.QueueDigestsAsync(CancellationToken.None));
        app.Clock.Set(new DateTime(2027, 6, 2, 7, 0, 0, DateTimeKind.Utc));
        var queued = await Task.WhenAll(digests.QueueDigestsAsync(CancellationToken.None), ActivatorUtilities.CreateInstance<AnswerNotices>(app.Services).QueueDigestsAsync(CancellationToken.None));
        Assert.Equal(1, queued.Sum()); // two instances at once: one digest
        Assert.Equal(0, await digests.QueueDigestsAsync(CancellationToken.None));
        await app.SendDueAsync();

        var mail = Assert.Single(MailTo(chooser));
        Assert.Equal("3 answers · Garden Party", mail.Subject);
        Assert.Contains("Answered: Dana Levi: Attending", mail.Text);
        Assert.Contains("Answered: Noam Levi: Attending", mail.Text);
        Assert.Contains("Changed the answer: Noam Levi: Not attending", mail.Text);
        Assert.Contains("Now 1 confirmed, 1 declined, 0 waiting.", mail.Text);
        Assert.Empty(MailTo(other));

        // The next morning, with no answers in between, there is nothing to say.
        app.Clock.Set(new DateTime(2027, 6, 3, 7, 1, 0, DateTimeKind.Utc));
        Assert.Equal(0, await digests.QueueDigestsAsync(CancellationToken.None));
    }
}
