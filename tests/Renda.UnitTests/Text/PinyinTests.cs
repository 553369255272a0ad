using System.Text;
using Renda.Platform.Text;

namespace Renda.UnitTests.Text;

public sealed class PinyinTests
{
    private static readonly Pinyin Py = Pinyin.Default;

    [Fact]
    public void The_dictionary_is_read_from_the_npm_install()
    {
        Assert.True(Py.Count > 20_000, $"{Py.Count} characters");
        Assert.Equal(["zhāng"], Py.Readings(new Rune('张')));
        Assert.Equal(["huá", "huà", "huā"], Py.Readings(new Rune('华')));
        Assert.Empty(Py.Readings(new Rune('A')));
    }

    [Theory]
    [InlineData("张卫华", "zwh")]
    [InlineData("李娜", "ln")]
    [InlineData("欧阳娜娜", "oynn")]       // compound surname
    [InlineData("单田芳", "stf")]           // 单 as a surname is shàn, not dān
    [InlineData("曾国藩", "zgf")]           // 曾 as a surname is zēng, not céng
    [InlineData("万俟卨", "mqx")]           // 万俟 is mò qí
    [InlineData("阿不都·热合曼", "abdrhm")] // the middle dot is skipped
    [InlineData("Anna 王", "annaw")]        // Latin letters are kept, lower case
    [InlineData("  ", "")]
    [InlineData(null, "")]
    public void Initials_read_surnames_as_surnames(string? name, string expected) => Assert.Equal(expected, Py.Initials(name));

    [Fact]
    public void A_surname_alone_is_read_as_a_word()
    {
        Assert.Equal("d", Py.Initials("单"));
    }

    [Fact]
    public void The_search_key_adds_variants_for_given_names_whose_readings_start_differently()
    {
        // 长 is cháng or zhǎng; the surname 张 has one reading
        Assert.Equal("zcl zzl", Py.SearchKey("张长林"));
        Assert.Equal("zwh", Py.SearchKey("张卫华"));   // 华's readings all start with h
    }

    [Fact]
    public void The_search_key_is_bounded()
    {
        var longName = string.Concat(Enumerable.Repeat("长乐行", 40));
        var key = Py.SearchKey(longName);
        Assert.True(key.Length <= Pinyin.MaxKeyLength, $"{key.Length} characters");
        Assert.StartsWith(Py.Initials(longName), key);
    }

    [Fact]
    public void Hostile_text_gives_harmless_initials()
    {
        Assert.Equal("scriptalert1script", Py.Initials("<script>alert(1)</script>"));
        Assert.Equal("or11", Py.Initials("' OR 1=1 --"));
    }
}
