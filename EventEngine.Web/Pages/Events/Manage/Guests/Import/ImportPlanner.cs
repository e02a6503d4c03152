using EventEngine.Web.Domain;

namespace EventEngine.Web.Pages.Events.Manage.Guests.Import;

/// <summary>
/// Turns the rows of a file (<see cref="ImportRows"/>) into an <see cref="ImportPlan"/> against the guests the event
/// has now: repeats within the file, guests already on the list, households. This part is cheap and runs again at
/// import time, so a guest added after the preview is skipped rather than duplicated.
/// </summary>
public sealed class ImportPlanner(Guid eventId, Guid userId, DateTime now, IReadOnlyList<Guest> existingGuests, IReadOnlyList<Household> existingHouseholds)
{
    public const int PreviewRows = 20;

    private readonly Dictionary<Guid, string> householdNames = existingHouseholds.ToDictionary(h => h.Id, h => h.Name);

    public ImportPlan Plan(IReadOnlyList<ImportRow> rows, ImportField[] mapping, DuplicatePolicy policy)
    {
        var plan = new ImportPlan();
        var byPhone = existingGuests.Where(g => g.Phone is not null).ToDictionary(g => g.Phone!);
        var byEmail = existingGuests.Where(g => g.Email is not null).ToDictionary(g => g.Email!, StringComparer.OrdinalIgnoreCase);
        var households = existingHouseholds.GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var seenPhones = new Dictionary<string, int>();
        var seenEmails = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var updated = new HashSet<Guid>();
        var reachableHouseholds = ReachableHouseholds(rows);
        // Members without a phone or email (children) are recognised by their name within their household, so
        // importing the same file twice does not add them twice.
        var byHouseholdAndName = existingGuests.Where(g => g.HouseholdId is { } id && householdNames.ContainsKey(id))
            .GroupBy(g => MemberKey(householdNames[g.HouseholdId!.Value], g.DisplayName), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        foreach (var row in rows)
        {
            var number = row.Source.Number;
            if (row.Rejected)
            {
                Reject(plan, row, row.Input, row.Rejections);
                continue;
            }
            var input = row.Input;
            var flags = row.Flags;
            if (!input.HasContact && !reachableHouseholds.Contains(input.Household!))
            {
                Reject(plan, row, input, [new RowProblem(number, row.ContactColumn, GuestInput.NoContactInHousehold(input.Household!))]);
                continue;
            }
            // A phone or email repeated from an earlier row is left out when the other one still reaches the guest.
            var phoneRepeat = input.Phone is { } p && seenPhones.TryGetValue(p, out var earlierPhone) ? new RowProblem(number, row.PhoneColumn!, $"Same phone number as row {earlierPhone}.") : null;
            var emailRepeat = input.Email is { } m && seenEmails.TryGetValue(m, out var earlierEmail) ? new RowProblem(number, row.EmailColumn!, $"Same email address as row {earlierEmail}.") : null;
            if (phoneRepeat is not null || emailRepeat is not null)
            {
                var repeats = new[] { phoneRepeat, emailRepeat }.OfType<RowProblem>().ToList();
                var keepsPhone = input.Phone is not null && phoneRepeat is null;
                var keepsEmail = input.Email is not null && emailRepeat is null;
                if (!keepsPhone && !keepsEmail)
                {
                    Reject(plan, row, input, repeats);
                    continue;
                }
                input = input.Copy();
                if (!keepsPhone) input.Phone = null;
                if (!keepsEmail) input.Email = null;
                flags = [.. flags, .. repeats.Select(r => r with { Reason = $"{r.Reason} The guest is added without it." })];
            }
            if (input.Phone is not null) seenPhones[input.Phone] = number;
            if (input.Email is not null) seenEmails[input.Email] = number;

            var phoneMatch = input.Phone is null ? null : byPhone.GetValueOrDefault(input.Phone);
            var emailMatch = input.Email is null ? null : byEmail.GetValueOrDefault(input.Email);
            if (phoneMatch is not null && emailMatch is not null && phoneMatch.Id != emailMatch.Id)
            {
                Reject(plan, row, input, [new RowProblem(number, row.EmailColumn!, $"The phone number belongs to {phoneMatch.DisplayName} but the email address to {emailMatch.DisplayName}.")]);
                continue;
            }
            var existing = phoneMatch ?? emailMatch
                ?? (input.HasContact ? null : byHouseholdAndName.GetValueOrDefault(MemberKey(input.Household!, Guest.NameOf(input.FirstName!, input.LastName))));
            if (existing is not null && (policy == DuplicatePolicy.Skip || !updated.Add(existing.Id)))
            {
                plan.Skipped++;
                AddPreview(plan, row.Source, input, $"Skipped: already on the list as {existing.DisplayName}");
                continue;
            }

            var household = input.Household is { } name ? FindOrCreateHousehold(plan, households, name) : null;
            plan.Flags.AddRange(flags.Select(f => f with { Guest = Guest.NameOf(input.FirstName!, input.LastName) }));
            if (existing is not null)
            {
                Merge(existing, input, mapping, household);
                plan.Updates.Add(existing);
                AddPreview(plan, row.Source, input, $"Updates {existing.DisplayName}");
            }
            else
            {
                var guest = new Guest { Id = Guid.NewGuid(), EventId = eventId, AddedById = userId, CreatedAt = now, UpdatedAt = now };
                input.ApplyTo(guest);
                guest.HouseholdId = household?.Id;
                plan.New.Add(guest);
                AddPreview(plan, row.Source, input, flags.Count > 0 ? "New guest, with something left out" : "New guest");
            }
        }
        return plan;
    }

    /// <summary>
    /// The households (by name) whose invitation reaches someone: a row of the file or a guest already in it has a phone
    /// or an email. A member without either is imported only into one of these.
    /// </summary>
    private HashSet<string> ReachableHouseholds(IReadOnlyList<ImportRow> rows)
    {
        return rows.Where(r => !r.Rejected && r.Input.HasContact && r.Input.Household is not null).Select(r => r.Input.Household!)
            .Concat(existingGuests.Where(g => (g.Phone is not null || g.Email is not null) && g.HouseholdId is { } id && householdNames.ContainsKey(id)).Select(g => householdNames[g.HouseholdId!.Value]))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private static string MemberKey(string household, string name) => household + "\n" + name;

    private static void Reject(ImportPlan plan, ImportRow row, GuestInput input, IEnumerable<RowProblem> problems)
    {
        plan.Problems.AddRange(problems);
        plan.RejectedRows.Add(row.Source);
        AddPreview(plan, row.Source, input, "Rejected");
    }

    /// <summary>An update changes only what the file has a column for, and leaves the rest of the guest as it was.</summary>
    private void Merge(Guest existing, GuestInput input, ImportField[] mapping, Household? household)
    {
        var merged = GuestInput.From(existing);
        if (mapping.Contains(ImportField.FirstName) || mapping.Contains(ImportField.FullName)) (merged.FirstName, merged.LastName) = (input.FirstName, input.LastName ?? merged.LastName);
        if (mapping.Contains(ImportField.LastName)) merged.LastName = input.LastName;
        merged.Phone = input.Phone ?? merged.Phone;
        merged.Email = input.Email ?? merged.Email;
        if (mapping.Contains(ImportField.Side)) merged.Side = input.Side;
        if (mapping.Contains(ImportField.Status)) merged.Status = input.Status;
        if (mapping.Contains(ImportField.PlusOnesAllowed)) merged.PlusOnesAllowed = input.PlusOnesAllowed;
        if (mapping.Contains(ImportField.PlusOnesComing)) merged.PlusOnesComing = input.PlusOnesComing;
        if (mapping.Contains(ImportField.PlusOneNames)) merged.PlusOneNames = input.PlusOneNames;
        if (mapping.Contains(ImportField.DietaryNeeds)) merged.DietaryNeeds = input.DietaryNeeds;
        if (mapping.Contains(ImportField.Table)) merged.TableName = input.TableName;
        if (mapping.Contains(ImportField.Tags)) merged.Tags = input.Tags;
        if (mapping.Contains(ImportField.Notes)) merged.Notes = input.Notes;
        if (household is not null) merged.HouseholdId = household.Id;
        // Plus-ones coming can't exceed those allowed; an update that lowers one lowers the other.
        merged.PlusOnesComing = Math.Min(merged.PlusOnesComing, Math.Max(merged.PlusOnesAllowed, 0));
        merged.PlusOneNames = string.Join("\n", merged.PlusOneNameList().Take(merged.PlusOnesComing));
        merged.ApplyTo(existing);
        existing.UpdatedAt = now;
    }

    private Household FindOrCreateHousehold(ImportPlan plan, Dictionary<string, Household> households, string name)
    {
        if (households.TryGetValue(name, out var household)) return household;
        household = new Household { Id = Guid.NewGuid(), EventId = eventId, Name = name, CreatedAt = now };
        households[name] = household;
        plan.NewHouseholds.Add(household);
        return household;
    }

    private static void AddPreview(ImportPlan plan, FileRow row, GuestInput input, string outcome)
    {
        if (plan.Preview.Count < PreviewRows) plan.Preview.Add((row, input, outcome));
    }
}
