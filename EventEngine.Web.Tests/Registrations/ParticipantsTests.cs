using System.Text;
using EventEngine.Web.Domain;
using EventEngine.Web.Publishing;
using EventEngine.Web.Registrations;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Registrations;

/// <summary>People who register are guests of the event: the guest table, its filter and its export show where they stand.</summary>
public class ParticipantsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Capacity Desk => app.Services.GetRequiredService<Capacity>();

    private Task<Guest> GuestAsync(Guid eventId, string email) =>
        app.QueryAsync(db => db.Guests.AsNoTracking().SingleAsync(g => g.EventId == eventId && g.Email == email));

    [Fact]
    public async Task A_registration_puts_the_person_in_the_guest_table_and_their_guest_follows_where_it_stands()
    {
        var e = await app.ClassWithPlacesAsync(capacity: 2, placesPerPerson: 2);
        var ada = (await Desk.RegisterAsync(new(e.Id, null, "Ada de Lovelace", "ada@example.com", 2, true)))!;
        var ben = (await Desk.RegisterAsync(new(e.Id, null, "Ben", "ben@example.com", 1, true)))!;

        var adaGuest = await GuestAsync(e.Id, "ada@example.com");
        Assert.Equal(("Ada", "de Lovelace", GuestStatus.Confirmed, GuestRegistration.Registered, 1), (adaGuest.FirstName, adaGuest.LastName, adaGuest.Status, adaGuest.Registration, adaGuest.PlusOnesComing));
        Assert.Equal(adaGuest.Id, await app.QueryAsync(db => db.Registrations.Where(r => r.Id == ada.Id).Select(r => r.GuestId).SingleAsync()));
        var benGuest = await GuestAsync(e.Id, "ben@example.com");
        Assert.Equal((GuestStatus.Invited, GuestRegistration.Waitlisted), (benGuest.Status, benGuest.Registration));

        await Desk.CancelAsync(ada.Id);

        adaGuest = await GuestAsync(e.Id, "ada@example.com");
        Assert.Equal((GuestStatus.Declined, GuestRegistration.Cancelled, 0), (adaGuest.Status, adaGuest.Registration, adaGuest.PlusOnesComing));
        Assert.Equal(GuestRegistration.Offered, (await GuestAsync(e.Id, "ben@example.com")).Registration);
    }

    [Fact]
    public async Task The_organiser_filters_the_guest_table_by_registration_and_the_export_says_where_each_stands()
    {
        var (client, owner) = await app.LoggedInAsync("Owner");
        var e = await app.PublicEventAsync(await app.OrganisationAsync(), "Talk", "london", new DateTime(2027, 5, 1, 19, 0, 0), admin: owner,
            more: x => x.Capacity = 1);
        await Desk.RegisterAsync(new(e.Id, null, "Ann Able", "ann@example.com", 1, true));
        await Desk.RegisterAsync(new(e.Id, null, "Bob Baker", "bob@example.com", 1, true));

        var waiting = await client.GetPageAsync($"/events/{e.Id}/guests?registration=Waitlisted");

        var rows = waiting.QuerySelectorAll("[data-guest-row]");
        Assert.Equal("Bob Baker", Assert.Single(rows).QuerySelector("[data-field=name]")!.TextContent.Trim());
        Assert.Equal("Waiting list", rows[0].QuerySelector("[data-field=registration]")!.TextContent.Trim());
        var csv = CsvRecords.Read(Encoding.UTF8.GetString((await client.Http.GetByteArrayAsync($"/events/{e.Id}/guests/export"))[3..]));
        var column = csv[0].IndexOf("Registration");
        Assert.Equal(["Registered", "Waiting list"], csv.Skip(1).OrderBy(r => r[0]).Select(r => r[column]));
    }

    [Fact]
    public async Task One_person_registered_for_several_dates_of_a_series_is_one_guest()
    {
        var e = await app.WeeklyClassAsync(capacity: 5);
        await app.Services.GetRequiredService<Series>().PlanAsync(e.Id);
        var dates = await app.QueryAsync(db => db.Occurrences.Where(o => o.EventId == e.Id).OrderBy(o => o.Day).Select(o => o.Id).Take(2).ToListAsync());

        foreach (var date in dates) await Desk.RegisterAsync(new(e.Id, null, "Kim", "kim@example.com", 1, true, date));

        var guest = await GuestAsync(e.Id, "kim@example.com");
        Assert.Equal(2, await app.QueryAsync(db => db.Registrations.CountAsync(r => r.GuestId == guest.Id)));
        Assert.Equal(GuestRegistration.Registered, guest.Registration);
    }
}
