using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using static EventEngine.Web.Tests.Pages.Events.Manage.Guests.Import.ImportTestKit;

namespace EventEngine.Web.Tests.Pages.Events.Manage.Guests.Import;

public class RoundTripTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_export_imports_back_into_another_event_unchanged_formulas_and_all()
    {
        var (client, admin) = await app.LoggedInAsync();
        var source = await app.CreateEventAsync(admin, "Source");
        await app.AddGuestAsync(source.Id, "=SUM(A1:A2)", g =>
        {
            g.LastName = "+Plus"; g.Phone = "+447400123456"; g.Email = null; g.Side = "-Minus"; g.Status = GuestStatus.Confirmed;
            g.PlusOnesAllowed = 2; g.PlusOnesComing = 2; g.PlusOneNames = ["@Ana", "Ben, \"Junior\""]; g.DietaryNeeds = "-no nuts, vegan";
            g.TableName = "Table 7"; g.Tags = ["vip", "=x"]; g.Notes = "Line one,\nline \"two\"; three";
        });
        await app.AddGuestAsync(source.Id, "נועה", g => { g.LastName = "כהן"; g.Email = "noa@example.co.il"; g.Status = GuestStatus.Declined; });
        await app.AddGuestAsync(source.Id, "Zoë", g => { g.LastName = "Ångström"; g.Email = "zoe@example.se"; g.Phone = "+46701234567"; });
        var exported = await (await client.GetAsync($"/events/{source.Id}/guests/export")).Content.ReadAsByteArrayAsync();
        var target = await app.CreateEventAsync(admin, "Target");

        var summary = await ImportAsync(client, await UploadAsync(client, target, "export.csv", exported));

        Assert.Equal(("3", "0", "0"), (Count(summary, "added"), Count(summary, "rejected"), summary.QuerySelector("[data-count=flagged]")?.TextContent ?? "0"));
        static object Fields(Guest g) => new
        {
            g.FirstName,
            g.LastName,
            g.Phone,
            g.Email,
            g.Side,
            g.Status,
            g.PlusOnesAllowed,
            g.PlusOnesComing,
            Names = string.Join("|", g.PlusOneNames),
            g.DietaryNeeds,
            g.TableName,
            Tags = string.Join("|", g.Tags),
            g.Notes,
        };
        Assert.Equal((await app.GuestsAsync(source.Id)).Select(Fields), (await app.GuestsAsync(target.Id)).Select(Fields));
    }
}
