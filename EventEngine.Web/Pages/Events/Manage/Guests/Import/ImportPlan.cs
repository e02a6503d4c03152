using EventEngine.Web.Domain;

namespace EventEngine.Web.Pages.Events.Manage.Guests.Import;

public enum DuplicatePolicy { Skip, Update }

/// <summary>
/// What an import will do, worked out without writing anything: the preview shows it, and the import carries it
/// out. Rows with problems are rejected; rows imported with a value left out are flagged; duplicates of existing
/// guests are skipped or update them, as chosen.
/// </summary>
public sealed class ImportPlan
{
    public List<Guest> New { get; } = [];
    public List<Guest> Updates { get; } = [];
    public List<Household> NewHouseholds { get; } = [];
    public int Skipped { get; set; }
    public List<RowProblem> Problems { get; } = [];
    public List<FileRow> RejectedRows { get; } = [];
    public List<RowProblem> Flags { get; } = [];
    public string? MappingError { get; set; }

    /// <summary>The first rows with the guest each became, for the preview.</summary>
    public List<(FileRow Row, GuestInput Input, string Outcome)> Preview { get; } = [];

    public int Rejected => RejectedRows.Count;

    /// <summary>Rows imported with something left out.</summary>
    public int Flagged => Flags.Select(f => f.Row).Distinct().Count();
}
