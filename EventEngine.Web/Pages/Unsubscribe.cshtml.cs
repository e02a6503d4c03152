using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages;

/// <summary>
/// The link in every guest email's footer and List-Unsubscribe header. The token is the capability: it seals the
/// guest's id (Data Protection), so no login is needed and a made-up token matches nobody.
/// </summary>
// RFC 8058 one-click unsubscribe is a POST from the mail provider with no cookies, so there is no antiforgery
// token to check; the sealed token in the URL is what authorises it, and the only thing it can do is stop email.
[IgnoreAntiforgeryToken]
public class UnsubscribeModel(IServiceScopeFactory scopes, UnsubscribeLinks links, TimeProvider clock) : PageModel
{
    public string? EventName { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        await using var scope = scopes.CreateSystemScope();
        if (await FindAsync(Database(scope), token) is not { } guest) return Page();
        EventName = guest.EventName;
        Done = guest.UnsubscribedAt is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        await using var scope = scopes.CreateSystemScope();
        var db = Database(scope);
        if (await FindAsync(db, token) is not { } guest) return Page();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Guests.Where(g => g.Id == guest.Id && g.EmailUnsubscribedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.EmailUnsubscribedAt, now).SetProperty(g => g.UpdatedAt, now));
        await OutboxStore.CancelAsync(db.OutboxMessages.Where(m => m.GuestId == guest.Id && m.Channel == MessageChannel.Email), now, "The guest unsubscribed from email.");
        await transaction.CommitAsync();
        EventName = guest.EventName;
        Done = true;
        return Page();
    }

    // The sealed token names one guest of any event, which no signed-in identity reaches: once it is opened, the
    // database is asked as system work, for that one guest.
    private static AppDbContext Database(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<AppDbContext>();

    private async Task<Target?> FindAsync(AppDbContext db, string token) =>
        links.GuestId(token) is { } guestId
            ? await db.Guests.Where(g => g.Id == guestId)
                .Join(db.Events, g => g.EventId, e => e.Id, (g, e) => new Target(g.Id, e.Name, g.EmailUnsubscribedAt)).SingleOrDefaultAsync()
            : null;

    private sealed record Target(Guid Id, string EventName, DateTime? UnsubscribedAt);
}
