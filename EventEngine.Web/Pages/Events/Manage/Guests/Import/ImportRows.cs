using EventEngine.Web.Domain;
using EventEngine.Web.Phones;

namespace EventEngine.Web.Pages.Events.Manage.Guests.Import;

/// <summary>
/// A file row read as a guest: the input (tidied and checked by the same rules as the guest forms), the problems
/// that reject the row, and the flags of a row that is imported with a value left out.
/// </summary>
public sealed record ImportRow(FileRow Source, GuestInput Input, List<RowProblem> Rejections, List<RowProblem> Flags)
{
    /// <summary>The headers of the columns the phone and email came from, for problems found later.</summary>
    public string? PhoneColumn { get; init; }
    public string? EmailColumn { get; init; }
    /// <summary>Where a missing phone or email is reported: the phone column, else the email column.</summary>
    public string ContactColumn { get; init; } = "";

    public bool Rejected => Rejections.Count > 0;
}

/// <summary>
/// Reads every row of a file with a column mapping: the part of planning an import that depends only on the file,
/// so it is done once per upload and mapping (see <see cref="ImportCache"/>). One doubtful value does not lose a
/// person: a guest whose phone is wrong but whose email is good is imported with the email, and the row flagged; a
/// too-long note is left out, and flagged. Only a row with no name, or with no way to reach the guest, is rejected; a
/// household member with no phone or email is kept here, and the planner checks that their household has one.
/// </summary>
public static class ImportRows
{
    public static (string? MappingError, List<ImportRow> Rows) Read(GuestFile file, ImportField[] mapping, string defaultCountry)
    {
        if (!mapping.Any(f => f is ImportField.FirstName or ImportField.FullName or ImportField.Company))
            return ("Choose which column holds the guests' names (Full name or First name).", []);
        if (!mapping.Any(f => f is ImportField.Phone or ImportField.Email))
            return ("Choose a column with phone numbers or email addresses: every guest needs one.", []);
        var reader = new RowReader(file, mapping, defaultCountry);
        // Rows are independent and checking phone numbers is most of the work, so every core takes a share.
        return (null, [.. file.Rows.AsParallel().AsOrdered().Select(reader.Read)]);
    }

    private sealed class RowReader(GuestFile file, ImportField[] mapping, string country)
    {
        private readonly ContactColumns contacts = new(file.Headers, mapping);
        private readonly int[] columns = [.. Enumerable.Range(0, mapping.Length)];

        public ImportRow Read(FileRow row)
        {
            var rejections = new List<RowProblem>();
            var flags = new List<RowProblem>();
            string? First(ImportField field) => columns.Where(i => mapping[i] == field)
                .Select(i => ImportCells.FirstOfMany(GuestCsv.Unprotect(row.Cell(i).Trim()))).FirstOrDefault(v => v.Length > 0);
            void Flag(ImportField field, string reason) => flags.Add(new RowProblem(row.Number, Column(field), reason));

            var input = new GuestInput
            {
                FirstName = First(ImportField.FirstName),
                LastName = First(ImportField.LastName),
                Side = First(ImportField.Side),
                DietaryNeeds = First(ImportField.DietaryNeeds),
                TableName = First(ImportField.Table),
                Notes = First(ImportField.Notes),
                PlusOneNames = First(ImportField.PlusOneNames)?.Replace(';', '\n'),
                Tags = string.Join(", ", columns.Where(i => mapping[i] == ImportField.Tags).SelectMany(i => ImportCells.Labels(GuestCsv.Unprotect(row.Cell(i))))),
                Household = First(ImportField.Household),
            };
            if (input.FirstName is null && First(ImportField.FullName) is { } full)
            {
                var space = full.Trim().LastIndexOf(' ');
                (input.FirstName, input.LastName) = space < 0 || input.LastName is not null ? (full, input.LastName) : (full[..space], full[(space + 1)..]);
            }
            if (input.FirstName is null && input.LastName is null) input.FirstName = First(ImportField.Company);
            if (First(ImportField.Status) is { } status)
            {
                if (ImportCells.Status(status) is { } parsed) input.Status = parsed;
                else Flag(ImportField.Status, $"\"{ImportCells.Shorten(status)}\" isn't a status (Invited, Confirmed or Declined), so the guest is Invited.");
            }
            foreach (var (field, set) in new (ImportField, Action<int>)[] { (ImportField.PlusOnesAllowed, v => input.PlusOnesAllowed = v), (ImportField.PlusOnesComing, v => input.PlusOnesComing = v) })
            {
                if (First(field) is not { } text) continue;
                if (int.TryParse(text, out var number)) set(number);
                else Flag(field, $"\"{ImportCells.Shorten(text)}\" isn't a whole number, so it is left out.");
            }
            if (input.PlusOnesComing > 0 && !mapping.Contains(ImportField.PlusOnesAllowed)) input.PlusOnesAllowed = input.PlusOnesComing;

            foreach (var (field, message) in input.ValidateName())
            {
                if (field == nameof(GuestInput.FirstName)) rejections.Add(new RowProblem(row.Number, NameColumn(field), message));
                else { flags.Add(new RowProblem(row.Number, NameColumn(field), $"{message} It is left out.")); input.LastName = null; }
            }
            var (phoneColumn, emailColumn) = ReadContact(row, input, rejections, flags);
            KeepWhatIsValid(row, input, flags);
            return new ImportRow(row, input, rejections, flags) { PhoneColumn = phoneColumn, EmailColumn = emailColumn, ContactColumn = ContactColumn() };
        }

        /// <summary>The first phone and the first email that are valid; what was wrong with the others is flagged, or rejects the row if nothing is left.</summary>
        private (string? PhoneColumn, string? EmailColumn) ReadContact(FileRow row, GuestInput input, List<RowProblem> rejections, List<RowProblem> flags)
        {
            var wrong = new List<RowProblem>();
            string? phoneColumn = null, emailColumn = null;
            foreach (var phone in contacts.Phones(row))
            {
                var result = Telephone.Normalise(phone.Value, country);
                if (result.IsValid)
                {
                    (input.Phone, phoneColumn) = (result.E164, file.Headers[phone.Column]);
                    if (result.Extension is { } extension)
                        flags.Add(new RowProblem(row.Number, file.Headers[phone.Column], $"Extension {extension} is left out: messages go to {Telephone.Display(result.E164!)}."));
                    break;
                }
                if (!wrong.Any(w => w.Column == file.Headers[phone.Column])) wrong.Add(new RowProblem(row.Number, file.Headers[phone.Column], result.Error!));
            }
            foreach (var email in contacts.Emails(row))
            {
                if (GuestInput.EmailProblem(email.Value) is not { } problem)
                {
                    (input.Email, emailColumn) = (email.Value, file.Headers[email.Column]);
                    break;
                }
                if (!wrong.Any(w => w.Column == file.Headers[email.Column])) wrong.Add(new RowProblem(row.Number, file.Headers[email.Column], problem));
            }
            if (!input.HasContact && input.Household is null)
                rejections.AddRange(wrong.Count > 0 ? wrong : [new RowProblem(row.Number, ContactColumn(), GuestInput.NoContact)]);
            else
                flags.AddRange(wrong.Select(w => w with { Reason = $"{w.Reason} The guest is added without it." }));
            return (phoneColumn, emailColumn);
        }

        /// <summary>Leaves out each optional value the forms would refuse, and flags it.</summary>
        private void KeepWhatIsValid(FileRow row, GuestInput input, List<RowProblem> flags)
        {
            // Clearing one value can settle another (plus-ones coming depends on those allowed), so check again.
            for (var pass = 0; pass < 3; pass++)
            {
                var errors = input.ValidateDetails();
                if (errors.Count == 0) return;
                foreach (var (field, message) in errors)
                {
                    flags.Add(new RowProblem(row.Number, DetailColumn(field), $"{message} It is left out."));
                    Clear(input, field);
                }
            }
        }

        private static void Clear(GuestInput input, string field)
        {
            switch (field)
            {
                case nameof(GuestInput.Side): input.Side = null; break;
                case nameof(GuestInput.TableName): input.TableName = null; break;
                case nameof(GuestInput.DietaryNeeds): input.DietaryNeeds = null; break;
                case nameof(GuestInput.Notes): input.Notes = null; break;
                case nameof(GuestInput.Tags): input.Tags = null; break;
                case nameof(GuestInput.Household): input.Household = null; break;
                case nameof(GuestInput.Status): input.Status = GuestStatus.Invited; break;
                case nameof(GuestInput.PlusOnesAllowed): (input.PlusOnesAllowed, input.PlusOnesComing, input.PlusOneNames) = (0, 0, null); break;
                case nameof(GuestInput.PlusOnesComing): (input.PlusOnesComing, input.PlusOneNames) = (0, null); break;
                default: input.PlusOneNames = null; break;
            }
        }

        private string Column(ImportField field) => Array.IndexOf(mapping, field) is >= 0 and var i ? file.Headers[i] : field.Label();

        private string NameColumn(string field) => Column(field == nameof(GuestInput.LastName) && mapping.Contains(ImportField.LastName) ? ImportField.LastName
            : mapping.Contains(ImportField.FirstName) ? ImportField.FirstName : mapping.Contains(ImportField.FullName) ? ImportField.FullName : ImportField.Company);

        private string ContactColumn() => Column(mapping.Contains(ImportField.Phone) ? ImportField.Phone : ImportField.Email);

        private string DetailColumn(string field) => field switch
        {
            nameof(GuestInput.TableName) => Column(ImportField.Table),
            nameof(GuestInput.Household) => Column(ImportField.Household),
            _ => Enum.TryParse<ImportField>(field, out var f) ? Column(f) : field,
        };
    }
}
