using EventEngine.Web.Pdf;

namespace EventEngine.Web.Tests.Pdf;

public class VisualOrderTests
{
    [Theory]
    [InlineData("Zoë Müller", "Zoë Müller")] // left to right: unchanged
    [InlineData("שרה כהן", "ןהכ הרש")] // Hebrew is drawn from its last letter
    [InlineData("Sarah שרה Cohen", "Sarah הרש Cohen")] // a Hebrew word inside English
    [InlineData("שרה (Sarah)", "(Sarah) הרש")] // an English word inside Hebrew, brackets mirrored
    [InlineData("שולחן 12", "12 ןחלוש")] // numbers keep their own order
    [InlineData("דוד (בן)", "(ןב) דוד")] // brackets in Hebrew are mirrored
    [InlineData("כהן, שרה", "הרש ,ןהכ")] // last name first: the first word typed is the rightmost
    public void Right_to_left_text_is_put_in_drawing_order(string typed, string drawn) =>
        Assert.Equal(drawn, VisualOrder.Of(typed));

    [Fact]
    public void Arabic_letters_take_their_joined_forms_and_lam_alef_becomes_one_ligature()
    {
        // بب: beh (initial form U+FE91) then beh (final U+FE90), drawn right to left.
        Assert.Equal("\uFE90\uFE91", VisualOrder.Of("بب"));
        // لا: lam and alef join into the lam-alef ligature (isolated U+FEFB).
        Assert.Equal("\uFEFB", VisualOrder.Of("لا"));
        // ليلى: lam initial, yeh medial, lam medial, alef maksura final; reversed for drawing.
        Assert.Equal("\uFEF0\uFEE0\uFEF4\uFEDF", VisualOrder.Of("ليلى"));
    }
}
