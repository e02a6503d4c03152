using System.Security.Cryptography;
using System.Text;

namespace EventEngine.Web.Data;

/// <summary>One versioned SQL file from Data/Migrations, e.g. "0001_initial.sql".</summary>
public sealed record Migration(string Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the script with line endings normalised, so a checkout with CRLF is not "edited".</summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    public static Migration FromFileName(string fileName, string sql)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var separator = stem.IndexOf('_');
        if (separator <= 0 || !stem[..separator].All(char.IsAsciiDigit))
            throw new InvalidOperationException($"Migration file '{fileName}' must be named like 0001_description.sql.");
        return new Migration(stem[..separator], stem[(separator + 1)..], sql);
    }

    /// <summary>The migrations compiled into the app, in version order.</summary>
    public static IReadOnlyList<Migration> Embedded()
    {
        var assembly = typeof(Migration).Assembly;
        const string prefix = "Migrations/";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            migrations.Add(FromFileName(resource[prefix.Length..], reader.ReadToEnd()));
        }
        var ordered = migrations.OrderBy(m => m.Version, StringComparer.Ordinal).ToList();
        var duplicate = ordered.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}.");
        return ordered;
    }
}
