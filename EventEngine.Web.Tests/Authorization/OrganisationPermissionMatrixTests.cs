using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Manage = EventEngine.Web.Pages.Organisations.Manage;

namespace EventEngine.Web.Tests.Authorization;

/// <summary>
/// Every handler of the pages under Organisations/Manage, for an organisation's Owner, Editor and Viewer, an Owner whose
/// membership expired a minute ago, an outsider and an anonymous visitor. Each case gets an organisation of its own
/// with those members, so what one case changes cannot decide another.
/// </summary>
public class OrganisationPermissionMatrixTests(PermissionMatrixFixture app) : IClassFixture<PermissionMatrixFixture>
{
    private const int Ok = 200, Redirect = 302, Forbidden = 403, NotFound = 404;

    private sealed record Row(Type Page, string Method, string Path, (string, string)[] Form, int Owner, int Editor, int Viewer)
    {
        public int Expected(string person) => person switch
        {
            "OrgOwner" => Owner,
            "OrgEditor" => Editor,
            "OrgViewer" => Viewer,
            "Outsider" or "ExpiredOrgOwner" or "Admin" => NotFound,
            _ => Redirect, // anonymous: to the login page
        };
    }

    private static readonly (string, string)[] NoFields = [];

    private static readonly (string, string)[] Profile = [("Input.Name", "Renamed by the matrix"), ("Input.Slug", "")];

    private static readonly (string, string)[] NewEvent =
    [
        ("Input.Name", "Matrix Gig"), ("Input.Summary", "A test."), ("Input.StartsAt", "2027-06-12T20:00"), ("Input.CityId", "{city}"),
        ("Input.Category", "Music"), ("Input.AttendanceMode", "Offline"), ("Input.Venue", "Hall"),
    ];

    private static readonly Row[] Matrix =
    [
        new(typeof(Manage.IndexModel), "GET", "/organisations/{org}", NoFields, Ok, Ok, Ok),
        new(typeof(Manage.IndexModel), "POST", "/organisations/{org}?handler=Invite", [("Input.Email", "{outsider}"), ("Input.Role", "Viewer")], Redirect, Forbidden, Forbidden),
        new(typeof(Manage.IndexModel), "POST", "/organisations/{org}?handler=Resend&id={invitation}", NoFields, Redirect, Forbidden, Forbidden),
        new(typeof(Manage.IndexModel), "POST", "/organisations/{org}?handler=Revoke&id={invitation}", NoFields, Redirect, Forbidden, Forbidden),
        new(typeof(Manage.IndexModel), "POST", "/organisations/{org}?handler=RemoveMember&userId={viewer}", NoFields, Redirect, Forbidden, Forbidden),
        new(typeof(Manage.SettingsModel), "GET", "/organisations/{org}/settings", NoFields, Ok, Forbidden, Forbidden),
        new(typeof(Manage.SettingsModel), "POST", "/organisations/{org}/settings", Profile, Redirect, Forbidden, Forbidden),
        new(typeof(Manage.Events.NewModel), "GET", "/organisations/{org}/events/new", NoFields, Ok, Ok, Forbidden),
        new(typeof(Manage.Events.NewModel), "POST", "/organisations/{org}/events/new", NewEvent, Redirect, Redirect, Forbidden),
    ];

    private static readonly string[] People = ["OrgOwner", "OrgEditor", "OrgViewer", "ExpiredOrgOwner", "Outsider", "Admin", "Anonymous"];

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
        var (organisationId, invitationId) = await OrganisationAsync();
        var before = await SnapshotAsync(organisationId);
        var city = await app.QueryAsync(db => db.Cities.Where(c => c.Slug == "london").Select(c => c.Id).SingleAsync());
        string Fill(string s) => s.Replace("{org}", organisationId.ToString()).Replace("{viewer}", app.People["OrgViewer"].User!.Id.ToString())
            .Replace("{outsider}", app.People["Outsider"].User!.Email!).Replace("{city}", city.ToString())
            .Replace("{invitation}", invitationId.ToString());
        var client = app.People[person].Client;

        var response = method == "GET"
            ? await client.GetAsync(Fill(path))
            : await client.PostMultipartAsync(Fill(path), row.Form.Select(f => new KeyValuePair<string, string>(f.Item1, Fill(f.Item2))));

        Assert.Equal(row.Expected(person), (int)response.StatusCode);
        if (person == "Anonymous")
            Assert.StartsWith("https://localhost/account/login", response.Headers.Location!.ToString());
        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound || person == "Anonymous")
            Assert.Equal(before, await SnapshotAsync(organisationId));
        if (response.StatusCode == HttpStatusCode.NotFound)
            Assert.DoesNotContain("Matrix Club", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_matrix_covers_every_handler_of_every_page_under_Organisations_Manage()
    {
        var handlers = PageHandlers.In("EventEngine.Web.Pages.Organisations.Manage");

        Assert.NotEmpty(handlers);
        foreach (var (page, method, handler) in handlers)
            Assert.True(Matrix.Any(r => r.Page == page && r.Method == method && PageHandlers.HandlerOf(r.Path) == handler),
                $"{page.Name} {method} handler '{handler}' has no row in the organisation permission matrix.");
    }

    /// <summary>An organisation with the four members and one waiting invitation.</summary>
    private async Task<(Guid, Guid)> OrganisationAsync()
    {
        var now = DateTime.UtcNow;
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = "Matrix Club", Slug = $"mc-{Guid.NewGuid():N}"[..24], CreatedAt = now };
        organisation.Members.AddRange(
            new OrganisationMember { UserId = app.People["OrgOwner"].User!.Id, Role = OrganisationRole.Owner, JoinedAt = now },
            new OrganisationMember { UserId = app.People["OrgEditor"].User!.Id, Role = OrganisationRole.Editor, JoinedAt = now, ExpiresAt = now.AddDays(30) },
            new OrganisationMember { UserId = app.People["OrgViewer"].User!.Id, Role = OrganisationRole.Viewer, JoinedAt = now },
            new OrganisationMember { UserId = app.People["ExpiredOrgOwner"].User!.Id, Role = OrganisationRole.Owner, JoinedAt = now.AddDays(-30), ExpiresAt = now.AddMinutes(-1) });
        var invitation = new OrganisationInvitation
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisation.Id,
            Email = $"invited-{Guid.NewGuid():N}@example.com",
            Role = OrganisationRole.Viewer,
            Seed = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
            TokenHash = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
            CreatedAt = now,
            SentAt = now,
            ExpiresAt = now.AddDays(7),
        };
        await app.QueryAsync(db =>
        {
            db.Organisations.Add(organisation);
            db.OrganisationInvitations.Add(invitation);
            return db.SaveChangesAsync();
        });
        return (organisation.Id, invitation.Id);
    }

    private Task<string> SnapshotAsync(Guid organisationId) => app.QueryAsync(async db =>
    {
        var o = await db.Organisations.AsNoTracking().SingleAsync(x => x.Id == organisationId);
        var members = await db.OrganisationMembers.Where(m => m.OrganisationId == organisationId).OrderBy(m => m.UserId)
            .Select(m => m.UserId + ":" + m.Role + ":" + m.ExpiresAt).ToListAsync();
        var events = await db.Events.CountAsync(e => e.OrganisationId == organisationId);
        var invitations = await db.OrganisationInvitations.Where(i => i.OrganisationId == organisationId).OrderBy(i => i.Id)
            .Select(i => i.Id + ":" + i.ExpiresAt + ":" + i.RevokedAt).ToListAsync();
        return $"{o.Name}|{o.Slug}|{o.Description}|{o.LogoImageId}|{string.Join(",", members)}|{events}|{string.Join(",", invitations)}";
    });
}
