using EventEngine.Web.Domain;

namespace EventEngine.Web.Pages.Events.Manage.Guests.Import;

/// <summary>Turns a file and a column mapping into an <see cref="ImportPlan"/>, with the same rules as the guest forms.</summary>
public sealed class ImportPlanner(Guid eventId, Guid userId, string defaultCountry, DateTime now,
    IReadOnlyList<Guest> existingGuests, IReadOnlyList<Household> existingHouseholds)
{
    public const int PreviewRows = 20;

    public ImportPlan Plan(GuestFile file, ImportField[] mapping, DuplicatePolicy policy)
    {
        var plan = new ImportPlan();
        if (!mapping.Any(f => f is ImportField.FirstName or ImportField.FullName))
            plan.MappingError = "Choose which column holds the guests' names (Full name or First name).";
        else if (!mapping.Any(f => f is ImportField.Phone or ImportField.Email))
            plan.MappingError = "Choose a column with phone numbers or email addresses: every guest needs one.";
        if (plan.MappingError is not null) return plan;

        var byPhone = existingGuests.Where(g => g.Phone is not null).ToDictionary(g => g.Phone!);
        var byEmail = existingGuests.Where(g => g.Email is not null).ToDictionary(g => g.Email!, StringComparer.OrdinalIgnoreCase);
        var households = existingHouseholds.GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var seenPhones = new Dictionary<string, int>();
        var seenEmails = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var updated = new HashSet<Guid>();
        var columns = Enumerable.Range(0, mapping.Length).ToArray();
        var phoneColumns = columns.Where(i => mapping[i] == ImportField.Phone).OrderBy(i => ImportFields.PhonePriority(file.Headers[i])).ToArray();

        for (var r = 0; r < file.Rows.Count; r++)
        {
            var row = file.Rows[r];
            var rowNumber = r + 2;
            string Cell(int i) => i < row.Count ? Csv.Unprotect(row[i].Trim()) : "";
            string? First(ImportField field, IEnumerable<int>? order = null) =>
                (order ?? columns.Where(i => mapping[i] == field)).Select(Cell).Select(FirstOfMany).FirstOrDefault(v => v.Length > 0);
            string ColumnOf(string inputField) => ColumnName(file, mapping, inputField);
            void Reject(string column, string reason) { plan.Problems.Add(new RowProblem(rowNumber, column, reason)); plan.RejectedRows.Add(r); }

            var input = new GuestInput
            {
                FirstName = First(ImportField.FirstName),
                LastName = First(ImportField.LastName),
                Phone = First(ImportField.Phone, phoneColumns),
                Email = First(ImportField.Email),
                Side = First(ImportField.Side),
                DietaryNeeds = First(ImportField.DietaryNeeds),
                TableName = First(ImportField.Table),
                Notes = First(ImportField.Notes),
                PlusOneNames = First(ImportField.PlusOneNames)?.Replace(';', '\n'),
                Tags = string.Join(", ", columns.Where(i => mapping[i] == ImportField.Tags).SelectMany(i => Labels(Cell(i)))),
                NewHousehold = First(ImportField.Household),
            };
            if (input.FirstName is null && First(ImportField.FullName) is { } full)
            {
                var space = full.Trim().LastIndexOf(' ');
                (input.FirstName, input.LastName) = space < 0 || input.LastName is not null ? (full, input.LastName) : (full[..space], full[(space + 1)..]);
            }
            if (First(ImportField.Status) is { } status)
            {
                if (ParseStatus(status) is { } parsed) input.Status = parsed;
                else Reject(ColumnName(file, mapping, ImportField.Status), $"\"{Shorten(status)}\" isn't a status: use Invited, Confirmed or Declined.");
            }
            foreach (var (field, set) in new (ImportField, Action<int>)[] { (ImportField.PlusOnesAllowed, v => input.PlusOnesAllowed = v), (ImportField.PlusOnesComing, v => input.PlusOnesComing = v) })
            {
                if (First(field) is not { } text) continue;
                if (int.TryParse(text, out var number)) set(number);
                else Reject(ColumnName(file, mapping, field), $"\"{Shorten(text)}\" isn't a whole number.");
            }
            if (input.PlusOnesComing > 0 && !mapping.Contains(ImportField.PlusOnesAllowed)) input.PlusOnesAllowed = input.PlusOnesComing;

            foreach (var (field, message) in input.Validate(defaultCountry)) Reject(ColumnOf(field), message);
            if (plan.RejectedRows.Contains(r)) { AddPreview(plan, r, input, "Rejected"); continue; }

            if (input.Phone is { } phone && seenPhones.TryGetValue(phone, out var earlierPhone)) { Reject(ColumnOf("Phone"), $"Same phone number as row {earlierPhone}."); AddPreview(plan, r, input, "Rejected"); continue; }
            if (input.Email is { } email && seenEmails.TryGetValue(email, out var earlierEmail)) { Reject(ColumnOf("Email"), $"Same email address as row {earlierEmail}."); AddPreview(plan, r, input, "Rejected"); continue; }
            if (input.Phone is not null) seenPhones[input.Phone] = rowNumber;
            if (input.Email is not null) seenEmails[input.Email] = rowNumber;

            var phoneMatch = input.Phone is null ? null : byPhone.GetValueOrDefault(input.Phone);
            var emailMatch = input.Email is null ? null : byEmail.GetValueOrDefault(input.Email);
            if (phoneMatch is not null && emailMatch is not null && phoneMatch.Id != emailMatch.Id)
            {
                Reject(ColumnOf("Email"), $"The phone number belongs to {phoneMatch.DisplayName} but the email address to {emailMatch.DisplayName}.");
                AddPreview(plan, r, input, "Rejected");
                continue;
            }
            var existing = phoneMatch ?? emailMatch;
            if (existing is not null && (policy == DuplicatePolicy.Skip || !updated.Add(existing.Id)))
            {
                plan.Skipped++;
                AddPreview(plan, r, input, $"Skipped: already on the list as {existing.DisplayName}");
                continue;
            }

            var household = input.NewHousehold is { } name ? FindOrCreateHousehold(plan, households, name) : null;
            if (existing is not null)
            {
                Merge(existing, input, mapping, household);
                plan.Updates.Add(existing);
                AddPreview(plan, r, input, $"Updates {existing.DisplayName}");
            }
            else
            {
                var guest = new Guest { Id = Guid.NewGuid(), EventId = eventId, AddedById = userId, CreatedAt = now, UpdatedAt = now };
                input.HouseholdId = household?.Id;
                input.ApplyTo(guest);
                plan.New.Add(guest);
                AddPreview(plan, r, input, "New guest");
            }
        }
        return plan;
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

    private static void AddPreview(ImportPlan plan, int row, GuestInput input, string outcome)
    {
        if (plan.Preview.Count < PreviewRows) plan.Preview.Add((row + 2, input, outcome));
    }

    private static string ColumnName(GuestFile file, ImportField[] mapping, ImportField field) =>
        Array.IndexOf(mapping, field) is >= 0 and var i ? file.Headers[i] : field.Label();

    private static string ColumnName(GuestFile file, ImportField[] mapping, string inputField) => inputField switch
    {
        nameof(GuestInput.FirstName) => ColumnName(file, mapping, mapping.Contains(ImportField.FirstName) ? ImportField.FirstName : ImportField.FullName),
        nameof(GuestInput.LastName) => ColumnName(file, mapping, mapping.Contains(ImportField.LastName) ? ImportField.LastName : ImportField.FullName),
        nameof(GuestInput.Phone) => ColumnName(file, mapping, mapping.Contains(ImportField.Phone) ? ImportField.Phone : ImportField.Email),
        nameof(GuestInput.TableName) => ColumnName(file, mapping, ImportField.Table),
        nameof(GuestInput.NewHousehold) or nameof(GuestInput.HouseholdId) => ColumnName(file, mapping, ImportField.Household),
        _ => Enum.TryParse<ImportField>(inputField, out var field) ? ColumnName(file, mapping, field) : inputField,
    };

    /// <summary>Google Contacts puts several values in one cell separated by " ::: "; the first is the primary one.</summary>
    private static string FirstOfMany(string value) => value.Contains(":::") ? value[..value.IndexOf(":::")].Trim() : value;

    /// <summary>Google's labels ("* myContacts ::: Family"): system labels start with *, and are not tags.</summary>
    private static IEnumerable<string> Labels(string value) =>
        value.Split(":::", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('*'));

    private static GuestStatus? ParseStatus(string value) => value.Trim().ToLowerInvariant() switch
    {
        "invited" or "waiting" or "pending" or "no answer" or "not answered" or "maybe" or "?" => GuestStatus.Invited,
        "confirmed" or "yes" or "y" or "attending" or "accepted" or "going" or "coming" => GuestStatus.Confirmed,
        "declined" or "no" or "n" or "not attending" or "not coming" or "regrets" => GuestStatus.Declined,
        _ => null,
    };

    private static string Shorten(string value) => value.Length <= 30 ? value : value[..30] + "…";
}
