using System.Linq.Expressions;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>The numbers hosts watch: invitations, answers, and how many people to expect, in total and per side.</summary>
public sealed record GuestCounts(int Guests, int Confirmed, int Declined, int Headcount, int MaxHeadcount, IReadOnlyList<GroupCount> Sides)
{
    public int Waiting => Guests - Confirmed - Declined;
    public string ConfirmationRate => Guests == 0 ? "–" : $"{100 * Confirmed / Guests}%";

    public static async Task<GuestCounts> LoadAsync(AppDbContext db, Guid eventId)
    {
        var sides = (await GroupCount.ByAsync(db.Guests.Where(g => g.EventId == eventId), g => g.Side))
            .Select(s => s.Count with { Name = s.Key }).ToList();
        sides = [.. sides.OrderBy(s => s.Name is null).ThenByDescending(s => s.Guests).ThenBy(s => s.Name)];
        return new GuestCounts(
            sides.Sum(s => s.Guests), sides.Sum(s => s.Confirmed), sides.Sum(s => s.Declined),
            sides.Sum(s => s.Headcount), sides.Sum(s => s.MaxHeadcount), sides);
    }
}

/// <summary>
/// The counts for one group of guests (a side, a household). Headcount: confirmed guests and the plus-ones they
/// bring. MaxHeadcount: everyone not declined, with every plus-one allowed.
/// </summary>
public sealed record GroupCount(string? Name, int Guests, int Confirmed, int Declined, int Headcount, int MaxHeadcount)
{
    public int Waiting => Guests - Confirmed - Declined;

    /// <summary>The guests counted per key, in one query; the caller names each group from its key.</summary>
    public static async Task<List<(TKey Key, GroupCount Count)>> ByAsync<TKey>(IQueryable<Guest> guests, Expression<Func<Guest, TKey>> key)
    {
        var rows = await guests.GroupBy(key)
            .Select(s => new
            {
                s.Key,
                Guests = s.Count(),
                Confirmed = s.Count(x => x.Status == GuestStatus.Confirmed),
                Declined = s.Count(x => x.Status == GuestStatus.Declined),
                Headcount = s.Where(x => x.Status == GuestStatus.Confirmed).Sum(x => 1 + x.PlusOnesComing),
                MaxHeadcount = s.Where(x => x.Status != GuestStatus.Declined).Sum(x => 1 + x.PlusOnesAllowed),
            })
            .ToListAsync();
        return [.. rows.Select(r => (r.Key, new GroupCount(null, r.Guests, r.Confirmed, r.Declined, r.Headcount, r.MaxHeadcount)))];
    }
}
