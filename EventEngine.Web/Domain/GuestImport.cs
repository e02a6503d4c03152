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
}
