using EventEngine.Web.Domain;
using Microsoft.Extensions.Caching.Memory;

namespace EventEngine.Web.Pages.Events.Manage.Guests.Import;

/// <summary>
/// Keeps an upload's parsed file and its rows read with a mapping, so the preview and the import plan the file once
/// rather than at every step. Only an optimisation: an instance that has not seen the upload (another instance
/// behind the load balancer, or after a restart) reads the stored file again and gets the same answer.
/// </summary>
public sealed class ImportCache : IDisposable
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(20);

    // Sizes are in bytes of the uploaded file; parsed rows take several times that in memory.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 64L * 1024 * 1024 });

    public GuestFile File(GuestImport import) => cache.GetOrCreate(("file", import.Id), entry =>
    {
        entry.SetSlidingExpiration(Keep).SetSize(import.Content.Length);
        var (file, error) = GuestFile.Read(import.Content, import.FileName);
        return file ?? throw new InvalidOperationException($"A stored import no longer reads: {error}");
    })!;

    /// <summary>Puts a file just read from an upload in the cache, so the preview does not read it again.</summary>
    public void Remember(Guid importId, GuestFile file, int bytes) =>
        cache.Set(("file", importId), file, new MemoryCacheEntryOptions().SetSlidingExpiration(Keep).SetSize(bytes));

    public (string? MappingError, List<ImportRow> Rows) Rows(GuestImport import, GuestFile file, ImportField[] mapping, string defaultCountry) =>
        cache.GetOrCreate(("rows", import.Id, string.Join(',', mapping), defaultCountry), entry =>
        {
            entry.SetSlidingExpiration(Keep).SetSize(import.Content.Length);
            return ImportRows.Read(file, mapping, defaultCountry);
        });

    public void Dispose() => cache.Dispose();
}
