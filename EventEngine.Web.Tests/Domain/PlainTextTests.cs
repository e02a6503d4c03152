using EventEngine.Web.Domain;

namespace EventEngine.Web.Tests.Domain;

public class PlainTextTests
{
    [Fact]
    public void Every_embedding_override_and_isolate_control_is_taken_out_and_nothing_else()
    {
        var controls = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";

        Assert.Equal("evil name", PlainText.WithoutBidiControls($"{controls}evil{controls} name"));
        Assert.All(controls, c => Assert.True(PlainText.IsBidiControl(c)));
        // Right-to-left names, marks and emoji are text, not controls.
        Assert.Equal("שרה כהן · ليلى حداد \u200F😀", PlainText.WithoutBidiControls("שרה כהן · ليلى حداد \u200F😀"));
    }
}
