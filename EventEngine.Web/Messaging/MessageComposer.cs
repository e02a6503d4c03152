using System.Text;
using System.Text.RegularExpressions;
using EventEngine.Web.Domain;
using EventEngine.Web.Localization;
using EventEngine.Web.Phones;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Messaging;

/// <summary>What a host writes: the purpose, the channel choice, and the text with placeholders.</summary>
public sealed record MessageDraft(MessagePurpose Purpose, ChannelChoice Channel, string? Subject, string Body);

/// <summary>The guest fields a message needs. RecentlyWrote: the guest wrote on WhatsApp in the last 24 hours.</summary>
public sealed record MessageRecipient(Guid Id, string FirstName, string? LastName, string? Email, string? Phone, bool Unsubscribed, bool RecentlyWrote,
    Language Language = Language.English, Guid? HouseholdId = null, IReadOnlyList<string>? HouseholdFirstNames = null)
{
    public string Name => Guest.NameOf(FirstName, LastName);

    /// <summary>Everyone the guest's link answers for: the household's first names, or the guest's own.</summary>
    public IReadOnlyList<string> Names => HouseholdFirstNames is { Count: > 0 } household ? household : [FirstName];
}

/// <summary>
/// The messages a draft makes for a set of guests, and who cannot be reached on the chosen channel: no address for
/// it, unsubscribed from email, or (for WhatsApp) only a landline number. Covered: guests with no message of their
/// own whose household gets one (its link answers for them too), such as children; they are not "not sent".
/// </summary>
public sealed record MessagePlan(IReadOnlyList<OutboxMessage> Messages, int NoAddress, int Unsubscribed, int Landline = 0, int Covered = 0)
{
    public int NotSent => NoAddress + Unsubscribed + Landline;

    public int Email => Messages.Count(m => m.Channel == MessageChannel.Email);
    public int WhatsApp => Messages.Count(m => m.Channel == MessageChannel.WhatsApp);
}

/// <summary>
/// Renders a draft for each guest into outbox rows: placeholders filled, an email with text and HTML parts (and a
/// calendar invitation for invitations), or a WhatsApp message that is free text only inside the 24-hour window
/// after the guest last wrote and an approved template otherwise. Each guest reads their own language: a draft the
/// host left as the event language's standard text goes out as the standard text in the guest's language.
/// {{rsvp_link}} stays in the stored message and is filled in when it is sent (see RsvpLinks.FillAsync), so the
/// outbox never holds a usable link.
/// </summary>
public sealed partial class MessageComposer(IOptionsMonitor<WhatsAppOptions> whatsApp, IOptionsMonitor<SmtpOptions> smtp, UnsubscribeLinks unsubscribe)
{
    public const string RsvpLink = "{{rsvp_link}}";
    public const string InvitationLink = "{{invitation_link}}";

    /// <summary>A stored message as hosts see it: the link is the guest's own, so it is named rather than shown.</summary>
    public static string ForDisplay(string text) => text.Replace(RsvpLink, "[personal RSVP link]");

    public bool WhatsAppEnabled => whatsApp.CurrentValue.IsConfigured;

    public static MessageDraft DefaultDraft(MessagePurpose purpose, ChannelChoice channel, Language language = Language.English)
    {
        var texts = GuestTexts.For(language);
        var (subject, body) = purpose switch
        {
            MessagePurpose.Invitation => texts.Invitation,
            MessagePurpose.Reminder => texts.Reminder,
            _ => texts.Broadcast,
        };
        return new(purpose, channel, subject, body);
    }

    /// <summary>The draft one guest gets: the standard text in their language when the host kept the event language's standard text.</summary>
    private static MessageDraft ForGuest(MessageDraft draft, Language eventLanguage, Language guestLanguage)
    {
        if (guestLanguage == eventLanguage) return draft;
        var standard = DefaultDraft(draft.Purpose, draft.Channel, eventLanguage);
        return standard.Subject == draft.Subject?.Trim() && standard.Body == draft.Body.Trim() ? DefaultDraft(draft.Purpose, draft.Channel, guestLanguage) : draft;
    }

    /// <summary>The placeholder values for one guest of the event (null where the event has no value).</summary>
    public static IReadOnlyDictionary<string, string?> Values(Event e, MessageRecipient guest)
    {
        var texts = GuestTexts.For(guest.Language);
        var start = EventTime.InZone(e.StartsAt, e.TimeZoneId);
        return new Dictionary<string, string?>
        {
            ["first_name"] = guest.FirstName,
            ["names"] = texts.Names(guest.Names),
            ["last_name"] = guest.LastName ?? "",
            ["full_name"] = guest.Name,
            ["event_name"] = e.Name,
            ["event_date"] = texts.Date(start.Date),
            ["event_time"] = texts.Time(start),
            ["venue"] = e.Venue,
            ["rsvp_deadline"] = e.RsvpDeadline is { } deadline ? texts.Date(EventTime.InZone(deadline, e.TimeZoneId).Date) : null,
            ["rsvp_link"] = RsvpLink,
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
        int noAddress = 0, unsubscribed = 0, landline = 0, covered = 0;
        var planned = guests.Select(g => (Guest: g, Channel: Channel(g, draft.Channel))).ToList();
        var reachedHouseholds = planned.Where(p => p.Channel is not null && p.Guest.HouseholdId is not null).Select(p => p.Guest.HouseholdId).ToHashSet();
        foreach (var (guest, channel) in planned)
        {
            if (channel is null && guest.HouseholdId is not null && reachedHouseholds.Contains(guest.HouseholdId))
            {
                covered++;
                continue;
            }
            if (channel is null)
            {
                var phoneUsable = guest.Phone is not null && WhatsAppEnabled && draft.Channel != ChannelChoice.Email;
                if (guest.Unsubscribed && guest.Email is not null && !phoneUsable) unsubscribed++;
                else if (phoneUsable) landline++;
                else noAddress++;
                continue;
            }
            var own = ForGuest(draft, e.Language, guest.Language);
            messages.Add(channel == MessageChannel.Email ? Email(e, guest, own, now) : WhatsApp(e, guest, own, now));
        }
        return new MessagePlan(messages, noAddress, unsubscribed, landline, covered);
    }

    private MessageChannel? Channel(MessageRecipient guest, ChannelChoice choice)
    {
        var email = guest.Email is not null && !guest.Unsubscribed;
        // WhatsApp accounts belong to mobile numbers: a landline would only come back as undeliverable.
        var whatsApp = guest.Phone is not null && WhatsAppEnabled && Telephone.CanBeMobile(guest.Phone);
        return choice switch
        {
            ChannelChoice.Email => email ? MessageChannel.Email : null,
            ChannelChoice.WhatsApp => whatsApp ? MessageChannel.WhatsApp : null,
            _ => whatsApp ? MessageChannel.WhatsApp : email ? MessageChannel.Email : null,
        };
    }

    private OutboxMessage Email(Event e, MessageRecipient guest, MessageDraft draft, DateTime now)
    {
        var texts = GuestTexts.For(guest.Language);
        var values = Values(e, guest);
        var body = MessageTemplate.Render(draft.Body, values).Trim();
        // Invitations, reminders and confirmations always carry the link, even when the host's text leaves it out.
        var reply = draft.Purpose is MessagePurpose.Invitation or MessagePurpose.Reminder or MessagePurpose.Confirmation && !body.Contains(RsvpLink);
        var unsubscribeUrl = unsubscribe.Url(guest.Id);
        var footer = $"{texts.Format(texts.Footer, e.Name)} {texts.Format(texts.StopEmails, unsubscribeUrl)}";
        var settings = smtp.CurrentValue;
        var message = New(e, guest, draft, MessageChannel.Email, guest.Email!, now);
        message.SenderName = e.HostNames;
        message.ReplyTo = e.ReplyTo;
        message.Subject = Truncate(MessageTemplate.Render(draft.Subject ?? e.Name, values).ReplaceLineEndings(" ").Trim(), OutboxMessage.SubjectMaxLength);
        // Invitations and reminders say when and where, whatever the host wrote.
        var details = draft.Purpose is MessagePurpose.Invitation or MessagePurpose.Reminder ? Details(e, values, texts) : [];
        var detailText = string.Concat(details.Select(d => $"{d.Label}: {d.Value}\n"));
        message.BodyText = $"{body}\n\n{detailText}{(reply ? "\n" + texts.Format(texts.ReplyHere, RsvpLink) + "\n" : "")}\n--\n{footer}\n";
        message.BodyHtml = Html(e.Name, body, details, reply || body.Contains(RsvpLink), unsubscribeUrl, texts);
        if (draft.Purpose is MessagePurpose.Invitation or MessagePurpose.Confirmation)
            message.Calendar = CalendarFile.Invitation(e, guest.Id, settings.From, e.HostNames ?? settings.FromName, now);
        return message;
    }

    private OutboxMessage WhatsApp(Event e, MessageRecipient guest, MessageDraft draft, DateTime now)
    {
        var texts = GuestTexts.For(guest.Language);
        var values = Values(e, guest);
        var settings = whatsApp.CurrentValue;
        var message = New(e, guest, draft, MessageChannel.WhatsApp, guest.Phone!, now);
        var body = MessageTemplate.Render(draft.Body, values).Trim();
        var when = $"{values["event_date"]}, {values["event_time"]}";
        var venue = e.Venue ?? texts.VenueToBeAnnounced;
        (string Name, List<string> Parameters)? template = draft.Purpose switch
        {
            MessagePurpose.Invitation => (settings.Templates.Invitation, [guest.FirstName, e.Name, when, venue, RsvpLink]),
            MessagePurpose.Reminder => (settings.Templates.Reminder, [guest.FirstName, e.Name, when, venue, RsvpLink]),
            _ when guest.RecentlyWrote => null,
            MessagePurpose.Confirmation => (settings.Templates.Confirmation, [guest.FirstName, e.Name, OneLine(body), RsvpLink]),
            _ => (settings.Templates.Update, [guest.FirstName, e.Name, OneLine(body)]),
        };
        if (template is { } t)
        {
            message.TemplateName = t.Name;
            // One template name is approved once per language in WhatsApp Manager; the code picks the translation.
            message.TemplateLanguage = texts.Code;
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

    internal static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>Escapes the five characters with a meaning in HTML and leaves every other character as itself (mail is UTF-8).</summary>
    internal static string Encode(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");

    /// <summary>When and where, as the invitation card and the plain text show them.</summary>
    private static List<(string Label, string Value)> Details(Event e, IReadOnlyDictionary<string, string?> values, GuestTexts texts) =>
        [(texts.When, $"{values["event_date"]}, {values["event_time"]}"), (texts.Where, e.Venue ?? texts.VenueToBeAnnounced)];

    /// <summary>
    /// The HTML part: the text in paragraphs, every value encoded, with inline styles as mail clients need. The RSVP
    /// link is a button (a paragraph that ends with it ends with the button instead, so no long address shows as the
    /// link's text), and the address itself is given once, small, for a client that shows no button.
    /// </summary>
    private static string Html(string eventName, string body, List<(string Label, string Value)> details, bool withLink, string unsubscribeUrl, GuestTexts texts)
    {
        var blocks = new List<string>();
        var buttonShown = false;
        foreach (var paragraph in body.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var text = paragraph.TrimEnd();
            var endsWithLink = text.EndsWith(RsvpLink, StringComparison.Ordinal);
            if (endsWithLink) text = text[..^RsvpLink.Length].TrimEnd();
            var html = string.Join("<br>", text.Split('\n').Select(line => Encode(line)
                .Replace(RsvpLink, $"<a href=\"{RsvpLink}\" style=\"color:#4338ca;\">{Encode(texts.ReplyButton)}</a>")));
            if (html.Length > 0) blocks.Add(Paragraph(html));
            if (endsWithLink && !buttonShown)
            {
                blocks.Add(Button(texts.ReplyButton, RsvpLink));
                buttonShown = true;
            }
        }
        if (withLink && !buttonShown) blocks.Add(Button(texts.ReplyButton, RsvpLink));
        var note = withLink
            ? $"{Encode(texts.ButtonFallback)} <a href=\"{RsvpLink}\" style=\"color:#4338ca;word-break:break-all;\">{RsvpLink}</a>"
            : null;
        var footer = $"{Encode(texts.Format(texts.Footer, eventName))} <a href=\"{Encode(unsubscribeUrl)}\" style=\"color:#6b7280;\">{Encode(texts.Unsubscribe)}</a>";
        return Frame(texts.Code, texts.Direction, eventName, details, blocks, note, footer);
    }

    internal static string Paragraph(string html) => $"<p style=\"margin:0 0 14px;font-size:16px;line-height:1.5;\">{html}</p>";

    internal static string Button(string text, string href) =>
        $"<p style=\"margin:20px 0;\"><a href=\"{href}\" style=\"display:inline-block;background:#4338ca;color:#ffffff;text-decoration:none;font-weight:bold;padding:14px 26px;border-radius:6px;font-size:17px;\">{Encode(text)}</a></p>";

    /// <summary>The email inviting a person to an event's team; its link is filled in as it is sent (see TeamInvitations.FillAsync).</summary>
    public static OutboxMessage TeamInvitation(EventInvitation invitation, string inviterName, string eventName, DateTime startsAt, string timeZoneId, DateTime now)
    {
        var role = $"{invitation.Role.Article()} ({invitation.Role.Describe().ToLowerInvariant()})";
        var intro = $"{inviterName} invited you to help organise {eventName} ({EventTime.Format(startsAt, timeZoneId)}) on EventEngine, as {role}.";
        var expiry = $"The link works once and expires on {EventTime.Format(invitation.ExpiresAt, timeZoneId)}. If you weren't expecting this, you can ignore this email.";
        var message = InvitationEmail(invitation.Email, $"{inviterName} invited you to organise {eventName}", eventName, intro, expiry, MessagePurpose.TeamInvitation, now);
        message.EventId = invitation.EventId;
        return message;
    }

    /// <summary>The email inviting a person to join an organisation; its link is filled in as it is sent (see OrganisationInvitations.FillAsync).</summary>
    public static OutboxMessage OrganisationInvitation(OrganisationInvitation invitation, string inviterName, string organisationName, DateTime now)
    {
        var until = invitation.MemberUntil is { } end ? $", until {end.AddDays(-1):d MMMM yyyy}" : "";
        var intro = $"{inviterName} invited you to join {organisationName} on EventEngine as {invitation.Role.Article()} ({invitation.Role.Describe().ToLowerInvariant()}){until}.";
        var expiry = $"The link works once and expires on {invitation.ExpiresAt:d MMMM yyyy, HH:mm} UTC. If you weren't expecting this, you can ignore this email.";
        var message = InvitationEmail(invitation.Email, $"{inviterName} invited you to join {organisationName}", organisationName, intro, expiry,
            MessagePurpose.OrganisationInvitation, now);
        message.OrganisationId = invitation.OrganisationId;
        return message;
    }

    /// <summary>An invitation email: a greeting, who invites to what, the button to the link (filled in as it is sent) and when it expires.</summary>
    private static OutboxMessage InvitationEmail(string recipient, string subject, string title, string intro, string expiry, MessagePurpose purpose, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        Channel = MessageChannel.Email,
        Purpose = purpose,
        Recipient = recipient,
        Subject = Truncate(subject, OutboxMessage.SubjectMaxLength),
        BodyText = $"Hello,\n\n{intro}\n\nAccept the invitation: {InvitationLink}\n\n{expiry}\n",
        BodyHtml = Frame("en", "ltr", title, [], [Paragraph("Hello,"), Paragraph(Encode(intro)), Button("Accept the invitation", InvitationLink)], Encode(expiry), null),
        State = MessageState.Queued,
        NextAttemptAt = now,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>
    /// Every email's HTML: a white card with the event's name as its title, when and where (for invitations and
    /// reminders), the blocks (already encoded paragraphs and buttons) and a small note, and a footer under it.
    /// Inline styles and a single column, as mail clients need; it holds at 320 px (padding shrinks, long addresses wrap).
    /// </summary>
    internal static string Frame(string language, string direction, string eventName, List<(string Label, string Value)> details, IEnumerable<string> blocks, string? note, string? footer)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(language).Append("\" dir=\"").Append(direction).Append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>");
        html.Append("<body style=\"margin:0;padding:16px 8px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2328;\">");
        html.Append("<div style=\"max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px 20px;\">");
        html.Append("<h1 style=\"margin:0 0 12px;font-size:22px;line-height:1.3;color:#1f2328;\">").Append(Encode(eventName)).Append("</h1>");
        if (details.Count > 0)
        {
            html.Append("<p style=\"margin:0 0 20px;padding:12px 14px;background:#f3f2fd;border-radius:6px;font-size:15px;line-height:1.6;\">");
            html.AppendJoin("<br>", details.Select(d => $"<strong>{Encode(d.Label)}:</strong> {Encode(d.Value)}"));
            html.Append("</p>");
        }
        foreach (var block in blocks) html.Append(block);
        if (note is not null) html.Append("<p style=\"margin:16px 0 0;font-size:13px;line-height:1.5;color:#6b7280;\">").Append(note).Append("</p>");
        html.Append("</div>");
        if (footer is not null) html.Append("<p style=\"max-width:560px;margin:16px auto 0;font-size:12px;line-height:1.5;color:#6b7280;text-align:center;\">").Append(footer).Append("</p>");
        html.Append("</body></html>");
        return html.ToString();
    }
}
