using System.Text.Json;
using System.Text.Json.Nodes;
using EventEngine.Web.Domain;

namespace EventEngine.Web.Publishing;

/// <summary>
/// The schema.org Event that search engines read from a public event's page: what Google's event results require
/// (name, startDate with its offset, location with an address, or a VirtualLocation) and recommend (endDate,
/// eventStatus, eventAttendanceMode, description, organizer, url, image, offers). A free event's offer has price 0.
/// </summary>
public static class EventJsonLd
{
    public static string For(Event e, Organisation organisation, City? city, string pageUrl, string organisationUrl, string? imageUrl)
    {
        var place = new JsonObject
        {
            ["@type"] = "Place",
            ["name"] = e.Venue ?? city?.Name,
            ["address"] = new JsonObject
            {
                ["@type"] = "PostalAddress",
                ["streetAddress"] = e.Address,
                ["addressLocality"] = city?.Name,
                ["addressCountry"] = city?.Country,
            },
        };
        if (e.Latitude is { } lat && e.Longitude is { } lon)
            place["geo"] = new JsonObject { ["@type"] = "GeoCoordinates", ["latitude"] = lat, ["longitude"] = lon };
        var online = new JsonObject { ["@type"] = "VirtualLocation", ["url"] = e.OnlineUrl ?? pageUrl };
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Event",
            ["name"] = e.Name,
            ["startDate"] = WithOffset(e.StartsAt, e.TimeZoneId),
            ["endDate"] = e.EndsAt is { } end ? WithOffset(end, e.TimeZoneId) : null,
            ["eventStatus"] = e.Status == EventStatus.Cancelled ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = e.AttendanceMode switch
            {
                AttendanceMode.Online => "https://schema.org/OnlineEventAttendanceMode",
                AttendanceMode.Mixed => "https://schema.org/MixedEventAttendanceMode",
                _ => "https://schema.org/OfflineEventAttendanceMode",
            },
            ["location"] = e.AttendanceMode switch
            {
                AttendanceMode.Online => online,
                AttendanceMode.Mixed => new JsonArray(place, online),
                _ => place,
            },
            ["description"] = e.Description ?? e.Summary,
            ["organizer"] = new JsonObject { ["@type"] = "Organization", ["name"] = organisation.Name, ["url"] = organisation.Website ?? organisationUrl },
            ["url"] = pageUrl,
            ["image"] = imageUrl,
            ["offers"] = new JsonObject
            {
                ["@type"] = "Offer",
                ["price"] = e.PriceFrom ?? 0m,
                ["priceCurrency"] = e.Currency,
                ["availability"] = "https://schema.org/InStock",
                ["url"] = e.RegistrationUrl ?? pageUrl,
                ["validFrom"] = e.PublishedAt is { } published ? WithOffset(published, e.TimeZoneId) : null,
            },
        };
        Prune(json);
        // The default encoder escapes <, > and &, so nothing in a name can close the script element it sits in.
        return json.ToJsonString();
    }

    /// <summary>Leaves out what the event does not have, rather than writing nulls.</summary>
    private static void Prune(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList()) o.Remove(key);
            foreach (var child in o.Select(p => p.Value).ToList()) Prune(child);
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a) Prune(child);
        }
    }

    /// <summary>"2027-03-27T20:00:00+01:00": the wall-clock time where the event is, with that place's offset then.</summary>
    public static string WithOffset(DateTime utc, string zoneId) =>
        EventTime.InZone(utc, zoneId).ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
