using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Benchmarks;

/// <summary>
/// What the guest page weighs and how many a server answers per second, over real HTTP (Kestrel on a local port, wrk
/// as the client): the whole page and the htmx partial a search or page change fetches, for 50 rows of an event with
/// 2,000 guests in 500 households. Prints figures; asserts nothing.
/// </summary>
public static partial class PageWeightBenchmark
{
    private const int Guests = 2_000; // households of four
    private const string Duration = "10s";

    // The same figures measured before issue 17 (a form and an antiforgery token per row, a <select> of every
    // household twice), at commit 07e56f6 on the 2-core machine this project is built on, for the ratio below.
    // (Two runs then: 19 and 25 req/s for the page, 56 for the partial.)
    private static readonly (int Bytes, int Tokens, int Options, double PerSecond) PageBefore = (282_935, 104, 1_048, 22);
    private static readonly (int Bytes, double PerSecond) PartialBefore = (174_812, 56);

    public static async Task<int> RunAsync()
    {
        await using var host = BenchmarkHost.Start();
        host.App.UseKestrel(0);
        host.App.StartServer();
        var address = host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1");
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        var events = await GuestTableBenchmark.CreateUserAndEventsAsync(host, 1);
        await GuestTableBenchmark.RawCopyAsync(host, events[0], Guests);
        var cookie = await LogInAsync(client);
        var url = $"/events/{events[0]}/guests";

        var page = await GetAsync(client, url, cookie, htmx: false);
        var partial = await GetAsync(client, url, cookie, htmx: true);
        Console.WriteLine($"Guest page over HTTP: 50 rows of {Guests:N0} guests in {Guests / 4} households; wrk -t2 -c8 -d{Duration} against Kestrel on this machine.");
        var pageRate = Wrk(address + url, cookie, htmx: false);
        var partialRate = Wrk(address + url, cookie, htmx: true);
        Console.WriteLine($"  {"",-22} {"bytes",9} {"tokens",7} {"options",8} {"req/s",8}");
        Console.WriteLine($"  {"whole page",-22} {page.Length,9:N0} {Tokens(page),7} {Options(page),8} {pageRate,8:N0}");
        Console.WriteLine($"  {"htmx results",-22} {partial.Length,9:N0} {Tokens(partial),7} {Options(partial),8} {partialRate,8:N0}");
        Console.WriteLine($"  whole page serves {pageRate / partialRate:0.00}× what the partial does");
        Console.WriteLine($"  {"before (07e56f6) page",-22} {PageBefore.Bytes,9:N0} {PageBefore.Tokens,7} {PageBefore.Options,8} {PageBefore.PerSecond,8:N0}");
        Console.WriteLine($"  {"before (07e56f6) htmx",-22} {PartialBefore.Bytes,9:N0} {"",7} {"",8} {PartialBefore.PerSecond,8:N0}");
        Console.WriteLine($"  now / before: whole page {(double)page.Length / PageBefore.Bytes:0.00}× the bytes at {pageRate / PageBefore.PerSecond:0.0}× the req/s; " +
            $"htmx results {(double)partial.Length / PartialBefore.Bytes:0.00}× the bytes at {partialRate / PartialBefore.PerSecond:0.0}× the req/s");
        return 0;
    }

    /// <summary>Logs in with plain HTTP requests and returns the Cookie header that carries the login.</summary>
    private static async Task<string> LogInAsync(HttpClient client)
    {
        var form = await client.GetAsync("/account/login");
        var antiforgery = Cookies(form);
        var token = CsrfMeta().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var login = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent([new("Input.Email", "bench@example.test"), new("Input.Password", GuestTableBenchmark.Password), new("__RequestVerificationToken", token)]),
        };
        login.Headers.Add("Cookie", antiforgery);
        var response = await client.SendAsync(login);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Login failed: {response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        return antiforgery + "; " + Cookies(response);
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

    private static async Task<string> GetAsync(HttpClient client, string url, string cookie, bool htmx)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        if (htmx) { request.Headers.Add("HX-Request", "true"); request.Headers.Add("HX-Target", "guest-results"); }
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Requests per second from wrk, after a short warm-up run.</summary>
    public static double Wrk(string url, string? cookie, bool htmx, int connections = 8)
    {
        string Run(string duration)
        {
            var args = new List<string> { "-t2", $"-c{connections}", "-d" + duration };
            if (cookie is not null) args.AddRange(["-H", "Cookie: " + cookie]);
            if (htmx) args.AddRange(["-H", "HX-Request: true", "-H", "HX-Target: guest-results"]);
            args.Add(url);
            var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true };
            args.ForEach(start.ArgumentList.Add);
            using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (scripts/bench installs it).");
            var output = wrk.StandardOutput.ReadToEnd();
            wrk.WaitForExit();
            if (output.Contains("Non-2xx")) throw new InvalidOperationException("wrk saw failed responses:\n" + output);
            return output;
        }
        Run("3s");
        return double.Parse(RequestsPerSecond().Match(Run(Duration)).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static int Tokens(string html) => AntiforgeryInput().Count(html) + (CsrfMeta().IsMatch(html) ? 1 : 0);
    private static int Options(string html) => Regex.Count(html, "<option");

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfMeta();

    [GeneratedRegex("name=\"__RequestVerificationToken\"")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();
}
