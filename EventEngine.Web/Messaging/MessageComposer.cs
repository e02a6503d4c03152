using System.Text;
using System.Text.RegularExpressions;
using EventEngine.Web.Domain;
using Microsoft.Extensions.Options;
using NodaTime.Text;

namespace EventEngine.Web.Messaging;

/// <summary>What a host writes: the purpose, the channel choice, and the text with placeholders.</summary>
public sealed record MessageDraft(MessagePurpose Purpose, ChannelChoice Channel, string? Subject, string Body);

/// <summary>The guest fields a message needs. RecentlyWrote: the guest wrote on WhatsApp in the last 24 hours.</summary>
public sealed record MessageRecipient(Guid Id, string FirstName, string? LastName, string? Email, string? Phone, bool Unsubscribed, bool RecentlyWrote)
{
    public string Name => string.IsNullOrEmpty(LastName) ? FirstName : $"{FirstName} {LastName}";
}

/// <summary>The messages a draft makes for a set of guests, and who cannot be reached on the chosen channel.</summary>
public sealed record MessagePlan(IReadOnlyList<OutboxMessage> Messages, int NoAddress, int Unsubscribed)
{
    public int Email => Messages.Count(m => m.Channel == MessageChannel.Email);
    public int WhatsApp => Messages.Count(m => m.Channel == MessageChannel.WhatsApp);
}

/// <summary>
/// Renders a draft for each guest into outbox rows: placeholders filled, an email with text and HTML parts (and a
/// calendar invitation for invitations), or a WhatsApp message that is free text only inside the 24-hour window
/// after the guest last wrote and an approved template otherwise.
/// </summary>
public sealed partial class MessageComposer(IOptionsMonitor<WhatsAppOptions> whatsApp, IOptionsMonitor<SmtpOptions> smtp, UnsubscribeLinks unsubscribe)
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("dddd d MMMM yyyy");
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public bool WhatsAppEnabled => whatsApp.CurrentValue.IsConfigured;

    public static MessageDraft DefaultDraft(MessagePurpose purpose, ChannelChoice channel) => purpose switch
    {
        MessagePurpose.Invitation => new(purpose, channel, "You're invited: {{event_name}}",
            "Dear {{first_name}},\n\nWe would love you to join us for {{event_name}} on {{event_date}} at {{event_time}}.\n\nPlease let us know whether you can come."),
        MessagePurpose.Reminder => new(purpose, channel, "Reminder: will you join us at {{event_name}}?",
            "Dear {{first_name}},\n\nWe haven't heard from you yet about {{event_name}} on {{event_date}}. Please let us know whether you can come."),
        _ => new(purpose, channel, "News about {{event_name}}", "Dear {{first_name}},\n\n"),
    };

    /// <summary>The placeholder values for one guest of the event (null where the event has no value).</summary>
    public static IReadOnlyDictionary<string, string?> Values(Event e, MessageRecipient guest)
    {
        var start = EventTime.InZone(e.StartsAt, e.TimeZoneId);
        return new Dictionary<string, string?>
        {
            ["first_name"] = guest.FirstName,
            ["last_name"] = guest.LastName ?? "",
            ["full_name"] = guest.Name,
            ["event_name"] = e.Name,
            ["event_date"] = DatePattern.Format(start.Date),
            ["event_time"] = $"{TimePattern.Format(start.TimeOfDay)} {start.GetZoneInterval().Name}",
            ["venue"] = e.Venue,
            ["rsvp_deadline"] = e.RsvpDeadline is { } deadline
                ? DatePattern.Format(EventTime.InZone(deadline, e.TimeZoneId).Date)
                : null,
        };
    }

    /// <summary>The first problem with the draft for this event ("{{tabel}} isn't a placeholder"), by field.</summary>
    public static (string Field, string Message)? Problem(Event e, MessageDraft draft)
    {
        var values = Values(e, new MessageRecipient(Guid.Empty, "", null, null, null, false, false));
        if (MessageTemplate.Problem(draft.Subject, values) is { } subject) return ("Subject", subject);
        if (MessageTemplate.Problem(draft.Body, values) is { } body) return ("Body", body);
        return null;
    }

    public MessagePlan Compose(Event e, IEnumerable<MessageRecipient> guests, MessageDraft draft, DateTime now)
    {
        var messages = new List<OutboxMessage>();
        int noAddress = 0, unsubscribed = 0;
        foreach (var guest in guests)
        {
            var channel = Channel(guest, draft.Channel);
            if (channel is null)
            {
                if (guest.Unsubscribed && guest.Email is not null && (draft.Channel == ChannelChoice.Email || guest.Phone is null || !WhatsAppEnabled)) unsubscribed++;
                else noAddress++;
                continue;
            }
            messages.Add(channel == MessageChannel.Email ? Email(e, guest, draft, now) : WhatsApp(e, guest, draft, now));
        }
        return new MessagePlan(messages, noAddress, unsubscribed);
    }

    private MessageChannel? Channel(MessageRecipient guest, ChannelChoice choice)
    {
        var email = guest.Email is not null && !guest.Unsubscribed;
        var whatsApp = guest.Phone is not null && WhatsAppEnabled;
        return choice switch
        {
            ChannelChoice.Email => email ? MessageChannel.Email : null,
            ChannelChoice.WhatsApp => whatsApp ? MessageChannel.WhatsApp : null,
            _ => whatsApp ? MessageChannel.WhatsApp : email ? MessageChannel.Email : null,
        };
    }

    private OutboxMessage Email(Event e, MessageRecipient guest, MessageDraft draft, DateTime now)
    {
        var values = Values(e, guest);
        var body = MessageTemplate.Render(draft.Body, values).Trim();
        var unsubscribeUrl = unsubscribe.Url(guest.Id);
        var footer = $"You are receiving this because you are on the guest list for {e.Name}. To stop emails about it: {unsubscribeUrl}";
        var settings = smtp.CurrentValue;
        var message = New(e, guest, draft, MessageChannel.Email, guest.Email!, now);
        message.Subject = Truncate(MessageTemplate.Render(draft.Subject ?? e.Name, values).ReplaceLineEndings(" ").Trim(), OutboxMessage.SubjectMaxLength);
        message.BodyText = $"{body}\n\n--\n{footer}\n";
        message.BodyHtml = Html(e.Name, body, unsubscribeUrl);
        if (draft.Purpose == MessagePurpose.Invitation)
            message.Calendar = CalendarFile.Invitation(e, guest.Id, guest.Name, guest.Email!, settings.From, settings.FromName, now);
        return message;
    }

    private OutboxMessage WhatsApp(Event e, MessageRecipient guest, MessageDraft draft, DateTime now)
    {
        var values = Values(e, guest);
        var settings = whatsApp.CurrentValue;
        var message = New(e, guest, draft, MessageChannel.WhatsApp, guest.Phone!, now);
        var body = MessageTemplate.Render(draft.Body, values).Trim();
        var when = $"{values["event_date"]}, {values["event_time"]}";
        (string Name, List<string> Parameters)? template = draft.Purpose switch
        {
            MessagePurpose.Invitation => (settings.Templates.Invitation, [guest.FirstName, e.Name, when, e.Venue ?? "to be announced"]),
            MessagePurpose.Reminder => (settings.Templates.Reminder, [guest.FirstName, e.Name, when, e.Venue ?? "to be announced"]),
            _ when guest.RecentlyWrote => null,
            _ => (settings.Templates.Update, [guest.FirstName, e.Name, OneLine(body)]),
        };
        if (template is { } t)
        {
            message.TemplateName = t.Name;
            message.TemplateLanguage = settings.TemplateLanguage;
            message.TemplateParameters = t.Parameters.Select(OneLine).ToList();
            message.BodyText = $"Template “{t.Name}”: {string.Join(" · ", message.TemplateParameters)}";
        }
        else
        {
            message.BodyText = body;
        }
        return message;
    }

    private static OutboxMessage New(Event e, MessageRecipient guest, MessageDraft draft, MessageChannel channel, string recipient, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        EventId = e.Id,
        GuestId = guest.Id,
        Channel = channel,
        Purpose = draft.Purpose,
        Recipient = recipient,
        RecipientName = guest.Name,
        State = MessageState.Queued,
        NextAttemptAt = now,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Template parameters may not hold newlines, tabs or more than four spaces in a row (Cloud API error 132000).</summary>
    private static string OneLine(string text) => Truncate(Whitespace().Replace(text, " ").Trim(), 1000) is { Length: > 0 } line ? line : "-";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>Escapes the five characters with a meaning in HTML and leaves every other character as itself (mail is UTF-8).</summary>
    private static string Encode(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");

    /// <summary>The HTML part: the same text in paragraphs, every value encoded, with inline styles as mail clients need.</summary>
    private static string Html(string eventName, string body, string unsubscribeUrl)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"></head>");
        html.Append("<body style=\"margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2328;\">");
        html.Append("<div style=\"max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:28px;\">");
        html.Append("<p style=\"margin:0 0 16px;font-size:13px;letter-spacing:.04em;text-transform:uppercase;color:#6b7280;\">").Append(Encode(eventName)).Append("</p>");
        foreach (var paragraph in body.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            html.Append("<p style=\"margin:0 0 14px;font-size:16px;line-height:1.5;\">")
                .Append(string.Join("<br>", paragraph.Split('\n').Select(Encode))).Append("</p>");
        html.Append("</div><p style=\"max-width:560px;margin:16px auto 0;font-size:12px;color:#6b7280;text-align:center;\">")
            .Append("You are receiving this because you are on the guest list for ").Append(Encode(eventName))
            .Append(". <a href=\"").Append(Encode(unsubscribeUrl)).Append("\" style=\"color:#6b7280;\">Unsubscribe</a></p></body></html>");
        return html.ToString();
    }
}
