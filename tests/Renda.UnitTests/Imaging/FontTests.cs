using System.Text;
using Renda.Platform.Http;
using Renda.Platform.Imaging;

namespace Renda.UnitTests.Imaging;

/// <summary>The TrueType/WOFF reader on a font built in the test (every outline case) and on the real
/// Noto Sans SC subsets from npm.</summary>
public sealed class FontTests
{
    [Fact]
    public void A_simple_glyph_is_read_with_its_points_and_advance()
    {
        var font = TrueTypeFont.Load(TinyFont.Ttf());

        Assert.Equal(1000, font.UnitsPerEm);
        Assert.Equal((880, -120), (font.Ascender, font.Descender));
        Assert.Equal(1, font.GlyphIndex('A'));
        Assert.Equal(0, font.GlyphIndex('Z'));
        Assert.Equal(700, font.Advance(1));
        Assert.Equal(1100, font.Advance(4)); // beyond numberOfHMetrics: the last advance repeats
        var contour = Assert.Single(font.Outline(1));
        Assert.Equal([(100.0, 0.0), (100, 500), (600, 500), (600, 0)], contour.Select(p => (p.X, p.Y)));
        Assert.All(contour, p => Assert.True(p.OnCurve));
        Assert.Empty(font.Outline(0));
    }

    [Fact]
    public void A_composite_glyph_places_scaled_and_moved_components()
    {
        var font = TrueTypeFont.Load(TinyFont.Ttf());

        var contours = font.Outline(font.GlyphIndex('B'));

        Assert.Equal(2, contours.Count);
        Assert.Equal([(100.0, 0.0), (100, 500), (600, 500), (600, 0)], contours[0].Select(p => (p.X, p.Y)));
        Assert.Equal([(750.0, 0.0), (750, 250), (1000, 250), (1000, 0)], contours[1].Select(p => (p.X, p.Y)));
    }

    [Fact]
    public void A_composite_glyph_can_anchor_a_component_by_point_numbers()
    {
        var font = TrueTypeFont.Load(TinyFont.Ttf());

        var contours = font.Outline(font.GlyphIndex('D'));

        Assert.Equal([(600.0, 500.0), (600, 1000), (1100, 1000), (1100, 500)], contours[1].Select(p => (p.X, p.Y)));
    }

    [Fact]
    public void The_WOFF_wrapping_decompresses_to_the_same_font()
    {
        var ttf = TinyFont.Ttf();
        var woff = TinyFont.Woff(ttf);
        Assert.Equal("wOFF", Encoding.ASCII.GetString(woff, 0, 4));

        var a = TrueTypeFont.Load(ttf);
        var b = TrueTypeFont.Load(woff);

        Assert.Equal(a.GlyphCount, b.GlyphCount);
        foreach (var ch in "ABCD")
        {
            Assert.Equal(a.GlyphIndex(ch), b.GlyphIndex(ch));
            Assert.Equal(a.Outline(a.GlyphIndex(ch)).SelectMany(c => c), b.Outline(b.GlyphIndex(ch)).SelectMany(c => c));
        }
    }

    [Fact]
    public void A_format_12_cmap_maps_characters_beyond_the_basic_plane()
    {
        var font = TrueTypeFont.Load(TinyFont.Ttf(format12: true));
        Assert.Equal(2, font.GlyphIndex(TinyFont.Emoji));
        Assert.Equal(3, font.GlyphIndex('C'));
        Assert.Equal(0, font.GlyphIndex('E'));
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 0x77, 0x4F, 0x46, 0x32, 0, 0, 0, 0, 0, 0, 0, 0 })]   // wOF2
    [InlineData(new byte[] { 0x4F, 0x54, 0x54, 0x4F, 0, 0, 0, 0, 0, 0, 0, 0 })]   // OTTO (CFF)
    public void What_is_not_a_readable_font_is_refused_with_a_font_error(byte[] file) =>
        Assert.Throws<FontFormatException>(() => TrueTypeFont.Load(file));

    [Fact]
    public void A_truncated_font_is_refused_with_a_font_error()
    {
        var woff = TinyFont.Woff(TinyFont.Ttf());
        Assert.Throws<FontFormatException>(() => TrueTypeFont.Load(woff[..(woff.Length / 2)]));
    }

    [Fact]
    public void Noto_Sans_SC_has_人_with_ink_where_the_character_stands_and_the_space_has_none()
    {
        var font = TrueTypeFont.Load(File.ReadAllBytes(NotoPath()));
        var fonts = new FontSet(font);

        var ren = font.GlyphIndex('人');
        Assert.NotEqual(0, ren);
        Assert.Equal(font.UnitsPerEm, font.Advance(ren)); // a full-width ideograph
        Assert.NotEmpty(font.Outline(ren));

        var image = new GrayImage(120, 120);
        TextRenderer.DrawCentered(image, fonts, "人", 100, 60, 100, 120);
        // 人 is two strokes meeting at the top centre and spreading to the bottom corners.
        Assert.True(Ink(image, 45, 10, 30, 30) > 0.15, "ink near the top centre");
        Assert.True(Ink(image, 10, 70, 30, 25) > 0.1, "ink at the lower left");
        Assert.True(Ink(image, 80, 70, 30, 25) > 0.1, "ink at the lower right");
        Assert.Equal(0, Ink(image, 50, 85, 20, 13), 2); // between the legs
        Assert.Equal(0, Ink(image, 0, 0, 120, 5), 3);   // above the em box
        Assert.Equal(0, Ink(image, 0, 113, 120, 7), 3);  // below the em box (its bottom is 0.12 em under the baseline)
        Assert.Contains(image.Pixels, p => p is > 0 and < 255); // anti-aliased edges

        var space = font.GlyphIndex(' ');
        Assert.NotEqual(0, space);
        Assert.Empty(font.Outline(space));
        Assert.True(font.Advance(space) > 0);
        var blank = new GrayImage(120, 120);
        TextRenderer.DrawCentered(blank, fonts, " ", 100, 60, 100, 120);
        Assert.All(blank.Pixels, p => Assert.Equal(255, p));
    }

    [Fact]
    public void A_character_missing_from_the_main_subset_comes_from_a_sibling_subset_read_lazily()
    {
        var path = NotoPath();
        var fonts = FontSet.Open(path, FontSet.SiblingSubsets(path));

        Assert.False(fonts.Resolve('人').Missing);
        Assert.Equal(0, fonts.FallbacksProbed);       // nothing read for a character the main subset has

        var zhang = fonts.Resolve('鄣');               // 鄣吴镇 is a township of 安吉县; not in the Simplified Chinese subset
        Assert.False(zhang.Missing);
        Assert.NotSame(fonts.Resolve('人').Font, zhang.Font);
        Assert.NotEmpty(zhang.Font!.Outline(zhang.Glyph));
        Assert.InRange(fonts.FallbacksProbed, 1, FontSet.SiblingSubsets(path).Count() - 1);
    }

    [Fact]
    public void A_subset_with_a_format_12_cmap_supplies_a_character_outside_the_basic_plane()
    {
        var path = NotoPath();
        var fonts = FontSet.Open(path, FontSet.SiblingSubsets(path));
        var squared = fonts.Resolve(0x1F21A); // 🈚, in a subset whose cmap is format 12
        Assert.False(squared.Missing);
        Assert.NotEmpty(squared.Font!.Outline(squared.Glyph));
    }

    [Fact]
    public void A_character_no_subset_has_is_drawn_as_a_visible_box()
    {
        var path = NotoPath();
        var fonts = FontSet.Open(path, FontSet.SiblingSubsets(path));
        Assert.True(fonts.Resolve(0x20BB7).Missing); // 𠮷: in no subset of the package

        var image = new GrayImage(100, 100);
        TextRenderer.DrawCentered(image, fonts, "𠮷", 80, 50, 80, 100);

        Assert.True(Ink(image, 10, 0, 80, 100) > 0.1, "the box's outline has ink");
        Assert.Equal(0, Ink(image, 35, 35, 30, 20), 2); // and its middle is empty
    }

    internal static string NotoPath()
    {
        var modules = NpmModules.Find() ?? throw new InvalidOperationException("node_modules not found: build the app first (it runs npm ci).");
        return Path.Combine(modules, "@fontsource", "noto-sans-sc", "files", "noto-sans-sc-chinese-simplified-400-normal.woff");
    }

    /// <summary>The mean ink (0 white … 1 black) of a rectangle.</summary>
    internal static double Ink(GrayImage image, int x, int y, int w, int h)
    {
        double sum = 0;
        for (var row = y; row < y + h; row++)
            for (var col = x; col < x + w; col++)
                sum += 255 - image[col, row];
        return sum / (255.0 * w * h);
    }
}
