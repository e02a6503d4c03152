using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Links;
using EventEngine.Web.Registrations;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Registrations;

/// <summary>Each change to a registration queues the email it calls for, whose link is filled in only as it is sent.</summary>
public class RegistrationEmailsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Capacity Capacity => app.Services.GetRequiredService<Capacity>();

    [Fact]
    public async Task A_place_a_waiting_list_place_a_held_place_and_an_offer_each_get_their_email()
    {
        var e = await EventAsync(capacity: 1);
        var held = await RegisterAsync(e, "Held", confirmed: false);
        var waiting = await RegisterAsync(e, "Waiting");
        await Capacity.ConfirmAsync(held.Id);
        await Capacity.CancelAsync(held.Id);

        var emails = await app.QueryAsync(db => db.OutboxMessages.Where(m => m.EventId == e.Id).OrderBy(m => m.CreatedAt).ThenBy(m => m.Purpose).ToListAsync());
        Assert.Equal(
            [(held.Email, MessagePurpose.RegistrationHeld, "Confirm your place: Weekly Class"),
             (waiting.Email, MessagePurpose.Registration, "You're on the waiting list: Weekly Class"),
             (held.Email, MessagePurpose.Registration, "You're registered: Weekly Class"),
             (waiting.Email, MessagePurpose.RegistrationOffer, "A place is yours if you want it: Weekly Class")],
            emails.Select(m => (m.Recipient, m.Purpose, m.Subject)));
        var registered = emails.Single(m => m.Subject!.StartsWith("You're registered"));
        Assert.Contains("BEGIN:VEVENT", registered.Calendar);
        Assert.All(emails, m => Assert.Contains(RegistrationEmails.Placeholder, m.BodyText));
        Assert.DoesNotContain("/registrations/", string.Join("", emails.Select(m => m.BodyText + m.BodyHtml)));
    }

    [Fact]
    public async Task The_link_is_filled_in_as_the_email_is_sent_and_opens_the_registration_and_a_cancelled_ones_email_does_not_go()
    {
        var e = await EventAsync(capacity: 5);
        var kept = await RegisterAsync(e, "Kept");
        var gone = await RegisterAsync(e, "Gone");
        await Capacity.CancelAsync(gone.Id);

        var (keptEmail, goneEmail) = (await EmailToAsync(kept), await EmailToAsync(gone));
        await using var scope = app.Services.CreateSystemScope();
        var links = scope.ServiceProvider.GetRequiredService<MessageLinks>();

        Assert.True(await links.FillAsync(keptEmail, CancellationToken.None));
        Assert.False(await links.FillAsync(goneEmail, CancellationToken.None));
        var url = System.Text.RegularExpressions.Regex.Match(keptEmail.BodyText, @"https?://\S+/registrations/(\S+)").Value;
        Assert.Equal("/registrations/" + Capacity.Token(kept), new Uri(url).AbsolutePath);
        Assert.Contains(url, keptEmail.BodyHtml);
        var page = await app.CreateAppClient().GetPageAsync(new Uri(url).AbsolutePath);
        Assert.Equal("Confirmed", page.QuerySelector("[data-testid=registration]")!.GetAttribute("data-status"));
    }

    private Task<OutboxMessage> EmailToAsync(Registration r) =>
        app.QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.EventId == r.EventId && m.Recipient == r.Email));

    private async Task<Registration> RegisterAsync(Event e, string name, bool confirmed = true) =>
        (await Capacity.RegisterAsync(new(e.Id, null, name, $"{name.ToLowerInvariant()}.{Guid.NewGuid():N}@example.com", 1, confirmed)))!;

    private Task<Event> EventAsync(int capacity) => app.ClassWithPlacesAsync(capacity);
}
