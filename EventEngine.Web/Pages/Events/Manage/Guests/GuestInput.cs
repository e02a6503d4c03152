using System.Net.Mail;
using EventEngine.Web.Domain;
using EventEngine.Web.Phones;

namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>
/// One guest as typed into a form or read from an imported row. <see cref="Validate"/> is the one set of rules for
/// both: it tidies what was typed (trims, phone to E.164) and returns a message for each field that is wrong.
/// </summary>
public sealed class GuestInput
{
    public const int MaxPlusOnes = 20;
    public const int MaxTags = 20;

    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Side { get; set; }
    public GuestStatus Status { get; set; } = GuestStatus.Invited;
    public int PlusOnesAllowed { get; set; }
    public int PlusOnesComing { get; set; }
    /// <summary>One name per line.</summary>
    public string? PlusOneNames { get; set; }

    /// <summary>The language of this guest's RSVP page and messages; empty follows the event.</summary>
    public Language? Language { get; set; }
    public string? DietaryNeeds { get; set; }
    public bool IsChild { get; set; }
    public string? TableName { get; set; }
    /// <summary>Comma-separated.</summary>
    public string? Tags { get; set; }
    public string? Notes { get; set; }
    /// <summary>The household as saved; the forms send <see cref="Household"/>, which wins when both are given.</summary>
    public Guid? HouseholdId { get; set; }
    /// <summary>The household by name, as typed in the forms: the event's household of that name, or a new one; empty for none.</summary>
    public string? Household { get; set; }

    public static GuestInput From(Guest g) => new()
    {
        FirstName = g.FirstName,
        LastName = g.LastName,
        Phone = g.Phone,
        Email = g.Email,
        Side = g.Side,
        Status = g.Status,
        PlusOnesAllowed = g.PlusOnesAllowed,
        PlusOnesComing = g.PlusOnesComing,
        PlusOneNames = string.Join("\n", g.PlusOneNames),
        Language = g.Language,
        DietaryNeeds = g.DietaryNeeds,
        IsChild = g.IsChild,
        TableName = g.TableName,
        Tags = string.Join(", ", g.Tags),
        Notes = g.Notes,
        HouseholdId = g.HouseholdId,
        Household = g.Household?.Name,
    };

    public GuestInput Copy() => (GuestInput)MemberwiseClone();

    public List<string> PlusOneNameList() => SplitList(PlusOneNames, '\n');
    public List<string> TagList() => SplitList(Tags, ',', ';');

    /// <summary>Tidies the input in place and returns (property name, message) for every problem.</summary>
    public List<(string Field, string Message)> Validate(string defaultCountry) =>
        [.. ValidateName(), .. ValidateContact(defaultCountry), .. ValidateDetails()];

    public List<(string Field, string Message)> ValidateName()
    {
        var errors = new List<(string, string)>();
        FirstName = Text(FirstName, Guest.NameMaxLength, nameof(FirstName), "The name", errors);
        LastName = Text(LastName, Guest.NameMaxLength, nameof(LastName), "The last name", errors);
        if (FirstName is null && !errors.Any(e => e.Item1 == nameof(FirstName)))
            errors.Add((nameof(FirstName), "Enter the guest's name."));
        return errors;
    }

    /// <summary>
    /// The phone (to E.164) and the email. Whether the guest needs one depends on their household (see
    /// GuestQueries.ReachProblemAsync), so a guest with neither is not an error here.
    /// </summary>
    public List<(string Field, string Message)> ValidateContact(string defaultCountry)
    {
        var errors = new List<(string, string)>();
        Phone = PlainText.Tidy(Phone);
        if (Phone is not null)
        {
            var phone = Telephone.Normalise(Phone, defaultCountry);
            if (phone.IsValid) Phone = phone.E164;
            else errors.Add((nameof(Phone), phone.Error!));
        }
        Email = PlainText.Tidy(Email);
        if (EmailProblem(Email) is { } problem) errors.Add((nameof(Email), problem));
        return errors;
    }

    public bool HasContact => Phone is not null || Email is not null;

    public const string NoContact = "Add a phone number or an email address, so the invitation can reach this guest.";

    /// <summary>For a guest with no contact details whose household has none either.</summary>
    public static string NoContactInHousehold(string household) =>
        $"Add a phone number or an email address: no one else in {household} has one, so the household's invitation could not reach them.";

    /// <summary>Why a typed email address can't be used, or null when it can (or is empty).</summary>
    public static string? EmailProblem(string? email) => email is null || IsEmail(email) ? null
        : email.Length > Guest.EmailMaxLength ? "That email address is too long." : "Enter an email address like name@example.com.";

    /// <summary>Everything but the name and the contact details.</summary>
    public List<(string Field, string Message)> ValidateDetails()
    {
        var errors = new List<(string, string)>();
        Side = Text(Side, Guest.SideMaxLength, nameof(Side), "The side", errors);
        TableName = Text(TableName, Guest.SideMaxLength, nameof(TableName), "The table", errors);
        DietaryNeeds = Text(DietaryNeeds, Guest.TextMaxLength, nameof(DietaryNeeds), "Dietary needs", errors);
        Notes = Text(Notes, Guest.NotesMaxLength, nameof(Notes), "Notes", errors, multiline: true);
        if (!Enum.IsDefined(Status)) errors.Add((nameof(Status), "Choose Invited, Confirmed or Declined."));

        if (PlusOnesAllowed is < 0 or > MaxPlusOnes)
            errors.Add((nameof(PlusOnesAllowed), $"Allow between 0 and {MaxPlusOnes} plus-ones."));
        else if (PlusOnesComing < 0 || PlusOnesComing > PlusOnesAllowed)
            errors.Add((nameof(PlusOnesComing), PlusOnesAllowed == 0
                ? "This guest has no plus-ones allowed. Allow some first."
                : $"Between 0 and {PlusOnesAllowed} (the plus-ones allowed)."));
        var names = PlusOneNameList();
        if (names.Any(n => n.Length > Guest.NameMaxLength || HasControlCharacters(n)))
            errors.Add((nameof(PlusOneNames), $"Each name must be plain text under {Guest.NameMaxLength} characters."));
        else if (names.Count > Math.Max(PlusOnesComing, 0))
            errors.Add((nameof(PlusOneNames), PlusOnesComing <= 0
                ? "Set how many plus-ones are coming before naming them."
                : $"Name at most {PlusOnesComing} plus-one{(PlusOnesComing == 1 ? "" : "s")} (the number coming)."));
        PlusOneNames = names.Count == 0 ? null : string.Join("\n", names);

        var tags = TagList();
        if (tags.Count > MaxTags) errors.Add((nameof(Tags), $"Use at most {MaxTags} tags."));
        else if (tags.Any(t => t.Length > Guest.SideMaxLength || HasControlCharacters(t)))
            errors.Add((nameof(Tags), $"Each tag must be plain text under {Guest.SideMaxLength} characters."));
        Tags = tags.Count == 0 ? null : string.Join(", ", tags);
        Household = Text(Household, Domain.Household.NameMaxLength, nameof(Household), "The household name", errors);
        return errors;
    }

    /// <summary>Copies validated input onto a guest.</summary>
    public void ApplyTo(Guest g)
    {
        g.FirstName = FirstName!;
        g.LastName = LastName;
        g.Phone = Phone;
        g.Email = Email;
        g.Side = Side;
        g.Status = Status;
        g.PlusOnesAllowed = PlusOnesAllowed;
        g.PlusOnesComing = PlusOnesComing;
        g.PlusOneNames = PlusOneNameList();
        // Dietary needs given on the RSVP page belong to the names at the same position; none outlive their name.
        g.PlusOneDietaryNeeds = g.PlusOneDietaryNeeds.Take(g.PlusOneNames.Count).ToList();
        g.Language = Language;
        g.DietaryNeeds = DietaryNeeds;
        g.IsChild = IsChild;
        g.TableName = TableName;
        g.Tags = TagList();
        g.Notes = Notes;
        g.HouseholdId = HouseholdId;
    }

    public static bool HasControlCharacters(string value) => value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));

    private static string? Text(string? value, int max, string field, string label, List<(string, string)> errors, bool multiline = false)
    {
        var text = PlainText.Tidy(value);
        if (text is null) return null;
        // One-line fields: newlines and tabs pasted from a spreadsheet become single spaces.
        if (!multiline) text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (HasControlCharacters(text)) errors.Add((field, $"{label} contains characters that can't be shown. Retype it as plain text."));
        else if (text.Length > max) errors.Add((field, $"{label} is too long: keep it under {max} characters."));
        return text;
    }

    private static bool IsEmail(string value) =>
        value.Length <= Guest.EmailMaxLength && !value.Any(char.IsWhiteSpace) && value.IndexOf('@') is > 0 and var at
        && at < value.Length - 1 && value[(at + 1)..].Contains('.') && MailAddress.TryCreate(value, out var parsed) && parsed.Address == value;

    private static List<string> SplitList(string? value, params char[] separators) =>
        (value ?? "").Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => string.Join(' ', v.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
