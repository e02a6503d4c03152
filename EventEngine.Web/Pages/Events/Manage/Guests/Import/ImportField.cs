namespace EventEngine.Web.Pages.Events.Manage.Guests.Import;

/// <summary>What a column of an imported file holds.</summary>
public enum ImportField
{
    Ignore,
    FullName,
    FirstName,
    LastName,
    /// <summary>The name of a contact that has no person's name (a caterer, a venue).</summary>
    Company,
    Phone,
    Email,
    Household,
    Side,
    Status,
    PlusOnesAllowed,
    PlusOnesComing,
    PlusOneNames,
    DietaryNeeds,
    Table,
    Tags,
    Notes,
}

public static class ImportFields
{
    public static string Label(this ImportField field) => field switch
    {
        ImportField.Ignore => "Don't import",
        ImportField.FullName => "Full name",
        ImportField.FirstName => "First name",
        ImportField.LastName => "Last name",
        ImportField.Company => "Company (when there is no name)",
        ImportField.PlusOnesAllowed => "Plus-ones allowed",
        ImportField.PlusOnesComing => "Plus-ones coming",
        ImportField.PlusOneNames => "Plus-one names",
        ImportField.DietaryNeeds => "Dietary needs",
        _ => field.ToString(),
    };

    /// <summary>Phones and emails may come from several columns (Google: Phone 1, Phone 2…; Outlook: Mobile, Home…); see <see cref="ContactColumns"/>.</summary>
    public static bool AllowsSeveralColumns(this ImportField field) => field is ImportField.Phone or ImportField.Email or ImportField.Tags;

    /// <summary>
    /// A first guess at each column from its header, covering our own export and Google Contacts and Outlook CSV
    /// exports. Each field goes to one column, except phones, emails and tags.
    /// </summary>
    public static ImportField[] Detect(IReadOnlyList<string> headers)
    {
        var fields = headers.Select(Guess).ToArray();
        var taken = new HashSet<ImportField>();
        for (var i = 0; i < fields.Length; i++)
            if (fields[i] != ImportField.Ignore && !fields[i].AllowsSeveralColumns() && !taken.Add(fields[i])) fields[i] = ImportField.Ignore;
        if (fields.Contains(ImportField.FirstName) && fields.Contains(ImportField.FullName))
            for (var i = 0; i < fields.Length; i++) if (fields[i] == ImportField.FullName) fields[i] = ImportField.Ignore;
        return fields;
    }

    private static ImportField Guess(string header)
    {
        var h = new string(header.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        return h switch
        {
            "name" or "fullname" or "displayname" or "guest" or "guestname" or "contactname" => ImportField.FullName,
            "firstname" or "givenname" or "first" or "forename" => ImportField.FirstName,
            "lastname" or "familyname" or "surname" or "last" => ImportField.LastName,
            "company" or "companyname" or "organization" or "organisation" or "organizationname" or "organization1name" => ImportField.Company,
            "household" or "householdname" or "party" or "family" => ImportField.Household,
            "side" => ImportField.Side,
            "status" or "rsvp" or "rsvpstatus" or "attending" => ImportField.Status,
            "plusonesallowed" or "plusones" or "guestsallowed" or "plusone" => ImportField.PlusOnesAllowed,
            "plusonescoming" => ImportField.PlusOnesComing,
            "plusonenames" or "plusonesnames" => ImportField.PlusOneNames,
            "dietaryneeds" or "dietary" or "diet" or "dietaryrequirements" or "allergies" => ImportField.DietaryNeeds,
            "table" or "tablename" or "tablenumber" => ImportField.Table,
            "tags" or "labels" or "categories" or "groupmembership" or "groups" => ImportField.Tags,
            "notes" or "note" or "comments" => ImportField.Notes,
            _ when h.Contains("email") => h.EndsWith("type") || h.EndsWith("label") || h.Contains("display") ? ImportField.Ignore : ImportField.Email,
            _ when h.StartsWith("phonetic") => ImportField.Ignore,
            _ when h.Contains("phone") || h.Contains("mobile") || h is "tel" or "cell" or "whatsapp" =>
                h.EndsWith("type") || h.EndsWith("label") || h.Contains("fax") ? ImportField.Ignore : ImportField.Phone,
            _ => ImportField.Ignore,
        };
    }

}
