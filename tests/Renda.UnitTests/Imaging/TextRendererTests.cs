using System.Text;
using Renda.Platform.Imaging;

namespace Renda.UnitTests.Imaging;

public sealed class TextRendererTests
{
    [Theory]
    [InlineData("  递铺街道\n代表联络站 ", "递铺街道 代表联络站")]
    [InlineData("a\u0000b\u200Bc\u202Ed", "abcd")]
    [InlineData("\t", "")]
    [InlineData(null, "")]
    public void Clean_makes_one_printable_line(string? input, string expected) =>
        Assert.Equal(expected, TextRenderer.Clean(input));

    [Fact]
    public void Text_that_fits_is_left_whole()
    {
        Assert.Equal("安吉县", TextRenderer.Fit("安吉县", 3, TextRenderer.EstimatedAdvanceEm));
    }

    [Fact]
    public void Text_too_wide_is_cut_at_a_character_and_ends_with_an_ellipsis()
    {
        var fitted = TextRenderer.Fit("浙江省湖州市安吉县递铺街道代表联络站", 10, TextRenderer.EstimatedAdvanceEm);
        Assert.EndsWith("…", fitted);
        Assert.StartsWith("浙江省湖州市安吉", fitted);
        Assert.True(TextRenderer.WidthEm(fitted, TextRenderer.EstimatedAdvanceEm) <= 10);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var fitted = TextRenderer.Fit(string.Concat(Enumerable.Repeat("𠮷", 20)), 5.5, TextRenderer.EstimatedAdvanceEm);
        Assert.Equal(string.Concat(Enumerable.Repeat("𠮷", 4)) + "…", fitted);
        Assert.True(fitted.EnumerateRunes().All(r => r.Value != Rune.ReplacementChar.Value));
    }
}
