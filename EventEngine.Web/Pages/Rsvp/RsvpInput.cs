using System.Security.Cryptography;
using System.Text;
using EventEngine.Web.Domain;

namespace EventEngine.Web.Pages.Rsvp;

/// <summary>The RSVP form: one answer per household member, and a message to the hosts.</summary>
public sealed class RsvpInput
{
    public List<MemberAnswer> Members { get; set; } = [];
    public string? Message { get; set; }

    /// <summary>The message the form showed, so a phone that left it alone does not overwrite another's.</summary>
    public string? ShownMessage { get; set; }

    public static RsvpInput From(IReadOnlyList<Guest> members) => new()
    {
        Members = members.Select(MemberAnswer.From).ToList(),
        Message = members.Select(m => m.RsvpMessage).FirstOrDefault(m => m is not null),
        ShownMessage = members.Select(m => m.RsvpMessage).FirstOrDefault(m => m is not null),
    };
}

/// <summary>
/// One member's answer as posted. Shown is a fingerprint of the answer the form was showing; a member whose answer
/// still matches it was not touched on this phone and is left as it is in the database, so two phones answering for
/// different members of one household never undo each other (the same member: the last one sent wins).
/// </summary>
public sealed class MemberAnswer
{
    public const string Yes = "yes";
    public const string No = "no";

    public Guid Id { get; set; }
    public string? Answer { get; set; }
    public string? DietaryNeeds { get; set; }
    public List<string?> PlusOneNames { get; set; } = [];
    public List<string?> PlusOneDietaryNeeds { get; set; } = [];
    public string? Shown { get; set; }

    public static MemberAnswer From(Guest guest)
    {
        var answer = new MemberAnswer
        {
            Id = guest.Id,
            Answer = guest.Status switch { GuestStatus.Confirmed => Yes, GuestStatus.Declined => No, _ => null },
            DietaryNeeds = guest.DietaryNeeds,
            PlusOneNames = [.. guest.PlusOneNames],
            PlusOneDietaryNeeds = guest.PlusOneNames.Select((_, i) => i < guest.PlusOneDietaryNeeds.Count ? guest.PlusOneDietaryNeeds[i] : null).ToList(),
        };
        answer.Shown = answer.Clean().Fingerprint;
        return answer;
    }

    /// <summary>The answer with text tidied: trimmed, control characters dropped, empty plus-one rows removed.</summary>
    public CleanAnswer Clean()
    {
        var status = Answer switch { Yes => GuestStatus.Confirmed, No => GuestStatus.Declined, _ => GuestStatus.Invited };
        var count = Math.Max(PlusOneNames.Count, PlusOneDietaryNeeds.Count);
        var plusOnes = Enumerable.Range(0, Math.Min(count, MaxRows))
            .Select(i => (Index: i, Name: Text(i < PlusOneNames.Count ? PlusOneNames[i] : null), Dietary: Text(i < PlusOneDietaryNeeds.Count ? PlusOneDietaryNeeds[i] : null)))
            .Where(p => p.Name is not null || p.Dietary is not null)
            .ToList();
        if (status == GuestStatus.Declined) plusOnes = [];
        return new CleanAnswer(Id, status, Text(DietaryNeeds), plusOnes, count > MaxRows);
    }

    /// <summary>More plus-one rows than anyone may bring is a forged form; the rest are ignored after an error.</summary>
    private const int MaxRows = 50;

    public static string? Text(string? value, bool multiline = false)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var kept = new StringBuilder(value.Length);
        foreach (var c in value.ReplaceLineEndings("\n"))
            if (PlainText.IsBidiControl(c)) continue;
            else if (!char.IsControl(c) || (multiline && c == '\n')) kept.Append(c);
            else if (c is '\t' or '\n') kept.Append(' ');
        var text = kept.ToString().Trim();
        return text.Length == 0 ? null : text;
    }
}

public sealed record CleanAnswer(Guid Id, GuestStatus Status, string? DietaryNeeds, List<(int Index, string? Name, string? Dietary)> PlusOnes, bool TooManyRows)
{
    public string Fingerprint
    {
        get
        {
            var text = string.Join('\u001f', new[] { Status.ToString(), DietaryNeeds ?? "" }.Concat(PlusOnes.SelectMany(p => new[] { p.Name ?? "", p.Dietary ?? "" })));
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        }
    }
}
