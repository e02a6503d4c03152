namespace EventEngine.Web.Pages.Events.Manage.Guests;

/// <summary>One dietary need, as guests wrote it, with everyone (guests and named plus-ones) who has it.</summary>
public sealed record DietaryNeed(string Need, IReadOnlyList<string> People);

/// <summary>
/// Reads dietary needs as guests type them. A field holding several needs ("vegetarian, no nuts") counts each; the
/// same need in any letter case counts once. The dashboard and the caterer sheet count the same way.
/// </summary>
public static class DietaryNeeds
{
    /// <summary>A guest and their named plus-ones, each with what they wrote: "Tom" and "Ana Amir (with Tom)".</summary>
    public static IEnumerable<(string Person, string? Needs)> People(string guestName, string? needs, IReadOnlyList<string> plusOneNames, IReadOnlyList<string> plusOneNeeds) =>
        plusOneNames.Zip(plusOneNeeds, (plusOne, text) => ($"{plusOne} (with {guestName})", (string?)text)).Prepend((guestName, needs));

    /// <summary>Each need with its people, the most common first.</summary>
    public static List<DietaryNeed> Summarise(IEnumerable<(string Person, string? Needs)> people)
    {
        var needs = new Dictionary<string, (string Need, List<string> People)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (person, text) in people)
            foreach (var need in Split(text))
            {
                if (!needs.TryGetValue(need, out var entry)) needs[need] = entry = (char.ToUpperInvariant(need[0]) + need[1..], []);
                if (!entry.People.Contains(person)) entry.People.Add(person);
            }
        return [.. needs.Values.OrderByDescending(n => n.People.Count).ThenBy(n => n.Need, StringComparer.CurrentCultureIgnoreCase).Select(n => new DietaryNeed(n.Need, n.People))];
    }

    private static IEnumerable<string> Split(string? text) =>
        (text ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.TrimEnd('.')).Where(n => n.Length > 0);
}
