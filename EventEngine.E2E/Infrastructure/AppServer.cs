using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace EventEngine.E2E.Infrastructure;

/// <summary>
/// The built app running as its own process on a real Kestrel port (Production settings), with a database of its
/// own on the PostgreSQL server named by ConnectionStrings__Default. Stopped and dropped when the tests finish.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string database;
    private readonly List<string> output = [];

    public string BaseUrl { get; }

    private AppServer(Process process, string database, string baseUrl)
    {
        this.process = process;
        this.database = database;
        BaseUrl = baseUrl;
    }

    /// <summary>Starts the app; <paramref name="settings"/> are extra environment variables (such as Smtp__Port).</summary>
    public static async Task<AppServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__Default")
            ?? throw new InvalidOperationException("Set ConnectionStrings__Default to a PostgreSQL server (scripts/test does this for you).");
        var database = $"ee_e2e_{Guid.NewGuid():N}";
        var port = FreePort();
        var webProject = Path.Combine(RepositoryRoot(), "EventEngine.Web");
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(webProject, "bin", configuration, "net10.0", "EventEngine.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build the app first ({dll} is missing).");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = webProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(webProject);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Default"] = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        start.Environment["ConnectionStrings__Migrations"] = new NpgsqlConnectionStringBuilder(Owner) { Database = database }.ConnectionString;
        start.Environment["Demo__Seed"] = "false";
        start.Environment["Rsvp__LinkKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        start.Environment["App__BaseUrl"] = $"http://localhost:{port}";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>()) start.Environment[name] = value;

        var app = new AppServer(Process.Start(start)!, database, $"http://localhost:{port}");
        app.process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (app.output) app.output.Add(e.Data); };
        app.process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (app.output) app.output.Add(e.Data); };
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        await app.WaitUntilHealthyAsync();
        return app;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) break;
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(250);
        }
        throw new InvalidOperationException("The app did not become healthy:\n" + Output);
    }

    /// <summary>The role that owns the tables (it creates and drops databases); the app itself connects as ConnectionStrings__Default.</summary>
    private static string Owner => Environment.GetEnvironmentVariable("ConnectionStrings__Migrations")
        ?? Environment.GetEnvironmentVariable("ConnectionStrings__Default")!;

    public string Output { get { lock (output) return string.Join('\n', output); } }

    /// <summary>SQL on the app's database, for what a journey cannot do through pages (such as making someone staff, which is a server command).</summary>
    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(Owner) { Database = database, Pooling = false };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        // What the app logged, kept for a journey that failed: the browser only sees the page it ended on.
        var logs = Directory.CreateDirectory(Path.Combine(RepositoryRoot(), "artifacts", "app-logs"));
        await File.WriteAllTextAsync(Path.Combine(logs.FullName, database + ".log"), Output);
        var admin = new NpgsqlConnectionStringBuilder(Owner) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EventEngine.Web.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Could not find EventEngine.Web.sln above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
