using System.Linq.Expressions;
using System.Text.RegularExpressions;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace EventEngine.Web.Publishing;

/// <summary>When, as the catalog's filter offers it. Each is worked out in the zone of the place the event is in.</summary>
public enum CatalogWhen
{
    Upcoming,
    Today,
    Tomorrow,
    Weekend,
    Week,
    /// <summary>From one date to another (both included), as the visitor chose them.</summary>
    Dates,
}

public enum CatalogPrice
{
    Any,
    Free,
    Paid,
}

/// <summary>
/// The catalog: published events that have not ended (a series' dates each as an entry of their own), filtered by city, category, day, price and words, a page at a
/// time. Without words the soonest come first; with words the best matches do, then the soonest. Pages follow a
/// keyset ((rank,) start, id), so a page never repeats or skips an event when others are added.
/// "Today" or "this weekend" is a different stretch of time in Sydney than in London: the window is worked out for
/// each time zone the cities have, from the wall-clock date there now.
/// </summary>
public sealed class CatalogQuery(AppDbContext db, TimeProvider clock)
{
    public const int PageSize = 20;
    private const int MaxWords = 6;
    private const int MaxDays = 3660;

    public sealed record Filter
    {
        public string? City { get; init; }
        public EventCategory? Category { get; init; }
        public CatalogWhen When { get; init; }
        /// <summary>The first and last day for <see cref="CatalogWhen.Dates"/>; a missing end means no end.</summary>
        public DateOnly? From { get; init; }
        public DateOnly? To { get; init; }
        public CatalogPrice Price { get; init; }
        public string? Words { get; init; }
        public Cursor? After { get; init; }
    }

    /// <summary>Where the next page starts: after this event, in the order the filter lists them.</summary>
    public sealed record Cursor(DateTime Start, Guid Id, float? Rank);

    /// <summary>One entry: a one-off event, or one date of a series (<paramref name="Id"/> is then the date's).</summary>
    public sealed record Item(Guid Id, Guid EventId, DateOnly? Day, string Name, string? Summary, DateTime StartsAt, DateTime? EndsAt, string TimeZoneId,
        string? City, string? Venue, EventCategory? Category, string Organisation, EventStatus Status, AttendanceMode AttendanceMode, decimal? PriceFrom,
        string? Currency, float? Rank)
    {
        /// <summary>The entry's page: the event's, or the date's.</summary>
        public string Path => Pages.Catalog.EventModel.PathOf(new Event { Id = EventId, Name = Name }) + (Day is { } day ? $"/{day:yyyy-MM-dd}" : "");
    }

    public sealed record Page(IReadOnlyList<Item> Items, Cursor? Next);

    public async Task<Page> RunAsync(Filter filter, int pageSize = PageSize)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The event's own filters, for one-off events and (through their series) for dates.
        Expression<Func<Event, bool>> shown = e => e.Visibility == EventVisibility.Public && e.Status == EventStatus.Published;
        var conditions = new List<Expression<Func<Event, bool>>> { shown };
        if (filter.City is { } citySlug)
        {
            var cityId = await db.Cities.Where(c => c.Slug == citySlug).Select(c => (Guid?)c.Id).SingleOrDefaultAsync();
            conditions.Add(e => e.CityId == cityId);
        }
        if (filter.Category is { } category) conditions.Add(e => e.Category == category);
        if (filter.Price == CatalogPrice.Free) conditions.Add(e => e.PriceFrom == null);
        if (filter.Price == CatalogPrice.Paid) conditions.Add(e => e.PriceFrom != null);
        // One-off events, and the scheduled dates of series: two queries, each served by its own index in start order.
        var events = db.Events.AsNoTracking().Where(e => e.RepeatRule == null && (e.EndsAt ?? e.StartsAt) >= now);
        var dates = db.Occurrences.AsNoTracking().Where(o => o.Status == OccurrenceStatus.Scheduled && o.Event!.RepeatRule != null && (o.EndsAt ?? o.StartsAt) >= now);
        foreach (var condition in conditions)
        {
            events = events.Where(condition);
            dates = dates.Where(OfSeries(condition));
        }
        if (filter.When != CatalogWhen.Upcoming)
        {
            var zones = filter.City is { } slug
                ? await db.Cities.Where(c => c.Slug == slug).Select(c => c.TimeZoneId).ToListAsync()
                : await db.Cities.Select(c => c.TimeZoneId).Distinct().ToListAsync();
            events = events.Where(InWindow(zones, filter, now, (zone, from, to) => (Expression<Func<Event, bool>>)(e => e.TimeZoneId == zone && e.StartsAt >= from && e.StartsAt < to)));
            dates = dates.Where(InWindow(zones, filter, now,
                (zone, from, to) => (Expression<Func<Occurrence, bool>>)(o => o.Event!.TimeZoneId == zone && o.StartsAt >= from && o.StartsAt < to)));
        }

        var query = filter.Words is { } words ? await TsQueryAsync(words) : null;
        List<Item> items;
        if (query is null)
        {
            if (filter.After is { } after)
            {
                events = events.Where(e => EF.Functions.GreaterThan(ValueTuple.Create(e.StartsAt, e.Id), ValueTuple.Create(after.Start, after.Id)));
                dates = dates.Where(o => EF.Functions.GreaterThan(ValueTuple.Create(o.StartsAt, o.Id), ValueTuple.Create(after.Start, after.Id)));
            }
            var oneOffs = await events.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(pageSize + 1).Select(OneOff).ToListAsync();
            var ofSeries = await dates.OrderBy(o => o.StartsAt).ThenBy(o => o.Id).Take(pageSize + 1).Select(Date).ToListAsync();
            // Merged in the database's order, so the next page's cursor carries on exactly where this one stopped.
            items = oneOffs.Concat(ofSeries).OrderBy(i => i.StartsAt).ThenBy(i => i.Id, DatabaseUuidOrder.Instance).Take(pageSize + 1).ToList();
        }
        else
        {
            // The matching events come from their GIN index through ee_catalog_search (migration 0028); their entries are
            // then found by id, and the best matches ordered here, ties in the database's uuid order as everywhere else.
            var ranks = (await db.CatalogSearch(query).ToListAsync()).ToDictionary(m => m.EventId, m => m.Rank);
            var ids = ranks.Keys.ToList();
            var found = (await events.Where(e => ids.Contains(e.Id)).Select(OneOff).ToListAsync())
                .Concat(await dates.Where(o => ids.Contains(o.EventId)).Select(Date).ToListAsync())
                .Select(i => i with { Rank = ranks[i.EventId] });
            if (filter.After is { Rank: { } rank } after)
                found = found.Where(i => i.Rank < rank || (i.Rank == rank && (i.StartsAt > after.Start || (i.StartsAt == after.Start && DatabaseUuidOrder.Instance.Compare(i.Id, after.Id) > 0))));
            items = found.OrderByDescending(i => i.Rank).ThenBy(i => i.StartsAt).ThenBy(i => i.Id, DatabaseUuidOrder.Instance).Take(pageSize + 1).ToList();
        }
        var more = items.Count > pageSize;
        var shownItems = items.Take(pageSize).ToList();
        return new Page(shownItems, more ? new Cursor(shownItems[^1].StartsAt, shownItems[^1].Id, shownItems[^1].Rank) : null);
    }

    private static readonly Expression<Func<Event, Item>> OneOff = e => new Item(e.Id, e.Id, null, e.Name, e.Summary, e.StartsAt, e.EndsAt, e.TimeZoneId,
        e.City != null ? e.City.Name : null, e.Venue, e.Category, e.Organisation!.Name, e.Status, e.AttendanceMode, e.PriceFrom, e.Currency, null);

    private static readonly Expression<Func<Occurrence, Item>> Date = o => new Item(o.Id, o.EventId, o.Day, o.Event!.Name, o.Event.Summary, o.StartsAt,
        o.EndsAt, o.Event.TimeZoneId, o.Event.City != null ? o.Event.City.Name : null, o.Event.Venue, o.Event.Category, o.Event.Organisation!.Name,
        o.Event.Status, o.Event.AttendanceMode, o.Event.PriceFrom, o.Event.Currency, null);

    /// <summary>An event's condition, asked of a date's series.</summary>
    public static Expression<Func<Occurrence, bool>> OfSeries(Expression<Func<Event, bool>> condition)
    {
        var o = Expression.Parameter(typeof(Occurrence), "o");
        var body = new Replace(condition.Parameters[0], Expression.Property(o, nameof(Occurrence.Event))).Visit(condition.Body);
        return Expression.Lambda<Func<Occurrence, bool>>(body, o);
    }

    /// <summary>PostgreSQL's order of uuids (their 16 bytes, first to last), which is not <see cref="Guid.CompareTo(Guid)"/>'s.</summary>
    private sealed class DatabaseUuidOrder : IComparer<Guid>
    {
        public static readonly DatabaseUuidOrder Instance = new();

        public int Compare(Guid x, Guid y) => x.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(y.ToByteArray(bigEndian: true));
    }

    private sealed class Term
    {
        public long Position { get; set; }
        public string Word { get; set; } = "";
    }

    /// <summary>
    /// The words as a tsquery: every word must match, each as typed (or as the start of a longer word) or as one of
    /// the nearest real words public events use, so "jaz festval" becomes (jaz:* | jazz) &amp; (festval:* | festival).
    /// Null when there is no word to look for. A near word shares trigrams with the typed one (found by the index) and is
    /// at most one letter away from a word of up to four letters, two from a longer one: "rivr" finds "river", but "the"
    /// does not stand in for "theatre".
    /// </summary>
    private async Task<string?> TsQueryAsync(string text)
    {
        var words = Regex.Matches(text, @"[\p{L}\p{N}]+").Select(m => m.Value).Where(w => w.Length <= 40).Distinct().Take(MaxWords).ToArray();
        if (words.Length == 0) return null;
        var terms = await db.Database.SqlQuery<Term>($"""
            SELECT u.i AS position, t.word
            FROM unnest({words}::text[]) WITH ORDINALITY AS u(raw, i)
            CROSS JOIN LATERAL (SELECT lower(ee_unaccent(u.raw)) AS typed) n
            CROSS JOIN LATERAL (
                SELECT n.typed AS word
                UNION
                (SELECT s.word FROM search_words s
                 WHERE s.word % n.typed AND levenshtein(s.word, n.typed) <= CASE WHEN length(n.typed) <= 4 THEN 1 ELSE 2 END
                 ORDER BY s.word <-> n.typed LIMIT 3)) t
            """).ToListAsync();
        // A word of three letters or more also matches longer words it starts: "jaz" finds "jazz" as it is typed.
        return string.Join(" & ", terms.GroupBy(t => t.Position).OrderBy(g => g.Key)
            .Select(g => "(" + string.Join(" | ", g.Select(t => Lexeme(t.Word) + (t.Word.Length >= 3 ? ":*" : ""))) + ")"));
    }

    private static string Lexeme(string word) => "'" + word.Replace("\\", "\\\\").Replace("'", "''") + "'";

    /// <summary>The instants [from, to) that the day filter means in one zone, from the local date there now.</summary>
    public static (DateTime From, DateTime To) Window(string zoneId, CatalogWhen when, DateTime now, DateOnly? fromDate = null, DateOnly? toDate = null)
    {
        var zone = EventTime.Zone(zoneId);
        var today = EventTime.ToInstant(now).InZone(zone).Date;
        var (first, days) = when switch
        {
            // A range from no date starts today; one with no end runs on, as far as the catalog goes.
            CatalogWhen.Dates => Range(fromDate is { } f ? LocalDate.FromDateOnly(f) : today, toDate),
            CatalogWhen.Today => (today, 1),
            CatalogWhen.Tomorrow => (today.PlusDays(1), 1),
            // Saturday and Sunday; on a Sunday, just that day.
            CatalogWhen.Weekend => today.DayOfWeek switch
            {
                IsoDayOfWeek.Sunday => (today, 1),
                IsoDayOfWeek.Saturday => (today, 2),
                _ => (today.Next(IsoDayOfWeek.Saturday), 2),
            },
            _ => (today, 7),
        };
        var from = zone.AtStartOfDay(first).ToInstant().ToDateTimeUtc();
        var to = zone.AtStartOfDay(first.PlusDays(days)).ToInstant().ToDateTimeUtc();
        return (from, to);
    }

    private static (LocalDate First, int Days) Range(LocalDate first, DateOnly? last) =>
        (first, last is { } l ? Math.Max(Period.DaysBetween(first, LocalDate.FromDateOnly(l)) + 1, 0) : MaxDays);

    /// <summary>
    /// (zone = z1 AND start in its window) OR (zone = z2 AND …): one condition per zone, built once per query. Each comes
    /// from <paramref name="inZone"/>'s closure, so the zone and the window's ends are query parameters, not literals.
    /// </summary>
    private static Expression<Func<T, bool>> InWindow<T>(IEnumerable<string> zones, Filter filter, DateTime now,
        Func<string, DateTime, DateTime, Expression<Func<T, bool>>> inZone)
    {
        var x = Expression.Parameter(typeof(T), "x");
        Expression? any = null;
        foreach (var zone in zones)
        {
            var (from, to) = Window(zone, filter.When, now, filter.From, filter.To);
            var one = inZone(zone, from, to);
            var body = new Replace(one.Parameters[0], x).Visit(one.Body);
            any = any is null ? body : Expression.OrElse(any, body);
        }
        return Expression.Lambda<Func<T, bool>>(any ?? Expression.Constant(false), x);
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
