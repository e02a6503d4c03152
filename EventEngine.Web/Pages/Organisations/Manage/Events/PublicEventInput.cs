using System.ComponentModel.DataAnnotations;
using System.Globalization;
using EventEngine.Web.Domain;
using EventEngine.Web.Publishing;

namespace EventEngine.Web.Pages.Organisations.Manage.Events;

/// <summary>What a public event's form posts. Times are wall-clock times in the city's zone.</summary>
public sealed class PublicEventInput : IValidatableObject
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

    [Required(ErrorMessage = "Choose the city; its time zone is the event's.")]
    [Display(Name = "City")]
    public Guid? CityId { get; set; }

    [StringLength(Event.VenueMaxLength, ErrorMessage = "Keep the venue under {1} characters.")]
    [Display(Name = "Venue")]
    public string? Venue { get; set; }

    [StringLength(Event.AddressMaxLength, ErrorMessage = "Keep the address under {1} characters.")]
    [Display(Name = "Street address")]
    public string? Address { get; set; }

    [Required(ErrorMessage = "Choose a category.")]
    [Display(Name = "Category")]
    public EventCategory? Category { get; set; }

    [Required(ErrorMessage = "Say in a sentence what the event is.")]
    [StringLength(Event.SummaryMaxLength, ErrorMessage = "Keep the summary under {1} characters.")]
    [Display(Name = "Summary")]
    public string? Summary { get; set; }

    [StringLength(Event.DescriptionMaxLength, ErrorMessage = "Keep the description under {1} characters.")]
    [Display(Name = "Description (optional)")]
    public string? Description { get; set; }

    [Display(Name = "How people attend")]
    public AttendanceMode AttendanceMode { get; set; } = AttendanceMode.Offline;

    [StringLength(Event.UrlMaxLength, ErrorMessage = "Keep the link under {1} characters.")]
    [Url(ErrorMessage = "Enter a web address starting with https://")]
    [Display(Name = "Online link")]
    public string? OnlineUrl { get; set; }

    [StringLength(Event.UrlMaxLength, ErrorMessage = "Keep the link under {1} characters.")]
    [Url(ErrorMessage = "Enter a web address starting with https://")]
    [Display(Name = "Registration link (optional)")]
    public string? RegistrationUrl { get; set; }

    [Range(typeof(decimal), "0.01", "1000000", ParseLimitsInInvariantCulture = true, ErrorMessage = "Enter a price between {1} and {2}, or leave it blank if the event is free.")]
    [Display(Name = "Lowest price (blank if free)")]
    public decimal? PriceFrom { get; set; }

    [RegularExpression("^[A-Z]{3}$", ErrorMessage = "Choose a currency from the list.")]
    [Display(Name = "Currency")]
    public string? Currency { get; set; }

    public const int MaxCapacity = 1_000_000;

    [Range(0, MaxCapacity, ErrorMessage = "Enter a number of places from {1} to {2}, or leave it blank.")]
    [Display(Name = "Places")]
    public int? Capacity { get; set; }

    [Range(1, Registration.MaxPlaces, ErrorMessage = "One person may take from {1} to {2} places.")]
    [Display(Name = "Per person")]
    public int PlacesPerPerson { get; set; } = 1;

    [Range(1, 168, ErrorMessage = "Offer a freed place for {1} to {2} hours.")]
    [Display(Name = "Offer lasts (hours)")]
    public int OfferHours { get; set; } = 24;

    [Display(Name = "Repeats")]
    public RepeatFrequency Repeat { get; set; }

    [Range(1, Recurrence.MaxEvery, ErrorMessage = "Repeat every {1} to {2} days, weeks or months.")]
    [Display(Name = "Every")]
    public int RepeatEvery { get; set; } = 1;

    [Display(Name = "On")]
    public List<DayOfWeek> RepeatDays { get; set; } = [];

    [Display(Name = "Ends")]
    public RepeatEnd RepeatEnds { get; set; }

    [Display(Name = "Last date")]
    public DateOnly? RepeatUntil { get; set; }

    [Range(1, Recurrence.MaxCount, ErrorMessage = "Repeat from {1} to {2} times.")]
    [Display(Name = "Number of dates")]
    public int? RepeatCount { get; set; }

    [StringLength(2000)]
    [Display(Name = "Skip these dates (optional)")]
    public string? RepeatSkipped { get; set; }

    [StringLength(2000)]
    [Display(Name = "Extra dates (optional)")]
    public string? RepeatAdded { get; set; }

    public const int MaxDates = 100;

    [Display(Name = "Picture (optional)")]
    public IFormFile? Image { get; set; }

    [Display(Name = "Remove the picture")]
    public bool RemoveImage { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Name is not null && PlainText.Tidy(Name) is null)
            yield return new ValidationResult("Give the event a name.", [nameof(Name)]);
        if (StartsAt is not null && EndsAt is not null && EndsAt < StartsAt)
            yield return new ValidationResult("The event can't end before it starts.", [nameof(EndsAt)]);
        if (AttendanceMode != AttendanceMode.Online && PlainText.Tidy(Venue) is null)
            yield return new ValidationResult("Name the venue people go to.", [nameof(Venue)]);
        if (AttendanceMode != AttendanceMode.Offline && string.IsNullOrWhiteSpace(OnlineUrl))
            yield return new ValidationResult("Give the link people join online with.", [nameof(OnlineUrl)]);
        if (PriceFrom is not null && Currency is null)
            yield return new ValidationResult("Choose the currency of the price.", [nameof(Currency)]);
        if (!Enum.IsDefined(AttendanceMode))
            yield return new ValidationResult("Choose how people attend.", [nameof(AttendanceMode)]);
        if (!Enum.IsDefined(Repeat))
            yield return new ValidationResult("Choose how often the event repeats.", [nameof(Repeat)]);
        if (Repeat == RepeatFrequency.Never) yield break;
        if (RepeatDays.Any(d => !Enum.IsDefined(d)))
            yield return new ValidationResult("Choose days of the week from the list.", [nameof(RepeatDays)]);
        if (RepeatEnds == RepeatEnd.OnDate && RepeatUntil is null)
            yield return new ValidationResult("Choose the last date, or say it ends after a number of dates.", [nameof(RepeatUntil)]);
        if (RepeatEnds == RepeatEnd.OnDate && RepeatUntil is { } until && StartsAt is { } start && until < DateOnly.FromDateTime(start))
            yield return new ValidationResult("The last date is before the first. Choose a later one.", [nameof(RepeatUntil)]);
        if (RepeatEnds == RepeatEnd.AfterCount && RepeatCount is null)
            yield return new ValidationResult("Say how many dates, or choose the last date.", [nameof(RepeatCount)]);
        if (EndsAt is { } end && StartsAt is { } begin && end - begin > TimeSpan.FromDays(1))
            yield return new ValidationResult("A repeating event's date lasts at most a day: make the end the same day (or the next morning).", [nameof(EndsAt)]);
        foreach (var (field, text) in new[] { (nameof(RepeatSkipped), RepeatSkipped), (nameof(RepeatAdded), RepeatAdded) })
        {
            var (_, problem) = Dates(text);
            if (problem is not null) yield return new ValidationResult(problem, [field]);
        }
    }

    /// <summary>Dates typed as 2027-03-16, separated by commas, spaces or lines; the problem names the first that is not one.</summary>
    public static (List<DateOnly> Dates, string? Problem) Dates(string? text)
    {
        var dates = new List<DateOnly>();
        foreach (var word in (text ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!DateOnly.TryParseExact(word, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return ([], $"“{(word.Length > 20 ? word[..20] + "…" : word)}” isn't a date. Write dates like 2027-03-16, separated by commas.");
            dates.Add(date);
        }
        if (dates.Count > MaxDates) return ([], $"List at most {MaxDates} dates.");
        return (dates.Distinct().Order().ToList(), null);
    }

    public void ApplyTo(Event e, City city, DateTime now)
    {
        e.Name = PlainText.Tidy(Name)!;
        e.CityId = city.Id;
        e.TimeZoneId = city.TimeZoneId;
        e.DefaultCountry = city.Country;
        e.StartsAt = EventTime.ToUtc(StartsAt!.Value, city.TimeZoneId);
        e.EndsAt = EndsAt is { } end ? EventTime.ToUtc(end, city.TimeZoneId) : null;
        e.Venue = PlainText.Tidy(Venue);
        e.Address = PlainText.Tidy(Address);
        e.Category = Category;
        e.Summary = PlainText.Tidy(Summary);
        e.Description = PlainText.Tidy(Description);
        e.AttendanceMode = AttendanceMode;
        e.OnlineUrl = AttendanceMode == AttendanceMode.Offline ? null : OnlineUrl?.Trim();
        e.RegistrationUrl = string.IsNullOrWhiteSpace(RegistrationUrl) ? null : RegistrationUrl.Trim();
        e.PriceFrom = PriceFrom;
        e.Currency = PriceFrom is null ? null : Currency;
        e.Capacity = Capacity;
        e.PlacesPerPerson = PlacesPerPerson;
        e.OfferHours = OfferHours;
        e.RepeatRule = Recurrence.Rule(new RepeatChoice(Repeat, RepeatEvery, RepeatDays, RepeatEnds == RepeatEnd.OnDate ? RepeatUntil : null,
            RepeatEnds == RepeatEnd.AfterCount ? RepeatCount : null), StartsAt!.Value, city.TimeZoneId);
        e.RepeatSkipped = e.IsSeries ? Dates(RepeatSkipped).Dates : [];
        e.RepeatAdded = e.IsSeries ? Dates(RepeatAdded).Dates : [];
        e.UpdatedAt = now;
    }

    public static PublicEventInput From(Event e)
    {
        var repeat = Recurrence.Read(e.RepeatRule, e.TimeZoneId);
        var input = Fields(e);
        (input.Repeat, input.RepeatEvery, input.RepeatDays, input.RepeatUntil, input.RepeatCount) =
            (repeat.Frequency, repeat.Every, [.. repeat.Days], repeat.Until, repeat.Count);
        input.RepeatEnds = repeat.Count is not null ? RepeatEnd.AfterCount : repeat.Until is not null ? RepeatEnd.OnDate : RepeatEnd.Never;
        input.RepeatSkipped = string.Join(", ", e.RepeatSkipped.Select(d => d.ToString("yyyy-MM-dd")));
        input.RepeatAdded = string.Join(", ", e.RepeatAdded.Select(d => d.ToString("yyyy-MM-dd")));
        return input;
    }

    private static PublicEventInput Fields(Event e) => new()
    {
        Name = e.Name,
        StartsAt = EventTime.ToLocal(e.StartsAt, e.TimeZoneId),
        EndsAt = e.EndsAt is { } end ? EventTime.ToLocal(end, e.TimeZoneId) : null,
        CityId = e.CityId,
        Venue = e.Venue,
        Address = e.Address,
        Category = e.Category,
        Summary = e.Summary,
        Description = e.Description,
        Capacity = e.Capacity,
        PlacesPerPerson = e.PlacesPerPerson,
        OfferHours = e.OfferHours,
        AttendanceMode = e.AttendanceMode,
        OnlineUrl = e.OnlineUrl,
        RegistrationUrl = e.RegistrationUrl,
        PriceFrom = e.PriceFrom,
        Currency = e.Currency,
    };
}

/// <summary>When a series stops making dates.</summary>
public enum RepeatEnd
{
    /// <summary>Dates are made two years ahead, and more as time passes.</summary>
    Never,
    OnDate,
    AfterCount,
}
