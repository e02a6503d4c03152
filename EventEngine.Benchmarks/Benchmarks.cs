namespace EventEngine.Benchmarks;

/// <summary>scripts/bench: the guest table, the guest page over HTTP, the exports, the outbox, then the public catalog. "guests", "page", "reports", "outbox" or "catalog" runs one of them.</summary>
public static class Benchmarks
{
    public static async Task<int> Main(string[] args)
    {
        var which = args.FirstOrDefault() ?? "all";
        if (which is "all" or "guests" && await GuestTableBenchmark.RunAsync() != 0) return 1;
        if (which is "all") Console.WriteLine();
        if (which is "all" or "page" && await PageWeightBenchmark.RunAsync() != 0) return 1;
        if (which is "all") Console.WriteLine();
        if (which is "all" or "reports" && await ReportsBenchmark.RunAsync() != 0) return 1;
        if (which is "all") Console.WriteLine();
        if (which is "all" or "outbox" && await OutboxBenchmark.RunAsync() != 0) return 1;
        if (which is "all") Console.WriteLine();
        if (which is "all" or "catalog" && await CatalogBenchmark.RunAsync() != 0) return 1;
        return 0;
    }
}
