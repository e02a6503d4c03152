namespace EventEngine.Web.Domain;

/// <summary>Where a registration stands. Held, Confirmed and Offered take places; the rest do not.</summary>
public enum RegistrationStatus
{
    /// <summary>A visitor without an account, until they confirm from the email; lapses at <see cref="Registration.HoldUntil"/>.</summary>
    Held,
    Confirmed,
    /// <summary>The event was full: first come, first served when a place frees.</summary>
    Waitlisted,
    /// <summary>A freed place offered to the next on the waiting list, until <see cref="Registration.HoldUntil"/>.</summary>
    Offered,
    Cancelled,
    /// <summary>A hold or an offer that was not taken up in time.</summary>
    Expired,
}

/// <summary>One person's places at a public event (or, with recurring events, at one occurrence).</summary>
public class Registration
{
    public const int NameMaxLength = 200;
    public const int MaxPlaces = 20;

    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    /// <summary>The occurrence, for a recurring event: the pool its places are in.</summary>
    public Guid? OccurrenceId { get; set; }
    /// <summary>The guest the registration is in the event's guest table as (set by the database, migration 0026).</summary>
    public Guid? GuestId { get; set; }
    /// <summary>The language of the emails the registrant gets.</summary>
    public Language Language { get; set; }
    public Guid? UserId { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public int Places { get; set; }
    public RegistrationStatus Status { get; set; }
    public DateTime? HoldUntil { get; set; }
    /// <summary>The registration's link: its token is made from the seed (Links/LinkTokens.cs); only the token's hash is kept.</summary>
    public byte[] Seed { get; set; } = [];
    public byte[] TokenHash { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public static readonly RegistrationStatus[] Taking = [RegistrationStatus.Held, RegistrationStatus.Confirmed, RegistrationStatus.Offered];

    /// <summary>Still in play: taking places or waiting for one.</summary>
    public static readonly RegistrationStatus[] Standing = [.. Taking, RegistrationStatus.Waitlisted];
}
