using System.Globalization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Localization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Links;

public enum RsvpState { Open, Closed, Revoked, NotFound, TooManyTries }

/// <summary>The RSVP link of the request, resolved once by <see cref="RsvpLinkFilter"/>: its event, household and language.</summary>
public sealed class CurrentRsvpLink
{
    public RsvpState State { get; internal set; }
    public string Token { get; internal set; } = "";
    public RsvpLink Link { get; internal set; } = null!;
    public Event Event { get; internal set; } = null!;

    /// <summary>The household's members (or the one guest), tracked, in the order they were added.</summary>
    public List<Guest> Members { get; set; } = [];
    public GuestTexts Texts { get; internal set; } = GuestTexts.English;
    public TimeSpan? RetryAfter { get; internal set; }
}

/// <summary>
/// The one place where a guest's link is decided, for every handler of the pages in Rsvp/, as
/// <see cref="Authorization.EventAccessFilter"/> is for event pages: a token that opens nothing gets 404 (429 once its
/// client address has tried too many, counted for all instances in PostgreSQL), a revoked link 410, each with the page's own explanation and no handler run.
/// Otherwise <see cref="CurrentRsvpLink"/> holds the link, and the page is open or (after the deadline) closed.
/// </summary>
public sealed class RsvpLinkFilter(AppDbContext db, RsvpLinks links, RateLimits limits, IOptions<RsvpOptions> options, CurrentRsvpLink current, TimeProvider clock) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        LinkPages.KeepPrivate(http.Response);
        var client = RateLimits.ClientOf(http);
        var language = http.Request.Query["lang"].ToString();
        current.Token = http.Features.Get<LinkToken>()?.Value ?? "";
        var found = await links.FindAsync(current.Token, http.RequestAborted);
        if (found is null)
        {
            // Only wrong tokens count, and only they are refused over the limit: a right one always opens, so guests
            // behind one address (a venue's Wi-Fi) keep their links however many mistyped ones came from there. With
            // 256-bit tokens a right answer tells a guesser nothing they could use.
            var limit = new RateLimit("rsvp-guess", options.Value.WrongTokensPerWindow, TimeSpan.FromMinutes(options.Value.WindowMinutes));
            if (await limits.HitAsync(limit, client, http.RequestAborted) is { } wait)
            {
                (current.State, current.RetryAfter) = (RsvpState.TooManyTries, wait);
                http.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                context.Result = new PageResult { StatusCode = StatusCodes.Status429TooManyRequests };
                return;
            }
            current.State = RsvpState.NotFound;
            context.Result = new PageResult { StatusCode = StatusCodes.Status404NotFound };
            return;
        }
        current.Event = await db.Events.AsNoTracking().SingleAsync(e => e.Id == found.EventId, http.RequestAborted);
        if (found.RevokedAt is not null)
        {
            current.Texts = Texts(language, null);
            current.State = RsvpState.Revoked;
            context.Result = new PageResult { StatusCode = StatusCodes.Status410Gone };
            return;
        }
        current.Link = found;
        current.Members = await links.MembersAsync(found, http.RequestAborted);
        if (current.Members.Count == 0)
        {
            current.State = RsvpState.NotFound;
            context.Result = new PageResult { StatusCode = StatusCodes.Status404NotFound };
            return;
        }
        current.Texts = Texts(language, current.Members.Select(m => m.Language).FirstOrDefault(l => l is not null));
        current.State = current.Event.RsvpDeadline is { } deadline && clock.GetUtcNow().UtcDateTime > deadline ? RsvpState.Closed : RsvpState.Open;
        await next();
    }

    /// <summary>The language the guest chose on the page, else the household's own, else the event's.</summary>
    private GuestTexts Texts(string chosen, Language? household) =>
        GuestTexts.All.FirstOrDefault(t => t.Code == chosen) ?? GuestTexts.For(household ?? current.Event.Language);
}
