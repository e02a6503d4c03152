using System.Collections.Concurrent;
using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EventEngine.Web.Tests.Pages.Rsvp;

/// <summary>The app with a small guessing limit, and every log line (scopes included) captured at the most detailed level.</summary>
public class GuardedAppFactory : MessagingAppFactory
{
    public ConcurrentQueue<string> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder, TestDatabase database)
    {
        base.ConfigureWebHost(builder, database);
        builder.UseSetting("Rsvp:WrongTokensPerWindow", "3");
        builder.UseSetting("Rsvp:WindowMinutes", "15");
        builder.UseSetting("Proxies:Networks:0", "192.0.2.0/24"); // the load balancer's network
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logs)));
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> logs) : ILoggerProvider, ISupportExternalScope
    {
        private readonly ConcurrentQueue<string> logs = logs;
        private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);
        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;
        public void Dispose() { }

        private sealed class Logger(string category, CapturingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider.scopes.Push(state);
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new List<string>();
                provider.scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), scopes);
                provider.logs.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception} | {string.Join(" | ", scopes)}");
            }
        }
    }
}

public class GuardTests(GuardedAppFactory app) : IClassFixture<GuardedAppFactory>
{
    private Task<HttpResponseMessage> FromAsync(string ip, string path, string? forwardedFor = null) => FromAsync(app.Server, ip, path, forwardedFor);

    private static async Task<HttpResponseMessage> FromAsync(TestServer server, string ip, string path, string? forwardedFor = null)
    {
        var context = await server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(ip);
            if (forwardedFor is not null) c.Request.Headers["X-Forwarded-For"] = forwardedFor;
            c.Request.Method = "GET";
            var query = path.IndexOf('?');
            c.Request.Path = query < 0 ? path : path[..query];
            if (query >= 0) c.Request.QueryString = new QueryString(path[query..]);
        });
        var response = new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode);
        if (context.Response.Headers.RetryAfter.Count > 0) response.Headers.Add("Retry-After", context.Response.Headers.RetryAfter.ToString());
        return response;
    }

    [Fact]
    public async Task Only_a_configured_proxy_may_say_who_the_client_is()
    {
        var wrong = "/rsvp/" + new string('y', 43);

        // Behind the load balancer, each client counts on its own.
        for (var i = 0; i < 3; i++) await FromAsync("192.0.2.10", wrong, forwardedFor: "198.51.100.21");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await FromAsync("192.0.2.10", wrong, forwardedFor: "198.51.100.21")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await FromAsync("192.0.2.10", wrong, forwardedFor: "198.51.100.22")).StatusCode);

        // Anyone else saying who they are is not believed: a limited client cannot escape by claiming another address.
        for (var i = 0; i < 3; i++) await FromAsync("203.0.113.50", wrong);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await FromAsync("203.0.113.50", wrong, forwardedFor: "198.51.100.23")).StatusCode);
    }

    [Fact]
    public async Task Wrong_tokens_are_limited_per_client_across_instances_while_right_links_from_the_same_address_still_open()
    {
        var admin = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin);
        var guest = await app.AddGuestAsync(e.Id, "Real");
        var right = $"/rsvp/{await app.TokenAsync(guest)}";
        var wrong = "/rsvp/" + new string('x', 43);
        await using var second = app.AnotherInstance();

        // Three wrong tokens allowed per window, counted in the database: two here, one on the other instance.
        Assert.Equal(HttpStatusCode.NotFound, (await FromAsync("203.0.113.7", wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await FromAsync(second.Server, "203.0.113.7", wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await FromAsync("203.0.113.7", wrong)).StatusCode);
        var limited = await FromAsync(second.Server, "203.0.113.7", wrong);
        var rightFromTheSameAddress = await FromAsync("203.0.113.7", right);
        var otherClient = await FromAsync("198.51.100.9", wrong);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single()), 1, 15 * 60);
        Assert.Equal(HttpStatusCode.OK, rightFromTheSameAddress.StatusCode); // a venue's guests keep their links
        Assert.Equal(HttpStatusCode.NotFound, otherClient.StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, (await FromAsync("203.0.113.7", wrong)).StatusCode); // a new window
        }
        finally
        {
            app.Clock.Set(DateTime.UtcNow);
        }
    }

    [Fact]
    public async Task The_token_never_appears_in_any_log_line_even_at_the_most_detailed_level()
    {
        var admin = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin);
        var guest = await app.AddGuestAsync(e.Id, "Private");
        var token = await app.TokenAsync(guest);
        var client = app.CreateAppClient();
        var path = $"/rsvp/{token}?via=email";

        var fields = RsvpTestKit.FormFields(await client.GetPageAsync(path)).With("Input.Members[0].Answer", "yes");
        await client.PostAsync(path, fields);
        await client.PostAsync(path, fields.With("Input.Members[0].Id", Guid.NewGuid().ToString()));
        await client.GetAsync(path + "&handler=calendar");
        await client.GetAsync($"/rsvp/{token}/nothing-here");
        await app.SendDueAsync();

        Assert.NotEmpty(app.Logs);
        Assert.Contains(app.Logs, l => l.Contains("Microsoft.AspNetCore.Mvc")); // the detailed logs really were on
        Assert.Empty(app.Logs.Where(l => l.Contains(token)).Select(l => l[..Math.Min(l.Length, 400)]));
    }

    [Fact]
    public async Task Opening_and_answering_a_link_logs_no_warning()
    {
        var admin = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin);
        var guest = await app.AddGuestAsync(e.Id, "Quiet");
        var path = $"/rsvp/{await app.TokenAsync(guest)}";
        var client = app.CreateAppClient();
        var before = app.Logs.Count;

        var fields = RsvpTestKit.FormFields(await client.GetPageAsync(path)).With("Input.Members[0].Answer", "yes");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(path, fields)).StatusCode);
        await client.GetAsync(path + "?saved=true");

        // Antiforgery used to warn on every such page that it had overridden the page's caching headers.
        var warnings = app.Logs.Skip(before).Where(l => l.StartsWith("Warning") || l.StartsWith("Error")).ToList();
        Assert.True(warnings.Count == 0, string.Join("\n", warnings));
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("Robert'); DROP TABLE guests;--")]
    [InlineData("zero\0byte and \u0007bell")]
    [InlineData("\u202Eesrever\u202C and emoji 👩‍👩‍👧 and עברית")]
    [InlineData("{{rsvp_link}} {{first_name}}")]
    public async Task Hostile_text_in_every_field_is_kept_as_plain_text_without_direction_controls_and_shown_encoded(string text)
    {
        var admin = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin);
        var household = await app.AddHouseholdAsync(e.Id, "Hostile", ("Mallory", 1));
        var path = $"/rsvp/{await app.TokenAsync(household[0])}";
        var client = app.CreateAppClient();
        var fields = RsvpTestKit.FormFields(await client.GetPageAsync(path))
            .With("Input.Members[0].Answer", "yes").With("Input.Members[0].DietaryNeeds", text)
            .With("Input.Members[0].PlusOneNames[0]", text).With("Input.Members[0].PlusOneDietaryNeeds[0]", text).With("Input.Message", text);

        var response = await client.PostAsync(path, fields);

        var saved = await app.GuestAsync(household[0].Id);
        if (text.Contains('\0'))
        {
            // PostgreSQL text cannot hold U+0000; the app refuses such a form as a whole (as everywhere else).
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(GuestStatus.Invited, saved.Status);
            return;
        }
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Control characters, and the direction controls that would turn the text around them backwards, are taken out.
        var expected = new string(text.Where(c => !char.IsControl(c) && c is not ('\u202E' or '\u202C')).ToArray()).Trim();
        Assert.Equal(expected, saved.DietaryNeeds);
        Assert.Equal(expected, saved.PlusOneNames.Single());
        Assert.Equal(expected, saved.RsvpMessage);
        var html = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
    }

    [Theory]
    [InlineData("Input.Members[0].Answer", "maybe")]
    [InlineData("Input.Members[0].DietaryNeeds", null)]
    [InlineData("Input.Message", null)]
    [InlineData("Input.Members[0].PlusOneNames[999]", "Far away")]
    [InlineData("Input.Members[0].Id", "not-a-guid")]
    [InlineData("Input.Members[5].Id", "00000000-0000-0000-0000-000000000001")]
    [InlineData("Input.Members[0].Shown", "forged")]
    public async Task Forged_and_oversized_values_get_an_answer_not_an_error_page_and_save_nothing_half_way(string field, string? value)
    {
        var admin = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin);
        var household = await app.AddHouseholdAsync(e.Id, "Forger", ("Eve", 1));
        var path = $"/rsvp/{await app.TokenAsync(household[0])}";
        var client = app.CreateAppClient();
        var fields = RsvpTestKit.FormFields(await client.GetPageAsync(path))
            .With("Input.Members[0].DietaryNeeds", new string('d', 600)).With(field, value ?? new string('x', 20_000));

        var response = await client.PostAsync(path, fields);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{response.StatusCode}");
        var saved = await app.GuestAsync(household[0].Id);
        Assert.Null(saved.DietaryNeeds); // 600 characters is over the limit: nothing of this form was saved
        Assert.Equal(GuestStatus.Invited, saved.Status);
    }
}
