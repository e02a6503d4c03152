namespace EventEngine.Web.Domain;

/// <summary>A private event with its own team and guest list.</summary>
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

    public Guid? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<EventMember> Members { get; set; } = [];
    public List<Guest> Guests { get; set; } = [];
}
