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
        var sides = await db.Guests.Where(g => g.EventId == eventId)
            .GroupBy(g => g.Side)
            .Select(s => new GroupCount(
                s.Key,
                s.Count(),
                s.Count(x => x.Status == GuestStatus.Confirmed),
                s.Count(x => x.Status == GuestStatus.Declined),
                s.Where(x => x.Status == GuestStatus.Confirmed).Sum(x => 1 + x.PlusOnesComing),
                s.Where(x => x.Status != GuestStatus.Declined).Sum(x => 1 + x.PlusOnesAllowed)))
            .ToListAsync();
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
}
