namespace EventEngine.Web.Domain;

/// <summary>
/// One entry of an event's activity log: who did what, and when. Always added in the same transaction as the change
/// it records, so a change never exists without its entry. Names are kept as they were at the time, so an entry
/// still reads right after the guest is deleted or the member leaves.
/// </summary>
public class EventActivity
{
    public const int NameMaxLength = 200;
    public const int SummaryMaxLength = 500;
    public const int DetailMaxLength = 4000;

    public long Id { get; set; }
    public Guid EventId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The member who acted; null when a guest acted through their RSVP link.</summary>
    public Guid? ActorUserId { get; set; }
    public string ActorName { get; set; } = "";
    public ActivityKind Kind { get; set; }

    /// <summary>The guest the entry is about, while that guest exists.</summary>
    public Guid? GuestId { get; set; }

    /// <summary>For RSVP entries, the channel the link came through (its via parameter).</summary>
    public MessageChannel? Channel { get; set; }
    public string Summary { get; set; } = "";

    /// <summary>More lines: the fields a change touched ("Phone: old → new"), the names in a bulk change, counts.</summary>
    public string? Detail { get; set; }

    public static string Fit(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

public enum ActivityKind
{
    MemberInvited,
    InvitationResent,
    InvitationRevoked,
    MemberJoined,
    RoleChanged,
    MemberRemoved,
    MemberLeft,
    EventCreated,
    EventEdited,
    RemindersChanged,
    /// <summary>A public event's life cycle: sent for review, published, sent back, cancelled.</summary>
    StatusChanged,
    GuestAdded,
    GuestEdited,
    GuestDeleted,
    GuestsBulkEdited,
    GuestsBulkDeleted,
    GuestsImported,
    MessagesQueued,
    MessagesRetried,
    MessagesCancelled,
    RsvpOpened,
    RsvpAnswered,
    RsvpChanged,
    RsvpLinkRevoked,
}

/// <summary>The groups the activity page filters by.</summary>
public enum ActivityArea
{
    Team,
    Event,
    Guests,
    Import,
    Messages,
    Rsvp,
}

public static class ActivityKinds
{
    public static ActivityArea Area(this ActivityKind kind) => kind switch
    {
        <= ActivityKind.MemberLeft => ActivityArea.Team,
        <= ActivityKind.RemindersChanged => ActivityArea.Event,
        <= ActivityKind.GuestsBulkDeleted => ActivityArea.Guests,
        ActivityKind.GuestsImported => ActivityArea.Import,
        <= ActivityKind.MessagesCancelled => ActivityArea.Messages,
        _ => ActivityArea.Rsvp,
    };

    public static ActivityKind[] In(ActivityArea area) => Enum.GetValues<ActivityKind>().Where(k => k.Area() == area).ToArray();

    public static string Describe(this ActivityArea area) => area switch
    {
        ActivityArea.Team => "Team",
        ActivityArea.Event => "Event settings",
        ActivityArea.Guests => "Guests",
        ActivityArea.Import => "Imports",
        ActivityArea.Messages => "Messages",
        _ => "RSVP answers",
    };
}
