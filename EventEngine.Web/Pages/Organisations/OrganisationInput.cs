using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Domain;

namespace EventEngine.Web.Pages.Organisations;

/// <summary>An organisation's public profile, as the create and settings forms post it.</summary>
public sealed class OrganisationInput : IValidatableObject
{
    [Required(ErrorMessage = "Give the organisation a name.")]
    [StringLength(Organisation.NameMaxLength, ErrorMessage = "Keep the name under {1} characters.")]
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [StringLength(Organisation.SlugMaxLength, ErrorMessage = "Keep the address under {1} characters.")]
    [Display(Name = "Web address")]
    public string? Slug { get; set; }

    [StringLength(Organisation.DescriptionMaxLength, ErrorMessage = "Keep the description under {1} characters.")]
    [Display(Name = "About (optional)")]
    public string? Description { get; set; }

    [StringLength(Organisation.WebsiteMaxLength, ErrorMessage = "Keep the website under {1} characters.")]
    [Url(ErrorMessage = "Enter a web address starting with https://")]
    [Display(Name = "Website (optional)")]
    public string? Website { get; set; }

    [StringLength(254, ErrorMessage = "That email address is too long.")]
    [EmailAddress(ErrorMessage = "Enter an email address like events@example.com.")]
    [Display(Name = "Contact email (optional)")]
    public string? ContactEmail { get; set; }

    [Display(Name = "Home city (optional)")]
    public Guid? HomeCityId { get; set; }

    [Display(Name = "Logo (optional)")]
    public IFormFile? Logo { get; set; }

    [Display(Name = "Remove the logo")]
    public bool RemoveLogo { get; set; }

    /// <summary>The slug typed, or one made from the name.</summary>
    public string SlugOrFromName => string.IsNullOrWhiteSpace(Slug) ? Slugs.From(Name ?? "") : Slug.Trim().ToLowerInvariant();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Name is not null && PlainText.Tidy(Name) is null)
            yield return new ValidationResult("Give the organisation a name.", [nameof(Name)]);
        if (Name is not null && !Slugs.IsValid(SlugOrFromName))
            yield return new ValidationResult("Use 3 or more lower-case letters, digits and hyphens, like city-jazz-club.", [nameof(Slug)]);
        if (Website is not null && !Website.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && !Website.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            yield return new ValidationResult("Enter a web address starting with https://", [nameof(Website)]);
    }

    public static OrganisationInput From(Organisation o) => new()
    {
        Name = o.Name,
        Slug = o.Slug,
        Description = o.Description,
        Website = o.Website,
        ContactEmail = o.ContactEmail,
        HomeCityId = o.HomeCityId,
    };

    public void ApplyTo(Organisation organisation)
    {
        organisation.Name = PlainText.Tidy(Name)!;
        organisation.Slug = SlugOrFromName;
        organisation.Description = PlainText.Tidy(Description);
        organisation.Website = string.IsNullOrWhiteSpace(Website) ? null : Website.Trim();
        organisation.ContactEmail = string.IsNullOrWhiteSpace(ContactEmail) ? null : ContactEmail.Trim();
        organisation.HomeCityId = HomeCityId;
    }
}
