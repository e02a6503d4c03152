using System.Net;
using System.Reflection;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Authorization;

/// <summary>A team for one event (Admin, Editor, Viewer), an outsider who is Admin of another event, and an anonymous visitor.</summary>
public class PermissionMatrixFixture : AppFactory, IAsyncLifetime
{
    public Dictionary<string, (AppClient Client, AppUser? User)> People { get; } = [];

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        foreach (var role in new[] { "Admin", "Editor", "Viewer", "Outsider" })
            People[role] = await LoggedInAsync(role);
        People["Anonymous"] = (CreateAppClient(), null);
        await CreateEventAsync(People["Outsider"].User!, "The outsider's own event");
    }

    /// <summary>A new event with the team at their roles, so destructive handlers never affect other cases.</summary>
    public async Task<Event> CreateTeamEventAsync()
    {
        var e = await CreateEventAsync(People["Admin"].User!, $"Matrix event {Guid.NewGuid():N}");
        await AddMemberAsync(e.Id, People["Editor"].User!, EventRole.Editor);
        await AddMemberAsync(e.Id, People["Viewer"].User!, EventRole.Viewer);
        return e;
    }
}

public class PermissionMatrixTests(PermissionMatrixFixture app) : IClassFixture<PermissionMatrixFixture>
{
    private const int Ok = 200, Redirect = 302, Forbidden = 403, NotFound = 404;

    /// <summary>One row per page handler under Events/Manage: the request, and the status each person gets.</summary>
    private sealed record Row(Type Page, string Method, string Path, Func<Event, (string, string)[]> Form, int Admin, int Editor, int Viewer)
    {
        public int Expected(string person) => person switch
        {
            "Admin" => Admin,
            "Editor" => Editor,
            "Viewer" => Viewer,
            "Outsider" => NotFound,
            _ => Redirect, // anonymous: to the login page
        };
    }

    private static (string, string)[] NoFields(Event e) => [];

    private static (string, string)[] ValidEventForm(Event e) =>
    [
        ("Input.Name", "Renamed by the matrix"), ("Input.StartsAt", "2027-06-12T15:00"), ("Input.TimeZoneId", "Europe/London"),
        ("Input.DefaultCountry", "GB"),
    ];

    private static readonly Row[] Matrix =
    [
        new(typeof(Web.Pages.Events.Manage.IndexModel), "GET", "/events/{id}", NoFields, Ok, Ok, Ok),
        new(typeof(Web.Pages.Events.Manage.EditModel), "GET", "/events/{id}/edit", NoFields, Ok, Forbidden, Forbidden),
        new(typeof(Web.Pages.Events.Manage.EditModel), "POST", "/events/{id}/edit", ValidEventForm, Redirect, Forbidden, Forbidden),
        new(typeof(Web.Pages.Events.Manage.DeleteModel), "GET", "/events/{id}/delete", NoFields, Ok, Forbidden, Forbidden),
        new(typeof(Web.Pages.Events.Manage.DeleteModel), "POST", "/events/{id}/delete", e => [("ConfirmName", e.Name)], Redirect, Forbidden, Forbidden),
    ];

    private static readonly string[] People = ["Admin", "Editor", "Viewer", "Outsider", "Anonymous"];

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var row in Matrix)
            foreach (var person in People)
                data.Add(person, row.Method, row.Path);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_person_gets_the_expected_status_and_denied_requests_change_nothing(string person, string method, string path)
    {
        var row = Matrix.Single(r => r.Method == method && r.Path == path);
        var e = await app.CreateTeamEventAsync();
        var before = await SnapshotAsync(e.Id);
        var url = path.Replace("{id}", e.Id.ToString());
        var client = app.People[person].Client;

        var response = method == "GET" ? await client.GetAsync(url) : await client.PostFormAsync(url, row.Form(e));

        Assert.Equal(row.Expected(person), (int)response.StatusCode);
        if (person == "Anonymous")
            Assert.StartsWith("https://localhost/account/login", response.Headers.Location!.ToString());
        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound || person == "Anonymous")
            Assert.Equal(before, await SnapshotAsync(e.Id));
        if (response.StatusCode == HttpStatusCode.NotFound)
            Assert.DoesNotContain(e.Name, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_matrix_covers_every_handler_of_every_page_under_Events_Manage()
    {
        var handlers = typeof(Program).Assembly.GetTypes()
            .Where(t => t.Namespace == "EventEngine.Web.Pages.Events.Manage" && typeof(PageModel).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.StartsWith("On", StringComparison.Ordinal))
                .Select(m => (Page: t, Method: m.Name.StartsWith("OnGet", StringComparison.Ordinal) ? "GET" : "POST", Handler: HandlerName(m.Name))))
            .Distinct()
            .ToList();

        Assert.NotEmpty(handlers);
        foreach (var (page, method, handler) in handlers)
            Assert.True(Matrix.Any(r => r.Page == page && r.Method == method && HandlerOf(r.Path) == handler),
                $"{page.Name} {method} handler '{handler}' has no row in the permission matrix.");
    }

    private static string HandlerName(string methodName)
    {
        var name = methodName.EndsWith("Async", StringComparison.Ordinal) ? methodName[..^5] : methodName;
        return name.StartsWith("OnGet", StringComparison.Ordinal) ? name[5..] : name[6..];
    }

    private static string HandlerOf(string path)
    {
        var query = path.IndexOf("?handler=", StringComparison.Ordinal);
        return query < 0 ? "" : path[(query + 9)..];
    }

    private Task<string> SnapshotAsync(Guid eventId) => app.QueryAsync(async db =>
    {
        var e = await db.Events.AsNoTracking().SingleOrDefaultAsync(x => x.Id == eventId);
        var members = await db.EventMembers.Where(m => m.EventId == eventId).OrderBy(m => m.UserId).Select(m => m.UserId + ":" + m.Role).ToListAsync();
        return e is null ? "deleted" : $"{e.Name}|{e.StartsAt:O}|{e.UpdatedAt:O}|{string.Join(",", members)}";
    });
}
