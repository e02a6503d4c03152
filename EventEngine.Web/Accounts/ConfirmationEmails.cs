using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Accounts;

/// <summary>Sending the confirmation link again, by the person or by staff for them: at most one a minute per account.</summary>
public static class ConfirmationEmails
{
    public static readonly TimeSpan Cooldown = TimeSpan.FromMinutes(1);

    /// <summary>Queues a new link, or returns how long until one may be sent.</summary>
    public static async Task<TimeSpan?> QueueAsync(AppDbContext db, AppUser user, DateTime now)
    {
        var last = await db.OutboxMessages.Where(m => m.UserId == user.Id && m.Purpose == MessagePurpose.EmailConfirmation)
            .MaxAsync(m => (DateTime?)m.CreatedAt);
        if (last is { } sent && now - sent < Cooldown) return Cooldown - (now - sent);
        db.OutboxMessages.Add(AccountEmails.Confirmation(user, now));
        await db.SaveChangesAsync();
        return null;
    }
}
