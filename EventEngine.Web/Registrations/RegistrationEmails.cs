using EventEngine.Web.Domain;
using EventEngine.Web.Localization;
using EventEngine.Web.Messaging;

namespace EventEngine.Web.Registrations;

/// <summary>
/// What a registration's person is told when it changes, in English for now: their place (with the calendar file),
/// their place on the waiting list, a held place to confirm, an offer to take up. The registration's link is
/// filled in as the email is sent (Links/RegistrationLinks.cs), so the outbox never holds it.
/// </summary>
public static class RegistrationEmails
{
    public const string Placeholder = "{{registration_link}}";

    /// <summary>The email for the registration as it now stands; null when it calls for none (cancelled, lapsed).</summary>
    public static OutboxMessage? For(Registration r, Event series, Occurrence? occurrence, string eventPageUrl, DateTime now)
    {
        var e = occurrence is null ? series : series.At(occurrence);
        var when = EventTime.Format(e.StartsAt, e.TimeZoneId);
        var places = r.Places == 1 ? "1 place" : $"{r.Places} places";
        return r.Status switch
        {
            RegistrationStatus.Confirmed => Email(r, e, MessagePurpose.Registration, $"You're registered: {e.Name}",
                [$"Hello {r.Name},", $"You have {places} at {e.Name} on {when}. The calendar file is attached."],
                "See or cancel your registration", "If you can't come after all, cancel so that someone on the waiting list gets your place.",
                Messaging.CalendarFile.Public(series, eventPageUrl, now, occurrence), now),
            RegistrationStatus.Waitlisted => Email(r, e, MessagePurpose.Registration, $"You're on the waiting list: {e.Name}",
                [$"Hello {r.Name},", $"{e.Name} on {when} is full, so you're on its waiting list for {places}. If places free up, we'll email you an offer."],
                "See or leave the waiting list", "Offers go to people in the order they joined.", null, now),
            RegistrationStatus.Held => Email(r, e, MessagePurpose.RegistrationHeld, $"Confirm your place: {e.Name}",
                [$"Hello {r.Name},", $"Confirm your registration for {places} at {e.Name} on {when}. We hold your places until {EventTime.Format(r.HoldUntil!.Value, e.TimeZoneId)}."],
                "Confirm my place", "If you didn't register, ignore this email: the places go back to others.", null, now),
            RegistrationStatus.Offered => Email(r, e, MessagePurpose.RegistrationOffer, $"A place is yours if you want it: {e.Name}",
                [$"Hello {r.Name},", $"{places} freed up at {e.Name} on {when}, and you're next on the waiting list. Take it before {EventTime.Format(r.HoldUntil!.Value, e.TimeZoneId)}."],
                "Take the place", "If you don't want it, pass it on from the same page so the next person gets it sooner.", null, now),
            _ => null,
        };
    }

    /// <summary>The event, or this date of the series, is called off: in the registrant's language, with no link to act on.</summary>
    public static OutboxMessage Cancelled(Registration r, Event series, Occurrence? occurrence, string eventPageUrl, DateTime now)
    {
        var texts = GuestTexts.For(r.Language);
        var e = occurrence is null ? series : series.At(occurrence);
        var (subject, body) = texts.RegistrationCancelled;
        return Email(r, e, MessagePurpose.RegistrationChange, texts.Format(subject, e.Name), [texts.Format(body, e.Name, texts.Moment(e.StartsAt, e.TimeZoneId))],
            texts.SeeRegistration, "", Messaging.CalendarFile.Public(series, eventPageUrl, now, occurrence), now, texts);
    }

    /// <summary>The date moved: the new time, and the calendar file with the same UID and a higher SEQUENCE, so calendars move the entry.</summary>
    public static OutboxMessage Moved(Registration r, Event series, Occurrence occurrence, DateTime previousStart, string eventPageUrl, DateTime now)
    {
        var texts = GuestTexts.For(r.Language);
        var (subject, body) = texts.RegistrationMoved;
        return Email(r, series, MessagePurpose.RegistrationChange, texts.Format(subject, series.Name),
            [texts.Format(body, series.Name, texts.Moment(previousStart, series.TimeZoneId), texts.Moment(occurrence.StartsAt, series.TimeZoneId))],
            texts.SeeRegistration, "", Messaging.CalendarFile.Public(series, eventPageUrl, now, occurrence), now, texts);
    }

    private static OutboxMessage Email(Registration r, Event e, MessagePurpose purpose, string subject, string[] paragraphs, string button, string note,
        string? calendar, DateTime now, GuestTexts? texts = null)
    {
        texts ??= GuestTexts.English;
        var blocks = paragraphs.Select(p => MessageComposer.Paragraph(MessageComposer.Encode(p))).ToList();
        blocks.Add(MessageComposer.Button(button, Placeholder));
        return new OutboxMessage
        {
            Id = Guid.NewGuid(),
            EventId = e.Id,
            UserId = r.UserId,
            RegistrationId = r.Id,
            Channel = MessageChannel.Email,
            Purpose = purpose,
            Recipient = r.Email,
            RecipientName = r.Name,
            Subject = subject,
            BodyText = string.Join("\n\n", paragraphs) + $"\n\n{button}: {Placeholder}\n" + (note.Length > 0 ? $"\n{note}\n" : ""),
            BodyHtml = MessageComposer.Frame(texts.Code, texts.Direction, e.Name, [], blocks, note.Length > 0 ? MessageComposer.Encode(note) : null, null),
            Calendar = calendar,
            State = MessageState.Queued,
            NextAttemptAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
