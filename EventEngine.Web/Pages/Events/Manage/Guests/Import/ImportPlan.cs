using EventEngine.Web.Domain;

namespace EventEngine.Web.Pages.Events.Manage.Guests.Import;

public enum DuplicatePolicy { Skip, Update }

/// <summary>A problem with one row: its number as a spreadsheet shows it (the header is row 1), the column and why.</summary>
public sealed record RowProblem(int Row, string Column, string Reason);

/// <summary>
/// What an import will do, worked out without writing anything: the preview shows it, and the import carries it
/// out. Rows with problems are rejected; duplicates of existing guests are skipped or update them, as chosen.
/// </summary>
public sealed class ImportPlan
{
    public List<Guest> New { get; } = [];
    public List<Guest> Updates { get; } = [];
    public List<Household> NewHouseholds { get; } = [];
    public int Skipped { get; set; }
    public List<RowProblem> Problems { get; } = [];
    public HashSet<int> RejectedRows { get; } = [];
    public string? MappingError { get; set; }

    /// <summary>Each file row (index into the file's rows) with the guest it became, for the preview.</summary>
    public List<(int Row, GuestInput Input, string Outcome)> Preview { get; } = [];

    public int Rejected => RejectedRows.Count;
}
