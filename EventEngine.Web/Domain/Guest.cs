namespace EventEngine.Web.Domain;

/// <summary>
/// A person invited to an event. Reachable by phone (E.164) or email, or both; a member of a household may have
/// neither (a child), since the household's invitation reaches them through the others.
/// </summary>
public class Guest
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 16;
    public const int SideMaxLength = 50;
    public const int TextMaxLength = 500;
    public const int NotesMaxLength = 2000;
    public const int RsvpMessageMaxLength = 1000;

    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public Guid? HouseholdId { get; set; }

    public string FirstName { get; set; } = "";
    public string? LastName { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Side { get; set; }
    public GuestStatus Status { get; set; } = GuestStatus.Invited;
    /// <summary>For a person who registered for a public event: where their registrations stand. Kept by the database.</summary>
    public GuestRegistration? Registration { get; set; }

    public int PlusOnesAllowed { get; set; }
    public int PlusOnesComing { get; set; }
    public List<string> PlusOneNames { get; set; } = [];
    public string? DietaryNeeds { get; set; }
    public bool IsChild { get; set; }

    /// <summary>Dietary needs of the named plus-ones, by position in <see cref="PlusOneNames"/>.</summary>
    public List<string> PlusOneDietaryNeeds { get; set; } = [];
    public string? TableName { get; set; }
    public List<string> Tags { get; set; } = [];
    public string? Notes { get; set; }

    /// <summary>Set when the guest followed an email's unsubscribe link; no more email goes to them.</summary>
    public DateTime? EmailUnsubscribedAt { get; set; }

    /// <summary>Overrides the event's language for this guest's page and messages.</summary>
    public Language? Language { get; set; }

    /// <summary>The last message to the hosts written on the RSVP page, and when the guest last answered there.</summary>
    public string? RsvpMessage { get; set; }
    public DateTime? AnsweredAt { get; set; }

    public Guid? AddedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>Lower-case, accent-free name, email and phone, computed by the database for search.</summary>
    public string? SearchText { get; private set; }

    /// <summary>The name order: last name (else the only name), then first name; lower-case and accent-free.</summary>
    public string? SortName { get; private set; }

    public Household? Household { get; set; }
    /// <summary>Marked as arrived at the door (once per date, for a series).</summary>
    public List<Attendance> Attendances { get; set; } = [];

    public string DisplayName => NameOf(FirstName, LastName);

    /// <summary>How a guest's name is written everywhere: "Ada Lovelace", or "Ada" alone.</summary>
    public static string NameOf(string firstName, string? lastName) => string.IsNullOrEmpty(lastName) ? firstName : $"{firstName} {lastName}";
    public int Headcount => 1 + PlusOnesComing;
}
