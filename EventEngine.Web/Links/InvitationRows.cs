using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Links;

/// <summary>The queries both kinds of invitation share; each kind passes its rows already narrowed to one event or organisation.</summary>
public static class InvitationRows
{
    public static IQueryable<T> Open<T>(this IQueryable<T> invitations, DateTime now) where T : Invitation =>
        invitations.Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now);

    /// <summary>Marks the invitation accepted by the user if it is still open; 0 when it was not (used, withdrawn or expired meanwhile).</summary>
    public static Task<int> ClaimAsync<T>(this IQueryable<T> invitations, Guid id, Guid userId, DateTime now) where T : Invitation =>
        invitations.Open(now).Where(i => i.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedById, (Guid?)userId));

    /// <summary>An expired invitation no longer counts as waiting: it is closed, and the new one replaces it.</summary>
    public static Task<int> CloseExpiredAsync<T>(this IQueryable<T> invitations, string email, DateTime now) where T : Invitation =>
        invitations.Where(i => i.Email == email && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now));

    /// <summary>The seed of the open invitation to the address, to make its link from; null when there is none.</summary>
    public static Task<byte[]?> OpenSeedAsync<T>(this IQueryable<T> invitations, string email, DateTime now, CancellationToken cancellationToken) where T : Invitation =>
        invitations.AsNoTracking().Open(now).Where(i => i.Email == email).Select(i => (byte[]?)i.Seed).SingleOrDefaultAsync(cancellationToken);
}
