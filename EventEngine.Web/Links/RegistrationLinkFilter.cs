using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Links;

/// <summary>The registration whose link the request carries, resolved once by <see cref="RegistrationLinkFilter"/>.</summary>
public sealed class CurrentRegistration
{
    public string Token { get; internal set; } = "";
    public Registration Registration { get; internal set; } = null!;
    public Event Event { get; internal set; } = null!;
}

/// <summary>
/// The one place where a registration's link is decided, for every handler of the pages in Registrations/, as
/// <see cref="RsvpLinkFilter"/> is for RSVP links: a token that opens no registration gets 404 and no handler runs.
/// The link is the request's identity in the database (migration 0022 lets it read its own registration).
/// </summary>
public sealed class RegistrationLinkFilter(AppDbContext db, DatabaseIdentity identity, CurrentRegistration current) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        LinkPages.KeepPrivate(http.Response);
        current.Token = http.Features.Get<LinkToken>()?.Value ?? "";
        var found = await FindAsync(http.RequestAborted);
        if (found is null)
        {
            // The site's own "not found" page: a wrong link says no more than a missing page would.
            context.Result = new NotFoundResult();
            return;
        }
        (current.Registration, current.Event) = found.Value;
        await next();
    }

    private async Task<(Registration, Event)?> FindAsync(CancellationToken cancellationToken)
    {
        if (!LinkTokens.IsWellFormed(current.Token)) return null;
        identity.LinkTokenHash = LinkTokens.Hash(current.Token);
        var registration = await db.Registrations.AsNoTracking().SingleOrDefaultAsync(r => r.TokenHash == identity.LinkTokenHash, cancellationToken);
        if (registration is null) return null;
        var e = await db.Events.AsNoTracking().Include(e => e.Organisation).Include(e => e.City).SingleAsync(e => e.Id == registration.EventId, cancellationToken);
        // A registration for a date of a series shows that date.
        if (registration.OccurrenceId is { } occurrenceId)
            e = e.At(await db.Occurrences.AsNoTracking().SingleAsync(o => o.Id == occurrenceId, cancellationToken));
        return (registration, e);
    }
}
