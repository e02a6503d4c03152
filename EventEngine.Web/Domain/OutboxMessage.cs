namespace EventEngine.Web.Domain;

/// <summary>
/// One outgoing message to one recipient, rendered when it was queued and written in the same transaction as the
/// action that caused it. The sender service moves it through <see cref="MessageState"/>.
/// </summary>
public class OutboxMessage
{
    public const int RecipientMaxLength = 254;
    public const int SubjectMaxLength = 300;

    public Guid Id { get; set; }
    /// <summary>The event the message is about; none for an account's own emails (confirmation, password reset).</summary>
    public Guid? EventId { get; set; }
    public Guid? GuestId { get; set; }
    /// <summary>The public event registration the email is about: its link is the one filled in as it is sent.</summary>
    public Guid? RegistrationId { get; set; }
    /// <summary>The account an account email is for: its link is made for this user as the message is sent.</summary>
    public Guid? UserId { get; set; }
    /// <summary>The organisation it is about, for messages to its members or people it invites.</summary>
    public Guid? OrganisationId { get; set; }
    public MessageChannel Channel { get; set; }
    public MessagePurpose Purpose { get; set; }

    /// <summary>An email address, or a phone number in E.164 for WhatsApp.</summary>
    public string Recipient { get; set; } = "";
    public string? RecipientName { get; set; }

    /// <summary>The sender's name and Reply-To of an email, from the event when it was composed (null: the app's).</summary>
    public string? SenderName { get; set; }
    public string? ReplyTo { get; set; }
    public string? Subject { get; set; }

    /// <summary>What the recipient reads: the email's text part, or the WhatsApp text (a template's text as rendered for the host).</summary>
    public string BodyText { get; set; } = "";
    public string? BodyHtml { get; set; }

    /// <summary>An iCalendar invitation (METHOD:REQUEST) attached to the email.</summary>
    public string? Calendar { get; set; }

    /// <summary>Set when the WhatsApp message goes out as an approved template rather than free text.</summary>
    public string? TemplateName { get; set; }
    public string? TemplateLanguage { get; set; }
    public List<string> TemplateParameters { get; set; } = [];

    public MessageState State { get; set; } = MessageState.Queued;
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public Guid? LeaseId { get; set; }
    public DateTime? LeaseUntil { get; set; }

    /// <summary>The provider's id: the WhatsApp wamid, or the email's Message-ID.</summary>
    public string? ProviderMessageId { get; set; }
    public string? ErrorCode { get; set; }
    public string? Error { get; set; }

    /// <summary>Makes queuing idempotent: one message per (guest, purpose, slot), e.g. "reminder:{id}:{guest}".</summary>
    public string? IdempotencyKey { get; set; }
    public Guid? BroadcastId { get; set; }
    public Guid? CreatedById { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime? ReadAt { get; set; }
    public DateTime? FailedAt { get; set; }
}

public enum MessageChannel
{
    Email,
    WhatsApp,
}

public enum MessagePurpose
{
    Invitation,
    Reminder,
    Confirmation,
    Broadcast,
    TeamInvitation,
    /// <summary>To a team member who asked to hear when guests answer (at once or a daily digest).</summary>
    AnswerNotice,
    /// <summary>To a new account (or a changed address): the link that confirms the email address.</summary>
    EmailConfirmation,
    /// <summary>To an address someone asked to reset the password for: the link, or that no account uses it.</summary>
    PasswordReset,
    /// <summary>To the new address a person wants for their account: the link that makes the change.</summary>
    EmailChange,
    /// <summary>To an account: something about it changed (its address, two-factor, passkeys).</summary>
    AccountNotice,
    /// <summary>To a person invited to join an organisation.</summary>
    OrganisationInvitation,
    /// <summary>To a person who registered for a public event: their place, or their place on the waiting list.</summary>
    Registration,
    /// <summary>To a visitor who registered without an account: confirm to keep the places held.</summary>
    RegistrationHeld,
    /// <summary>To the next person on a waiting list: a freed place is theirs if they take it in time.</summary>
    RegistrationOffer,
    /// <summary>To a person registered or waiting: the event (or their date) is cancelled, or their date moved.</summary>
    RegistrationChange,
}

/// <summary>Queued → Sending → Sent → Delivered → Read, or Failed (permanent) / Cancelled.</summary>
public enum MessageState
{
    Queued,
    Sending,
    Sent,
    Delivered,
    Read,
    Failed,
    Cancelled,
}
