using EventEngine.Web.Data;
using EventEngine.Web.Domain;

namespace EventEngine.Web.Messaging;

public static class MessageRecipients
{
    /// <summary>
    /// The fields the composer needs: whether the guest wrote on WhatsApp in the last 24 hours, their language, and the
    /// first names of their household (adults first, then children, each in the order they were added) for greetings.
    /// </summary>
    public static IQueryable<MessageRecipient> AsRecipients(this IQueryable<Guest> guests, AppDbContext db, DateTime now, Language eventLanguage)
    {
        var windowStart = now.AddHours(-24);
        return guests.Select(g => new MessageRecipient(g.Id, g.FirstName, g.LastName, g.Email, g.Phone, g.EmailUnsubscribedAt != null,
            db.InboundMessages.Any(i => i.GuestId == g.Id && i.ReceivedAt > windowStart), g.Language ?? eventLanguage, g.HouseholdId,
            g.Household == null ? null : g.Household.Members.OrderBy(m => m.IsChild).ThenBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => m.FirstName).ToList()));
    }
}
