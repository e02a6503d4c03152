using AngleSharp.Html.Dom;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Links;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventEngine.Web.Tests.Pages.Rsvp;

/// <summary>Households, links and the RSVP form as a browser would post it.</summary>
public static class RsvpTestKit
{
    public static async Task<List<Guest>> AddHouseholdAsync(this AppFactory app, Guid eventId, string name, params (string FirstName, int PlusOnes)[] members)
    {
        var household = new Household { Id = Guid.NewGuid(), EventId = eventId, Name = name, CreatedAt = DateTime.UtcNow };
        await app.QueryAsync(db => { db.Households.Add(household); return db.SaveChangesAsync(); });
        var guests = new List<Guest>();
        // Members are listed in the order they were added: each is added a second after the one before.
        var added = DateTime.UtcNow;
        foreach (var (firstName, plusOnes) in members)
        {
            added = added.AddSeconds(1);
            guests.Add(await app.AddGuestAsync(eventId, firstName, g =>
            {
                g.HouseholdId = household.Id; g.LastName = name; g.PlusOnesAllowed = plusOnes; g.CreatedAt = g.UpdatedAt = added;
            }));
        }
        return guests;
    }

    public static async Task<string> TokenAsync(this AppFactory app, Guest guest)
    {
        await using var scope = app.Services.CreateSystemScope();
        return await scope.ServiceProvider.GetRequiredService<RsvpLinks>().TokenForGuestAsync(guest.EventId, guest.Id);
    }

    public static Task<Guest> GuestAsync(this AppFactory app, Guid id) =>
        app.QueryAsync(db => Task.FromResult(db.Guests.Single(g => g.Id == id)));

    /// <summary>The answer form's fields as the page rendered them (checked radios only), ready to change and post.</summary>
    public static List<KeyValuePair<string, string>> FormFields(IHtmlDocument page)
    {
        var form = page.QuerySelector("#answer-form") ?? throw new InvalidOperationException("The page has no answer form.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input, textarea"))
        {
            var name = element.GetAttribute("name");
            if (name is null) continue;
            if (element is IHtmlInputElement { Type: "radio" } radio)
            {
                if (radio.IsChecked) fields.Add(new(name, radio.Value));
                continue;
            }
            fields.Add(new(name, element is IHtmlTextAreaElement area ? area.Value : ((IHtmlInputElement)element).Value));
        }
        return fields;
    }

    /// <summary>Sets a field (replacing any value it had); a null value removes it.</summary>
    public static List<KeyValuePair<string, string>> With(this List<KeyValuePair<string, string>> fields, string name, string? value)
    {
        var result = fields.Where(f => f.Key != name).ToList();
        if (value is not null) result.Add(new(name, value));
        return result;
    }

    /// <summary>Posts the form like a browser without JavaScript: the token field comes from the page itself.</summary>
    public static Task<HttpResponseMessage> PostAsync(this AppClient client, string path, List<KeyValuePair<string, string>> fields) =>
        client.Http.PostAsync(path, new FormUrlEncodedContent(fields));
}
