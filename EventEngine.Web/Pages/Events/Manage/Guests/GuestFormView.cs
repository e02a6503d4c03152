namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>The add and full-edit forms: the input, where it posts, and the suggestions it offers.</summary>
public sealed record GuestFormView(
    Guid EventId,
    Guid? GuestId,
    GuestInput Input,
    List<string> Sides,
    List<GuestStore.HouseholdOption> Households,
    GuestStore.Duplicate? Duplicate)
{
    public bool IsNew => GuestId is null;
    public string Action => IsNew ? $"/events/{EventId}/guests/add" : $"/events/{EventId}/guests/edit/{GuestId}";
    public string? DuplicateUrl => Duplicate is null ? null : $"/events/{EventId}/guests/edit/{Duplicate.GuestId}";
}
