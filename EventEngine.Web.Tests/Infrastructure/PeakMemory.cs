using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace EventEngine.Web.Tests.Infrastructure;

/// <summary>
/// When the test run ends, writes the test host's peak resident memory (the kernel's high-water mark) to the file
/// named by EE_PEAK_MEMORY_FILE, so scripts/test can print it. Tests never read it.
/// </summary>
internal static class PeakMemory
{
    [ModuleInitializer]
    internal static void WriteAtExit()
    {
        if (Environment.GetEnvironmentVariable("EE_PEAK_MEMORY_FILE") is not { Length: > 0 } path) return;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            using var self = Process.GetCurrentProcess();
            File.WriteAllText(path, $"{self.PeakWorkingSet64 / 1024 / 1024}\n");
        };
    }
}
