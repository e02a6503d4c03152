namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>
/// The add and full-edit forms: the input, which guest it saves, and the suggestions it offers. PhoneExample is a valid
/// mobile number of the event's country, as it is dialled there.
/// </summary>
public sealed record GuestFormView(
    Guid EventId,
    Guid? GuestId,
    GuestInput Input,
    List<string> Sides,
    GuestQueries.Duplicate? Duplicate,
    string? PhoneExample)
{
    public bool IsNew => GuestId is null;
    public string PhonePlaceholder => PhoneExample is null ? "With the country code, e.g. +44 7400 123456" : $"e.g. {PhoneExample}";
}
