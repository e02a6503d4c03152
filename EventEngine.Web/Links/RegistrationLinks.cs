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
    private static readonly MessagePurpose[] Purposes = [MessagePurpose.Registration, MessagePurpose.RegistrationHeld, MessagePurpose.RegistrationOffer,
        MessagePurpose.RegistrationChange];

    /// <summary>
    /// False when the registration no longer stands (cancelled or lapsed since): that email should not go. A change of
    /// plan (cancelled, moved) goes whatever the registration's state, since the change is what cancelled it.
    /// </summary>
    public async Task<bool> FillAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!Purposes.Contains(message.Purpose)) return true;
        var change = message.Purpose == MessagePurpose.RegistrationChange;
        var seed = await db.Registrations.Where(r => r.Id == message.RegistrationId && (change || Registration.Standing.Contains(r.Status)))
            .Select(r => r.Seed).FirstOrDefaultAsync(cancellationToken);
        if (seed is null) return false;
        var url = Capacity.Url(app.Value.BaseUrl, tokens.Token(seed));
        message.BodyText = message.BodyText.Replace(RegistrationEmails.Placeholder, url);
        message.BodyHtml = message.BodyHtml?.Replace(RegistrationEmails.Placeholder, url);
        return true;
    }
}
