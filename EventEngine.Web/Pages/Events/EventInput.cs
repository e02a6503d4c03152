using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Domain;

namespace EventEngine.Web.Pages.Events;

/// <summary>What the create and edit forms post. Times are wall-clock times in the chosen zone.</summary>
public sealed class EventInput : IValidatableObject
{
    [Required(ErrorMessage = "Give the event a name.")]
    [StringLength(Event.NameMaxLength, ErrorMessage = "Keep the name under {1} characters.")]
    [Display(Name = "Event name")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Choose when the event starts.")]
    [Display(Name = "Starts")]
    public DateTime? StartsAt { get; set; }

    [Display(Name = "Ends (optional)")]
    public DateTime? EndsAt { get; set; }

    [Display(Name = "Answers due by (optional)")]
    public DateTime? RsvpDeadline { get; set; }

    [Required(ErrorMessage = "Choose the time zone the event takes place in.")]
    [Display(Name = "Time zone")]
    public string? TimeZoneId { get; set; }

    [StringLength(Event.VenueMaxLength, ErrorMessage = "Keep the venue under {1} characters.")]
    [Display(Name = "Venue or location")]
    public string? Venue { get; set; }

    [StringLength(Event.DescriptionMaxLength, ErrorMessage = "Keep the description under {1} characters.")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Choose the country most guests' phone numbers are from.")]
    [Display(Name = "Default country for phone numbers")]
    public string? DefaultCountry { get; set; }

    [Display(Name = "Language guests read")]
    public Language Language { get; set; } = Language.English;

    [StringLength(Event.HostNamesMaxLength, ErrorMessage = "Keep the names under {1} characters.")]
    [Display(Name = "From (the hosts' names)")]
    public string? HostNames { get; set; }

    [StringLength(Guest.EmailMaxLength, ErrorMessage = "That email address is too long.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
    [Display(Name = "Replies go to")]
    public string? ReplyTo { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A name of nothing but direction controls is empty once they are taken out (see PlainText).
        if (Name is not null && PlainText.Tidy(Name) is null)
            yield return new ValidationResult("Give the event a name.", [nameof(Name)]);
        if (TimeZoneId is not null && !EventTime.IsKnownZone(TimeZoneId))
            yield return new ValidationResult("Choose a time zone from the list.", [nameof(TimeZoneId)]);
        if (DefaultCountry is not null && !Countries.IsKnown(DefaultCountry))
            yield return new ValidationResult("Choose a country from the list.", [nameof(DefaultCountry)]);
        if (StartsAt is not null && EndsAt is not null && EndsAt < StartsAt)
            yield return new ValidationResult("The event can't end before it starts.", [nameof(EndsAt)]);
        if (StartsAt is not null && RsvpDeadline is not null && RsvpDeadline > StartsAt)
            yield return new ValidationResult("Answers have to be due before the event starts.", [nameof(RsvpDeadline)]);
    }

    public static EventInput From(Event e) => new()
    {
        Name = e.Name,
        StartsAt = EventTime.ToLocal(e.StartsAt, e.TimeZoneId),
        EndsAt = e.EndsAt is { } end ? EventTime.ToLocal(end, e.TimeZoneId) : null,
        RsvpDeadline = e.RsvpDeadline is { } deadline ? EventTime.ToLocal(deadline, e.TimeZoneId) : null,
        TimeZoneId = e.TimeZoneId,
        Venue = e.Venue,
        Description = e.Description,
        DefaultCountry = e.DefaultCountry,
        Language = e.Language,
        HostNames = e.HostNames,
        ReplyTo = e.ReplyTo,
    };

    /// <summary>The event's fields as the activity log compares them (times as local times in the event's zone).</summary>
    public static List<(string Field, string Value)> Snapshot(Event e)
    {
        var input = From(e);
        static string Time(DateTime? t) => t?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return
        [
            ("Name", e.Name),
            ("Starts", Time(input.StartsAt)),
            ("Ends", Time(input.EndsAt)),
            ("Answers due", Time(input.RsvpDeadline)),
            ("Time zone", e.TimeZoneId),
            ("Venue", e.Venue ?? ""),
            ("Description", e.Description ?? ""),
            ("Phone country", e.DefaultCountry),
            ("Guests' language", e.Language.ToString()),
            ("From", e.HostNames ?? ""),
            ("Replies to", e.ReplyTo ?? ""),
        ];
    }

    /// <summary>Copies valid input onto the event (call only after validation passed).</summary>
    public void ApplyTo(Event e, DateTime now)
    {
        e.Name = PlainText.Tidy(Name)!;
        e.TimeZoneId = TimeZoneId!;
        e.StartsAt = EventTime.ToUtc(StartsAt!.Value, TimeZoneId!);
        e.EndsAt = EndsAt is { } end ? EventTime.ToUtc(end, TimeZoneId!) : null;
        e.RsvpDeadline = RsvpDeadline is { } deadline ? EventTime.ToUtc(deadline, TimeZoneId!) : null;
        e.Venue = PlainText.Tidy(Venue);
        e.Description = PlainText.Tidy(Description);
        e.DefaultCountry = DefaultCountry!;
        e.Language = Language;
        e.HostNames = PlainText.Tidy(HostNames);
        e.ReplyTo = string.IsNullOrWhiteSpace(ReplyTo) ? null : ReplyTo.Trim();
        e.UpdatedAt = now;
    }
}

/// <summary>The model of _EventForm: the input plus what differs between create and edit.</summary>
public sealed record EventForm(EventInput Input, string SubmitLabel, string CancelUrl);
