using System.Text.Json;
using Microsoft.Playwright;

namespace EventEngine.E2E;

/// <summary>What Mozilla's ical.js (from npm, see the project file) reads in a calendar file.</summary>
public sealed record CalendarReading(string Method, string Summary, string StartUtc, string EndUtc, string Zone, int Attendees, string? Organizer, string[] Observances);

/// <summary>
/// Reads a calendar file the app wrote with a parser nobody here wrote: ical.js, the library behind Thunderbird's
/// calendar, run in the browser. The event's times are converted to UTC with the file's own VTIMEZONE, so a wrong
/// time zone rule shows as a wrong instant.
/// </summary>
public static class CalendarCheck
{
    private static readonly Lazy<string> IcalJs = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ical.min.js")));

    public static async Task<CalendarReading> ReadAsync(IPage page, string ics)
    {
        // Evaluated through the browser's debugging protocol, which the page's CSP (script-src 'self') does not govern.
        await page.EvaluateAsync(IcalJs.Value);
        var json = await page.EvaluateAsync<string>("""
            (ics) => {
                const calendar = new ICAL.Component(ICAL.parse(ics));
                for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
                const vevent = calendar.getFirstSubcomponent('vevent');
                const event = new ICAL.Event(vevent);
                const utc = time => time.toJSDate().toISOString();
                const observances = calendar.getFirstSubcomponent('vtimezone').getAllSubcomponents()
                    .map(o => `${o.name}: ${o.getFirstProperty('tzoffsetfrom').toICALString()} -> ${o.getFirstProperty('tzoffsetto').toICALString()}`);
                const result = {
                    method: calendar.getFirstPropertyValue('method'), summary: event.summary, startUtc: utc(event.startDate), endUtc: utc(event.endDate),
                    zone: event.startDate.zone.tzid, attendees: vevent.getAllProperties('attendee').length,
                    organizer: vevent.getFirstPropertyValue('organizer'), observances,
                };
                for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.remove(zone.getFirstPropertyValue('tzid'));
                return JSON.stringify(result);
            }
            """, ics);
        return JsonSerializer.Deserialize<CalendarReading>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
