using EventEngine.Web.Domain;

namespace EventEngine.Web.Links;

/// <summary>
/// Fills the capability links into a message at the moment it is sent: the outbox stores only placeholders
/// ({{rsvp_link}}, {{invitation_link}}, {{account_link}}, {{registration_link}}), so it never holds a link that opens anything.
/// </summary>
public sealed class MessageLinks(RsvpLinks rsvp, TeamInvitations invitations, OrganisationInvitations organisations, AccountLinks accounts,
    RegistrationLinks registrations)
{
    /// <summary>False when the message's link may no longer be sent (a team invitation withdrawn, used or expired).</summary>
    public async Task<bool> FillAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        await rsvp.FillAsync(message, cancellationToken);
        await accounts.FillAsync(message, cancellationToken);
        return await invitations.FillAsync(message, cancellationToken) && await organisations.FillAsync(message, cancellationToken)
            && await registrations.FillAsync(message, cancellationToken);
    }
}
