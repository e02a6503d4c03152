using EventEngine.Web.Domain;

namespace EventEngine.Web.Pages.Events.Manage.Guests.Import;

/// <summary>What the cells of address-book exports hold, read the way people meant them.</summary>
public static class ImportCells
{
    /// <summary>Google Contacts puts several values in one cell separated by " ::: "; the first is the primary one.</summary>
    public static string FirstOfMany(string value) => value.Contains(":::") ? value[..value.IndexOf(":::")].Trim() : value;

    /// <summary>Google's labels ("* myContacts ::: Family"): system labels start with *, and are not tags.</summary>
    public static IEnumerable<string> Labels(string value) =>
        value.Split(":::", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('*'));

    public static GuestStatus? Status(string value) => value.Trim().ToLowerInvariant() switch
    {
        "invited" or "waiting" or "pending" or "no answer" or "not answered" or "maybe" or "?" => GuestStatus.Invited,
        "confirmed" or "yes" or "y" or "attending" or "accepted" or "going" or "coming" => GuestStatus.Confirmed,
        "declined" or "no" or "n" or "not attending" or "not coming" or "regrets" => GuestStatus.Declined,
        _ => null,
    };

    public static string Shorten(string value) => value.Length <= 30 ? value : value[..30] + "…";
}
