using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;

namespace EventEngine.Web.Pages.Events.Manage.Messages;

/// <summary>What the message form posts.</summary>
public sealed class ComposeInput
{
    public const int BodyMaxLength = 4000;
    public const int SubjectMaxLength = 200;

    public MessagePurpose Purpose { get; set; } = MessagePurpose.Broadcast;
    public ChannelChoice Channel { get; set; } = ChannelChoice.Email;

    [StringLength(SubjectMaxLength, ErrorMessage = "Keep the subject under {1} characters.")]
    public string? Subject { get; set; }

    [Required(ErrorMessage = "Write the message.")]
    [StringLength(BodyMaxLength, ErrorMessage = "Keep the message under {1} characters.")]
    public string? Body { get; set; }

    /// <summary>Made when the form opens; sending twice (a double click, a resubmitted form) sends once.</summary>
    public Guid BroadcastId { get; set; }

    /// <summary>The number of messages the host saw in the preview; sending is refused if the guest list changed since.</summary>
    public int? ExpectedCount { get; set; }

    public MessageDraft Draft => new(Purpose, Channel, string.IsNullOrWhiteSpace(Subject) ? null : Subject.Trim(), Body ?? "");

    public static ComposeInput For(MessagePurpose purpose, ChannelChoice channel, Language language)
    {
        var draft = MessageComposer.DefaultDraft(purpose, channel, language);
        return new ComposeInput { Purpose = purpose, Channel = channel, Subject = draft.Subject, Body = draft.Body, BroadcastId = Guid.NewGuid() };
    }
}
