using EventEngine.Web.Domain;

namespace EventEngine.Web.Tests.Domain;

public class EventTimeTests
{
    [Fact]
    public void A_summer_evening_in_London_is_stored_as_UTC_and_shown_back_in_BST()
    {
        var utc = EventTime.ToUtc(new DateTime(2027, 6, 12, 15, 0, 0), "Europe/London");

        Assert.Equal(new DateTime(2027, 6, 12, 14, 0, 0, DateTimeKind.Utc), utc);
        Assert.Equal("Sat 12 Jun 2027, 15:00 BST", EventTime.Format(utc, "Europe/London"));
    }

    [Fact]
    public void The_same_instant_reads_differently_in_each_events_zone()
    {
        var utc = new DateTime(2027, 1, 15, 23, 30, 0, DateTimeKind.Utc);

        Assert.Equal("Fri 15 Jan 2027, 18:30 EST", EventTime.Format(utc, "America/New_York"));
        Assert.Equal("Sat 16 Jan 2027, 01:30 IST", EventTime.Format(utc, "Asia/Jerusalem"));
        Assert.Equal("Sat 16 Jan 2027, 01:30 EET", EventTime.Format(utc, "Africa/Cairo"));
    }

    [Fact]
    public void A_time_skipped_by_the_spring_change_moves_forward_and_round_trips()
    {
        // 02:30 does not exist in New York on 14 March 2027: clocks jump from 02:00 to 03:00.
        var utc = EventTime.ToUtc(new DateTime(2027, 3, 14, 2, 30, 0), "America/New_York");

        Assert.Equal(new DateTime(2027, 3, 14, 3, 30, 0), EventTime.ToLocal(utc, "America/New_York"));
    }

    [Theory]
    [InlineData("Europe/London", true)]
    [InlineData("America/Argentina/Buenos_Aires", true)]
    [InlineData("UTC", true)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("<script>", false)]
    [InlineData("", false)]
    public void Only_real_IANA_zones_are_known(string zone, bool known)
    {
        Assert.Equal(known, EventTime.IsKnownZone(zone));
    }

    [Fact]
    public void The_zone_picker_offers_the_common_zones_without_legacy_aliases()
    {
        Assert.Contains("Europe/London", EventTime.ZoneIds);
        Assert.Contains("Asia/Tokyo", EventTime.ZoneIds);
        Assert.DoesNotContain("Etc/GMT+5", EventTime.ZoneIds);
        Assert.DoesNotContain("EST", EventTime.ZoneIds);
    }
}
