namespace EventEngine.Web.Domain;

/// <summary>An uploaded guest file, kept between the upload, the preview and the import, then with its outcome.</summary>
public class GuestImport
{
    public const int FileNameMaxLength = 260;

    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public Guid? CreatedById { get; set; }
    public string FileName { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Skipped { get; set; }
    public int Rejected { get; set; }
    public byte[]? RejectedCsv { get; set; }

    /// <summary>Rows imported with a value left out (a wrong phone beside a good email), and what was left out.</summary>
    public int Flagged { get; set; }
    public List<RowProblem> Flags { get; set; } = [];
}

/// <summary>
/// A problem with one row of an import: its number as a spreadsheet shows it (the header is row 1), the column and
/// why; for a row imported with a value left out, the guest it became.
/// </summary>
public sealed record RowProblem(int Row, string Column, string Reason, string? Guest = null);
