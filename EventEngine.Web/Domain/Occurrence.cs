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

/// <summary>A published public event that matches the catalog's words, with its rank (ee_catalog_search, migration 0028).</summary>
public class CatalogMatch
{
    public Guid EventId { get; set; }
    public float Rank { get; set; }
}
