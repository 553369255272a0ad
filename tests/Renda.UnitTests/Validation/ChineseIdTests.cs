using Renda.Platform.Validation;

namespace Renda.UnitTests.Validation;

public sealed class ChineseIdTests
{
    [Theory]
    [InlineData("11010519491231002X")]   // the standard's own example
    [InlineData("330523198001010011")]
    [InlineData("33052319750615012X")]
    [InlineData("11010519491231002x")]   // lower-case x is accepted
    public void Valid_numbers_pass(string id) => Assert.Equal(ChineseId.Problem.None, ChineseId.Check(id));

    [Theory]
    [InlineData("110105194912310021", ChineseId.Problem.CheckDigit)]
    [InlineData("110105194913310026", ChineseId.Problem.BirthDate)]   // month 13
    [InlineData("11010519491231002", ChineseId.Problem.Format)]       // 17 characters
    [InlineData("1101051949123100ZX", ChineseId.Problem.Format)]
    [InlineData("", ChineseId.Problem.Format)]
    [InlineData("'; DROP TABLE x;--", ChineseId.Problem.Format)]
    public void Bad_numbers_say_why(string id, ChineseId.Problem expected) => Assert.Equal(expected, ChineseId.Check(id));

    [Fact]
    public void Check_digit_birth_date_and_gender_are_read_from_the_number()
    {
        Assert.Equal('X', ChineseId.CheckDigit("11010519491231002"));
        Assert.Equal(new DateOnly(1949, 12, 31), ChineseId.BirthDate("11010519491231002X"));
        Assert.Equal("female", ChineseId.Gender("11010519491231002X"));
        Assert.Equal("male", ChineseId.Gender("330523198001010011"));
    }

    [Theory]
    [InlineData("13812348000", "13812348000")]
    [InlineData("+86 138-1234-8000", "13812348000")]
    [InlineData("008619912345678", "19912345678")]
    [InlineData("12812348000", null)]
    [InlineData("1381234800", null)]
    [InlineData("1381234800a", null)]
    [InlineData("０１３８１２３４８０００", null)]
    [InlineData(null, null)]
    public void Mobile_numbers_are_normalized_or_refused(string? input, string? expected) =>
        Assert.Equal(expected, MobilePhone.Normalize(input));
}
