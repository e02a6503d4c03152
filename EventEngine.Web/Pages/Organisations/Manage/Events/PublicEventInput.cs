using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Domain;

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
        e.UpdatedAt = now;
    }

    public static PublicEventInput From(Event e) => new()
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
