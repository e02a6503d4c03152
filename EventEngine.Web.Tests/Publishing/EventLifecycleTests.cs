using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Publishing;

public class EventLifecycleTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>An organisation whose Owner is logged in, and one public draft of it that the Owner created.</summary>
    private async Task<(AppClient Owner, AppUser OwnerUser, Event Event)> DraftAsync(bool trusted = false, string name = "Open Air Cinema")
    {
        var (owner, user) = await app.LoggedInAsync("Owner");
        var now = DateTime.UtcNow;
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = "Park Films", Slug = $"park-{Guid.NewGuid():N}"[..20], Trusted = trusted, CreatedAt = now };
        organisation.Members.Add(new OrganisationMember { UserId = user.Id, Role = OrganisationRole.Owner, JoinedAt = now });
        await app.QueryAsync(db =>
        {
            db.Organisations.Add(organisation);
            return db.SaveChangesAsync();
        });
        var e = await app.CreateEventAsync(user, name);
        var city = await app.QueryAsync(db => db.Cities.SingleAsync(c => c.Slug == "london"));
        await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(x => x
            .SetProperty(v => v.Visibility, EventVisibility.Public).SetProperty(v => v.OrganisationId, organisation.Id)
            .SetProperty(v => v.CityId, city.Id).SetProperty(v => v.Category, EventCategory.Film).SetProperty(v => v.Summary, "Films under the stars.")));
        return (owner, user, e);
    }

    private async Task<(AppClient Client, AppUser User)> ModeratorAsync()
    {
        var (client, user) = await app.LoggedInAsync("Moderator");
        await app.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.SiteRole, SiteRole.Moderator)));
        return (client, user);
    }

    private Task<Event> ReloadAsync(Guid id) => app.QueryAsync(db => db.Events.AsNoTracking().SingleAsync(e => e.Id == id));

    private static Task<HttpResponseMessage> StepAsync(AppClient client, Guid eventId, string step) =>
        client.PostFormAsync($"/events/{eventId}/publishing?handler={step}", [], $"/events/{eventId}");

    [Fact]
    public async Task A_draft_goes_to_review_a_moderator_approves_it_the_Owners_are_told_and_both_logs_say_so()
    {
        var (owner, ownerUser, e) = await DraftAsync();
        var (moderator, moderatorUser) = await ModeratorAsync();

        await StepAsync(owner, e.Id, "submit");
        var waiting = await ReloadAsync(e.Id);
        Assert.Equal(EventStatus.InReview, waiting.Status);
        Assert.NotNull(waiting.SubmittedAt);
        var queue = await moderator.GetPageAsync("/staff/review");
        Assert.Contains("Open Air Cinema", queue.QuerySelector("[data-testid=review-queue]")!.TextContent);
        Assert.NotEqual("0", queue.QuerySelector("[data-testid=review-count]")!.TextContent);

        await moderator.PostFormAsync($"/staff/review?handler=approve&id={e.Id}", [], "/staff/review");

        var published = await ReloadAsync(e.Id);
        Assert.Equal((EventStatus.Published, (DateTime?)null), (published.Status, published.SubmittedAt));
        Assert.NotNull(published.PublishedAt);
        Assert.Equal(1, await app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.UserId == ownerUser.Id && m.Subject == "“Open Air Cinema” is published")));
        var log = await app.QueryAsync(db => db.EventActivities.Where(a => a.EventId == e.Id && a.Kind == ActivityKind.StatusChanged).OrderBy(a => a.Id).Select(a => a.Summary).ToListAsync());
        Assert.Equal(["Sent the event for review", "Approved and published the event"], log);
        Assert.Equal(StaffActionKind.EventApproved, await app.QueryAsync(db => db.StaffActions.Where(a => a.ActorUserId == moderatorUser.Id).Select(a => a.Kind).SingleAsync()));
    }

    [Fact]
    public async Task Sending_back_needs_a_reason_which_the_organisation_reads_on_the_event()
    {
        var (owner, _, e) = await DraftAsync(name: "Karaoke Marathon");
        var (moderator, _) = await ModeratorAsync();
        await StepAsync(owner, e.Id, "submit");

        await moderator.PostFormAsync($"/staff/review?handler=reject&id={e.Id}", [new("reason", "  ")], "/staff/review");
        Assert.Equal(EventStatus.InReview, (await ReloadAsync(e.Id)).Status);

        await moderator.PostFormAsync($"/staff/review?handler=reject&id={e.Id}", [new("reason", "Add the venue's address, please.")], "/staff/review");

        var back = await ReloadAsync(e.Id);
        Assert.Equal((EventStatus.Draft, "Add the venue's address, please."), (back.Status, back.ReviewNote));
        Assert.Contains("Add the venue's address", (await owner.GetPageAsync($"/events/{e.Id}")).QuerySelector("[data-testid=review-note]")!.TextContent);
        await StepAsync(owner, e.Id, "submit");
        Assert.Null((await ReloadAsync(e.Id)).ReviewNote);
    }

    [Fact]
    public async Task A_trusted_organisations_event_publishes_on_submission_and_a_cancelled_one_keeps_its_place()
    {
        var (owner, _, e) = await DraftAsync(trusted: true, name: "Trusted Gala");

        var submitted = await StepAsync(owner, e.Id, "submit");
        Assert.Equal(EventStatus.Published, (await ReloadAsync(e.Id)).Status);
        Assert.Contains("trusted", (await owner.GetPageAsync(submitted.Headers.Location!.OriginalString)).QuerySelector(".toast[data-autoshow]")!.TextContent);

        await StepAsync(owner, e.Id, "cancel");
        var cancelled = await ReloadAsync(e.Id);
        Assert.Equal(EventStatus.Cancelled, cancelled.Status);
        Assert.NotNull(cancelled.PublishedAt);
    }

    [Fact]
    public async Task A_step_from_the_wrong_state_changes_nothing_and_says_why()
    {
        var (owner, _, e) = await DraftAsync(name: "Stale Click");
        var (moderator, _) = await ModeratorAsync();

        var cancel = await StepAsync(owner, e.Id, "cancel"); // a draft cannot be cancelled
        await moderator.PostFormAsync($"/staff/review?handler=approve&id={e.Id}", [], "/staff/review"); // nor approved before it is submitted

        Assert.Equal(EventStatus.Draft, (await ReloadAsync(e.Id)).Status);
        Assert.Contains("is draft now", (await owner.GetPageAsync(cancel.Headers.Location!.OriginalString)).QuerySelector(".toast[data-autoshow]")!.TextContent);
        Assert.False(await app.QueryAsync(db => db.EventActivities.AnyAsync(a => a.EventId == e.Id && a.Kind == ActivityKind.StatusChanged)));
    }

    [Fact]
    public async Task Only_staff_reach_the_queue()
    {
        var (owner, _, _) = await DraftAsync(name: "Queue Jumper");

        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/staff/review")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostFormAsync("/staff/review?handler=approve&id=" + Guid.NewGuid(), [], "/events")).StatusCode);
    }

    [Fact]
    public async Task An_event_back_in_review_shows_the_moderator_what_changed_since_it_was_published()
    {
        var (owner, _, e) = await DraftAsync(name: "Riverside Screening");
        var (moderator, _) = await ModeratorAsync();
        var first = await StepThroughReviewAsync(owner, moderator, e.Id);
        Assert.Contains("never published before", first.QuerySelector("[data-testid=review-item]")!.TextContent);

        await moderator.PostFormAsync($"/staff/review?handler=unpublish&id={e.Id}", [new("reason", "The venue is wrong.")], "/staff/review");
        await app.QueryAsync(db => db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(x => x.SetProperty(v => v.Venue, "Boat House")));
        await StepAsync(owner, e.Id, "submit");

        var item = (await moderator.GetPageAsync("/staff/review")).QuerySelectorAll("[data-testid=review-item]")
            .Single(i => i.TextContent.Contains("Riverside Screening"));
        var changes = item.QuerySelectorAll("[data-testid=review-changes] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["Venue: (empty) → Boat House"], changes);
    }

    private async Task<AngleSharp.Dom.IDocument> StepThroughReviewAsync(AppClient owner, AppClient moderator, Guid eventId)
    {
        await StepAsync(owner, eventId, "submit");
        var queue = await moderator.GetPageAsync("/staff/review");
        await moderator.PostFormAsync($"/staff/review?handler=approve&id={eventId}", [], "/staff/review");
        return queue;
    }

    [Fact]
    public async Task Staff_trust_an_organisation_so_its_next_event_publishes_at_once_and_can_take_that_back()
    {
        var (owner, _, e) = await DraftAsync(name: "Trusted Later");
        var (moderator, moderatorUser) = await ModeratorAsync();
        await StepAsync(owner, e.Id, "submit");
        var organisationId = (await ReloadAsync(e.Id)).OrganisationId!.Value;

        await moderator.PostFormAsync($"/staff/review?handler=trust&organisationId={organisationId}&trusted=true", [], "/staff/review");

        Assert.True(await app.QueryAsync(db => db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Trusted).SingleAsync()));
        Assert.Contains("Park Films", (await moderator.GetPageAsync("/staff/review")).QuerySelector("[data-testid=trusted-organisations]")!.TextContent);
        await StepAsync(owner, e.Id, "withdraw");
        await StepAsync(owner, e.Id, "submit");
        Assert.Equal(EventStatus.Published, (await ReloadAsync(e.Id)).Status);

        await moderator.PostFormAsync($"/staff/review?handler=trust&organisationId={organisationId}&trusted=false", [], "/staff/review");
        Assert.False(await app.QueryAsync(db => db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Trusted).SingleAsync()));
        var kinds = await app.QueryAsync(db => db.StaffActions.Where(a => a.ActorUserId == moderatorUser.Id).OrderBy(a => a.Id).Select(a => a.Kind).ToListAsync());
        Assert.Equal([StaffActionKind.OrganisationTrusted, StaffActionKind.OrganisationUntrusted], kinds);
        // Organisers cannot trust themselves: the staff area is not theirs.
        Assert.Equal(System.Net.HttpStatusCode.NotFound,
            (await owner.PostFormAsync($"/staff/review?handler=trust&organisationId={organisationId}&trusted=true", [], $"/events/{e.Id}")).StatusCode);
    }
}
