using EventEngine.Web.Domain;
using EventEngine.Web.Links;

namespace EventEngine.Web.Messaging;

/// <summary>An account's own emails, in English like the host pages; their links are filled in as they are sent (AccountLinks).</summary>
public static class AccountEmails
{
    public const int ConfirmationHours = 24;
    public const int ResetHours = 2;

    public static OutboxMessage Confirmation(AppUser user, DateTime now) => Email(user.Id, user.Email!, user.DisplayName, MessagePurpose.EmailConfirmation,
        "Confirm your email address for EventEngine",
        [$"Hello {user.DisplayName},", "Confirm that this is your email address, so you can rely on it to get back into your account and, later, to publish events."],
        ("Confirm my email address", AccountLinks.Placeholder),
        $"The link works for {ConfirmationHours} hours. If you didn't create an account, you can ignore this email.", now);

    public static OutboxMessage PasswordReset(AppUser user, DateTime now) => Email(user.Id, user.Email!, user.DisplayName, MessagePurpose.PasswordReset,
        "Reset your EventEngine password",
        [$"Hello {user.DisplayName},", "Someone (we hope you) asked to reset the password of your EventEngine account. Choose a new one here:"],
        ("Choose a new password", AccountLinks.Placeholder),
        $"The link works once, for {ResetHours} hours, and logs you out everywhere else. If you didn't ask, ignore this email: your password stays as it is.", now);

    /// <summary>To the address a person wants instead of their current one: nothing changes until they follow the link.</summary>
    public static OutboxMessage EmailChange(AppUser user, string newEmail, DateTime now) => Email(user.Id, newEmail, user.DisplayName, MessagePurpose.EmailChange,
        "Confirm your new email address for EventEngine",
        [$"Hello {user.DisplayName},", $"You asked to use this address for your EventEngine account instead of {user.Email}. Confirm it, and it takes effect at once:"],
        ("Use this address", AccountLinks.Placeholder),
        $"The link works for {ConfirmationHours} hours. Until then your account keeps its current address. If you didn't ask, ignore this email.", now);

    /// <summary>To the address an account used until now: it has changed, and whom to tell if that was not them.</summary>
    public static OutboxMessage EmailChanged(AppUser user, string oldEmail, DateTime now) => Notice(user, oldEmail,
        "Your EventEngine email address has changed",
        $"Your EventEngine account now uses {user.Email} instead of this address. From now on, emails about your account go there.",
        now);

    /// <summary>A change to how an account logs in, told to its address so that a change made by someone else is noticed.</summary>
    public static OutboxMessage Notice(AppUser user, string to, string subject, string what, DateTime now, string? note = null) => Email(user.Id, to, user.DisplayName,
        MessagePurpose.AccountNotice, subject, [$"Hello {user.DisplayName},", what],
        null, note ?? "If this wasn't you, reset your password at once from the login page, and write to us by replying to this email.", now);

    /// <summary>
    /// The answer to a reset asked for an address no account uses. It is queued like a real reset, so the page's answer
    /// and its timing are the same whether or not the address has an account.
    /// </summary>
    public static OutboxMessage NoAccount(string email, DateTime now) => Email(null, email, null, MessagePurpose.PasswordReset,
        "Reset your EventEngine password",
        ["Hello,", "Someone (we hope you) asked to reset an EventEngine password for this address, but no account uses it. Perhaps you signed up with another address?"],
        null, "If you didn't ask, you can ignore this email.", now);

    private static OutboxMessage Email(Guid? userId, string to, string? name, MessagePurpose purpose, string subject, string[] paragraphs,
        (string Text, string Href)? button, string note, DateTime now)
    {
        var blocks = paragraphs.Select(p => MessageComposer.Paragraph(MessageComposer.Encode(p))).ToList();
        if (button is { } b) blocks.Add(MessageComposer.Button(b.Text, b.Href));
        var text = string.Join("\n\n", paragraphs) + (button is { } link ? $"\n\n{link.Text}: {link.Href}" : "") + $"\n\n{note}\n";
        return new OutboxMessage
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Channel = MessageChannel.Email,
            Purpose = purpose,
            Recipient = to,
            RecipientName = name,
            Subject = subject,
            BodyText = text,
            BodyHtml = MessageComposer.Frame("en", "ltr", "EventEngine", [], blocks, MessageComposer.Encode(note), null),
            State = MessageState.Queued,
            NextAttemptAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
