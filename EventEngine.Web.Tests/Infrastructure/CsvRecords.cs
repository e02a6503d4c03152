using CsvHelper;

namespace EventEngine.Web.Tests.Infrastructure;

/// <summary>The records of a comma-separated file, read by CsvHelper, for tests that check what the app wrote.</summary>
public static class CsvRecords
{
    public static List<List<string>> Read(string text)
    {
        using var reader = CsvReader.FromText(text, CsvReaderOptions.Default with { HasHeader = false, Separator = ',' });
        var records = new List<List<string>>();
        while (reader.Read()) records.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        return records;
    }
}
