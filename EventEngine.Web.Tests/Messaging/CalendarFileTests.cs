using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;

namespace EventEngine.Web.Tests.Messaging;

/// <summary>The calendar file read back line by line (the browser journeys also read it with Mozilla's ical.js).</summary>
public class CalendarFileTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static Event Event(string zone, DateTime startUtc) => new()
    {
        Id = Guid.NewGuid(),
        Name = "Ana & Ben's Wedding; dinner, dancing",
        TimeZoneId = zone,
        StartsAt = startUtc,
        EndsAt = startUtc.AddHours(6),
        Venue = "Kew Gardens, Richmond",
        Description = "Dinner at 7.\nDancing after.",
    };

    private static List<string> Lines(string ics) => [.. ics.Replace("\r\n ", "").Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Each observance of the zone: its kind and the offsets it goes from and to.</summary>
    private static List<(string Kind, string From, string To)> Observances(List<string> lines)
    {
        var observances = new List<(string, string, string)>();
        string? kind = null, from = null;
        foreach (var line in lines)
        {
            if (line is "BEGIN:STANDARD" or "BEGIN:DAYLIGHT") kind = line[6..];
            else if (line.StartsWith("TZOFFSETFROM:")) from = line[13..];
            else if (line.StartsWith("TZOFFSETTO:")) observances.Add((kind!, from!, line[11..]));
        }
        return observances;
    }

    [Theory]
    [InlineData("Europe/London", "+0000", "+0100")]
    [InlineData("America/New_York", "-0500", "-0400")]
    [InlineData("Australia/Sydney", "+1000", "+1100")]
    [InlineData("Asia/Jerusalem", "+0200", "+0300")]
    public void The_time_zone_changes_between_its_standard_and_summer_offsets_and_never_to_the_offset_it_had(string zone, string standard, string summer)
    {
        var lines = Lines(CalendarFile.Download(Event(zone, new DateTime(2027, 6, 12, 14, 0, 0, DateTimeKind.Utc)), Guid.NewGuid(), Now));

        var observances = Observances(lines);
        Assert.Contains(("DAYLIGHT", standard, summer), observances);
        Assert.Contains(("STANDARD", summer, standard), observances);
        Assert.All(observances, o => Assert.NotEqual(o.From, o.To));
        Assert.Contains($"TZID:{zone}", lines);
    }

    [Fact]
    public void The_file_publishes_the_event_in_its_own_zone_and_asks_for_no_answer()
    {
        var e = Event("Europe/London", new DateTime(2027, 6, 12, 14, 0, 0, DateTimeKind.Utc));
        var guestId = Guid.NewGuid();

        var lines = Lines(CalendarFile.Invitation(e, guestId, "hosts@eventengine.test", "Ana & Ben", Now));

        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Contains("METHOD:PUBLISH", lines);
        Assert.Contains("DTSTART;TZID=Europe/London:20270612T150000", lines);
        Assert.Contains("DTEND;TZID=Europe/London:20270612T210000", lines);
        Assert.Contains("DTSTAMP:20261201T090000Z", lines);
        Assert.Contains($"UID:{e.Id:N}-{guestId:N}@eventengine", lines);
        Assert.Contains("SUMMARY:Ana & Ben's Wedding\\; dinner\\, dancing", lines);
        Assert.Contains("LOCATION:Kew Gardens\\, Richmond", lines);
        Assert.Contains("DESCRIPTION:Dinner at 7.\\nDancing after.", lines);
        Assert.Contains("ORGANIZER;CN=Ana & Ben:mailto:hosts@eventengine.test", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("ATTENDEE") || l.Contains("RSVP="));
    }

    [Fact]
    public void Long_lines_are_folded_at_75_octets_without_splitting_a_character()
    {
        var e = Event("Asia/Tokyo", new DateTime(2027, 4, 1, 3, 0, 0, DateTimeKind.Utc));
        e.Name = string.Concat(Enumerable.Repeat("桜の宴と夕食会", 8));

        var ics = CalendarFile.Download(e, Guid.NewGuid(), Now);

        Assert.All(ics.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.Contains($"SUMMARY:{e.Name}", Lines(ics));
    }
}
