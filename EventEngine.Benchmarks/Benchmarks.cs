namespace EventEngine.Benchmarks;

/// <summary>scripts/bench: the guest table, the guest page over HTTP, the exports, the outbox, the public catalog, row-level security on and off, then registration against the last places. "guests", "page", "reports", "outbox", "catalog", "rls" or "registrations" runs one of them.</summary>
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
        if (which is "all") Console.WriteLine();
        if (which is "all" or "rls" && await RowLevelSecurityBenchmark.RunAsync() != 0) return 1;
        if (which is "all") Console.WriteLine();
        if (which is "all" or "registrations" && await RegistrationBenchmark.RunAsync() != 0) return 1;
        return 0;
    }
}
