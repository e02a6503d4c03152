using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using EventEngine.Web.Registrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Links;

/// <summary>Fills a registration's link into its email as it is sent: the person's latest registration for the event that still stands.</summary>
public sealed class RegistrationLinks(AppDbContext db, LinkTokens tokens, IOptions<AppOptions> app)
{
    private static readonly MessagePurpose[] Purposes = [MessagePurpose.Registration, MessagePurpose.RegistrationHeld, MessagePurpose.RegistrationOffer];

    /// <summary>False when the registration no longer stands (cancelled or lapsed since): that email should not go.</summary>
    public async Task<bool> FillAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!Purposes.Contains(message.Purpose)) return true;
        var seed = await db.Registrations.Where(r => r.EventId == message.EventId && r.Email == message.Recipient && Registration.Standing.Contains(r.Status))
            .OrderByDescending(r => r.CreatedAt).Select(r => r.Seed).FirstOrDefaultAsync(cancellationToken);
        if (seed is null) return false;
        var url = Capacity.Url(app.Value.BaseUrl, tokens.Token(seed));
        message.BodyText = message.BodyText.Replace(RegistrationEmails.Placeholder, url);
        message.BodyHtml = message.BodyHtml?.Replace(RegistrationEmails.Placeholder, url);
        return true;
    }
}
