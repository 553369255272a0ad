using Renda.Modules.Representatives;
using Renda.Platform.Validation;

namespace Renda.UnitTests.Representatives;

public sealed class RepresentativeFieldsTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly string Id = "33052319750308123" + ChineseId.CheckDigit("33052319750308123");   // male, 1975-03-08

    private static RepresentativeInput Valid => new()
    {
        Name = "张卫华", Gender = "男", Ethnicity = "汉族", BirthDate = "1975-03-08", IdNumber = Id, Phone = "138 1234 8000",
        Occupation = "教师", Employer = "安吉县实验小学", Constituency = "递铺街道第1选区", DelegationGroup = "递铺街道代表小组", ProfessionalGroup = "教科文卫",
    };

    private static (RepresentativeValues? Values, List<FieldError> Errors) Check(RepresentativeInput input)
    {
        var errors = new List<FieldError>();
        var values = RepresentativeFields.Check(input, ProfessionalGroup.Standard, Today, errors);
        return (values, errors);
    }

    [Fact]
    public void A_valid_row_is_normalized()
    {
        var (v, errors) = Check(Valid with { IdNumber = " " + Id.ToLowerInvariant() + " ", ProfessionalGroup = "教科文卫专业代表小组" });

        Assert.Empty(errors);
        Assert.Equal("13812348000", v!.Phone);
        Assert.Equal(Id, v.IdNumber);
        Assert.Equal(new DateOnly(1975, 3, 8), v.BirthDate);
        Assert.Equal(Gender.Male, v.Gender);
        Assert.Equal("教科文卫", v.ProfessionalGroup);
        Assert.Equal(ConstituencyKind.Constituency, v.ConstituencyKind);
    }

    [Theory]
    [InlineData("1975-03-08", 1975, 3, 8, false)]
    [InlineData("1975/3/8", 1975, 3, 8, false)]
    [InlineData("1975.03.08", 1975, 3, 8, false)]
    [InlineData("19750308", 1975, 3, 8, false)]
    [InlineData("1975年3月8日", 1975, 3, 8, false)]
    [InlineData("1975-03-08 00:00:00", 1975, 3, 8, false)]
    [InlineData("1975.03", 1975, 3, 1, true)]
    [InlineData("1975年3月", 1975, 3, 1, true)]
    public void Dates_are_read_as_rosters_write_them(string text, int y, int m, int d, bool monthOnly) =>
        Assert.Equal((new DateOnly(y, m, d), monthOnly), RepresentativeFields.ParseDate(text));

    [Theory]
    [InlineData("1975-02-30")]
    [InlineData("75-3-8")]
    [InlineData("三月八日")]
    [InlineData("")]
    public void Impossible_dates_are_not_read(string text) => Assert.Null(RepresentativeFields.ParseDate(text));

    [Fact]
    public void A_month_only_birth_date_is_compared_by_month_and_the_day_comes_from_the_id_number()
    {
        var (v, errors) = Check(Valid with { BirthDate = "1975.03" });
        Assert.Empty(errors);
        Assert.Equal(new DateOnly(1975, 3, 8), v!.BirthDate);

        Assert.Equal(["id_birth_date_mismatch"], Check(Valid with { BirthDate = "1975.04" }).Errors.Select(e => e.Reason));
    }

    [Theory]
    [InlineData("idNumber", "33052319750308123X", "id_check_digit")]
    [InlineData("idNumber", "330523197513081231", "id_invalid_date")]
    [InlineData("idNumber", "3305231975030812", "id_format")]
    [InlineData("idNumber", "3.30523197503081E+17", "id_format")]
    [InlineData("phone", "12812348000", "invalid_phone")]
    [InlineData("gender", "未知", "invalid_gender")]
    [InlineData("gender", "女", "id_gender_mismatch")]
    [InlineData("birthDate", "1975-03-09", "id_birth_date_mismatch")]
    [InlineData("birthDate", "2027-01-01", "invalid_date")]
    [InlineData("professionalGroup", "航空航天", "unknown_professional_group")]
    [InlineData("name", "", "required")]
    [InlineData("ethnicity", "汉族汉族汉族汉族汉族汉族汉族汉族汉族汉族汉", "too_long")]
    public void Each_bad_value_has_its_reason(string field, string value, string reason)
    {
        var input = field switch
        {
            "idNumber" => Valid with { IdNumber = value },
            "phone" => Valid with { Phone = value },
            "gender" => Valid with { Gender = value },
            "birthDate" => Valid with { BirthDate = value },
            "professionalGroup" => Valid with { ProfessionalGroup = value },
            "name" => Valid with { Name = value },
            _ => Valid with { Ethnicity = value },
        };
        var (v, errors) = Check(input);

        Assert.Null(v);
        var error = Assert.Single(errors);
        Assert.Equal((field, reason), (error.Field, error.Reason));
        Assert.False(string.IsNullOrWhiteSpace(error.Zh));
        Assert.False(string.IsNullOrWhiteSpace(error.En));
    }

    [Fact]
    public void An_id_number_Excel_turned_into_a_number_is_named_as_such()
    {
        var errors = new List<FieldError>();
        RepresentativeFields.CheckIdNumber("3.30523E+17", errors);
        Assert.Contains("Excel", Assert.Single(errors).Zh);
    }

    [Fact]
    public void Every_missing_required_field_is_listed()
    {
        var (_, errors) = Check(new RepresentativeInput());
        Assert.Equal(["name", "ethnicity", "constituency", "delegationGroup", "gender", "birthDate", "idNumber", "phone"],
            errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal("required", e.Reason));
    }

    [Theory]
    [InlineData("县级、市级", RepresentativeLevels.County | RepresentativeLevels.City)]
    [InlineData("全国人大代表,省人大代表", RepresentativeLevels.National | RepresentativeLevels.Province)]
    [InlineData("乡镇 county", RepresentativeLevels.Township | RepresentativeLevels.County)]
    [InlineData("", RepresentativeLevels.None)]
    public void Levels_are_read_in_Chinese_or_English(string text, RepresentativeLevels expected)
    {
        Assert.Equal(expected, RepresentativeFields.ParseLevels(text, out var unknown));
        Assert.Null(unknown);
    }

    [Fact]
    public void An_unknown_level_is_reported()
    {
        RepresentativeFields.ParseLevels("县级、银河系", out var unknown);
        Assert.Equal("银河系", unknown);
        Assert.Contains(Check(Valid with { Levels = "银河系" }).Errors, e => e.Reason == "unknown_level");
        Assert.Equal(["city", "county"], RepresentativeFields.LevelNames(RepresentativeLevels.County | RepresentativeLevels.City));
    }

    [Fact]
    public void Hostile_text_is_kept_as_given()
    {
        var (v, errors) = Check(Valid with { Name = "<script>alert(1)</script>", Employer = "'; DROP TABLE representatives; --" });
        Assert.Empty(errors);
        Assert.Equal("<script>alert(1)</script>", v!.Name);
        Assert.Equal("'; DROP TABLE representatives; --", v.Employer);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "image/png")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, null)]                 // GIF
    [InlineData(new byte[] { 0x3C, 0x73, 0x76, 0x67 }, null)]                            // <svg
    public void Photos_are_recognised_by_their_bytes(byte[] head, string? type) => Assert.Equal(type, RepresentativePhotos.ContentTypeOf(head));
}
