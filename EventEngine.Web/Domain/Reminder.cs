namespace EventEngine.Web.Domain;

/// <summary>A reminder sent a number of days before the RSVP deadline or the event to guests who have not answered.</summary>
public class Reminder
{
    public const int MaxDaysBefore = 365;

    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public ReminderAnchor Anchor { get; set; }
    public int DaysBefore { get; set; }
    public ChannelChoice Channel { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When the scheduler queued the reminder's messages, and to how many guests.</summary>
    public DateTime? SentAt { get; set; }
    public int? Recipients { get; set; }
}

public enum ReminderAnchor
{
    RsvpDeadline,
    EventStart,
}

/// <summary>How a message reaches a guest.</summary>
public enum ChannelChoice
{
    Email,
    WhatsApp,
    /// <summary>WhatsApp when the guest has a phone number, otherwise email.</summary>
    WhatsAppElseEmail,
}
