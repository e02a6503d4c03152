namespace EventEngine.Web.Domain;

/// <summary>An event with its own team and guest list: private (by invitation), or public (an organisation's, listed once published).</summary>
public class Event
{
    public const int NameMaxLength = 200;
    public const int VenueMaxLength = 300;
    public const int DescriptionMaxLength = 5000;
    public const int HostNamesMaxLength = 200;

    public Guid Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>UTC instant; shown in <see cref="TimeZoneId"/>.</summary>
    public DateTime StartsAt { get; set; }
    public DateTime? EndsAt { get; set; }

    /// <summary>The last moment guests can answer (UTC); reminders count back from it.</summary>
    public DateTime? RsvpDeadline { get; set; }

    /// <summary>IANA zone id such as "Europe/London".</summary>
    public string TimeZoneId { get; set; } = "";
    public string? Venue { get; set; }
    public string? Description { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country used to read phone numbers typed without a country code.</summary>
    public string DefaultCountry { get; set; } = "";

    /// <summary>The language of the RSVP page and guest messages, unless a guest has their own.</summary>
    public Language Language { get; set; } = Language.English;

    /// <summary>Who the invitation is from ("Priya & Arjun"): the sender's name on guest emails.</summary>
    public string? HostNames { get; set; }

    /// <summary>Where guests' replies to an email go: a host's address.</summary>
    public string? ReplyTo { get; set; }

    public EventVisibility Visibility { get; set; }
    public Guid? OrganisationId { get; set; }
    public EventStatus Status { get; set; }
    public Guid? CityId { get; set; }
    public string? Address { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public EventCategory? Category { get; set; }
    public string? Summary { get; set; }
    public AttendanceMode AttendanceMode { get; set; }
    public string? OnlineUrl { get; set; }
    /// <summary>Where people register, when the organisation takes registrations elsewhere.</summary>
    public string? RegistrationUrl { get; set; }
    public Guid? ImageId { get; set; }
    /// <summary>When it joined the moderation queue; set only while it waits there.</summary>
    public DateTime? SubmittedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    /// <summary>The moderator's reason when the event went back to draft.</summary>
    public string? ReviewNote { get; set; }
    /// <summary>The lowest price of a place, in <see cref="Currency"/>; null when the event is free.</summary>
    public decimal? PriceFrom { get; set; }
    /// <summary>ISO 4217 code such as "EUR".</summary>
    public string? Currency { get; set; }
    /// <summary>The words the catalog searches, kept by the database for public events; never written by the app.</summary>
    public NpgsqlTypes.NpgsqlTsVector? SearchVector { get; set; }
    /// <summary>How many places people may register for; null for no limit.</summary>
    public int? Capacity { get; set; }
    /// <summary>How many places one registration may take (the person and their guests).</summary>
    public int PlacesPerPerson { get; set; } = 1;
    /// <summary>How long a freed place stays offered to the next person on the waiting list.</summary>
    public int OfferHours { get; set; } = 24;
    /// <summary>What the public fields said when the event was last published (JSON); see <see cref="Publishing.PublicEventSnapshot"/>.</summary>
    public string? PublishedSnapshot { get; set; }
    /// <summary>A series' repeat rule (RFC 5545 RRULE, such as "FREQ=WEEKLY;BYDAY=TU;COUNT=10"); null for a one-off event.</summary>
    public string? RepeatRule { get; set; }
    /// <summary>Days the rule skips (EXDATE), in the event's zone.</summary>
    public List<DateOnly> RepeatSkipped { get; set; } = [];
    /// <summary>Extra days (RDATE), at the series' local time.</summary>
    public List<DateOnly> RepeatAdded { get; set; } = [];
    /// <summary>How far ahead the series' occurrences have been made.</summary>
    public DateTime? OccurrencesUntil { get; set; }
    public bool IsSeries => RepeatRule is not null;

    /// <summary>The event as at one of its occurrences: the occurrence's start and end, everything else the series'.</summary>
    public Event At(Occurrence occurrence)
    {
        var copy = (Event)MemberwiseClone();
        (copy.StartsAt, copy.EndsAt) = (occurrence.StartsAt, occurrence.EndsAt);
        return copy;
    }

    public const int SummaryMaxLength = 300;
    public const int AddressMaxLength = 300;
    public const int UrlMaxLength = 500;
    public const int ReviewNoteMaxLength = 1000;

    public Organisation? Organisation { get; set; }
    public City? City { get; set; }

    public Guid? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<EventMember> Members { get; set; } = [];
    public List<Guest> Guests { get; set; } = [];
}
