namespace EventEngine.Web.Domain;

public enum OccurrenceStatus
{
    Scheduled,
    /// <summary>Called off by the organiser: its page stays, marked cancelled, and it takes no registrations.</summary>
    Cancelled,
}

/// <summary>One date of a recurring public event (a series): a capacity pool of its own, with its own page and calendar file.</summary>
public class Occurrence
{
    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    /// <summary>The day the repeat rule gave it, in the event's zone: its key in the series and its address; kept when it moves.</summary>
    public DateOnly Day { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    /// <summary>Its own number of places; null for the series'.</summary>
    public int? Capacity { get; set; }
    public OccurrenceStatus Status { get; set; }
    /// <summary>The calendar file's SEQUENCE, raised each time it moves so calendars replace the entry.</summary>
    public int Sequence { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public Event? Event { get; set; }
}

/// <summary>What the catalog lists (a view): a one-off public event, or one occurrence of a series.</summary>
public class CatalogListing
{
    /// <summary>The occurrence's id, or the event's for a one-off.</summary>
    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public Guid? OccurrenceId { get; set; }
    public DateOnly? Day { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }
    // The event's columns the catalog filters on, copied into the view so the filters reach the events' indexes.
    public EventVisibility Visibility { get; set; }
    public EventStatus Status { get; set; }
    public Guid? CityId { get; set; }
    public EventCategory? Category { get; set; }
    public decimal? PriceFrom { get; set; }
    public string TimeZoneId { get; set; } = "";
    public Event Event { get; set; } = null!;
}

/// <summary>A published public event that matches the catalog's words, with its rank (ee_catalog_search, migration 0028).</summary>
public class CatalogMatch
{
    public Guid EventId { get; set; }
    public float Rank { get; set; }
}
