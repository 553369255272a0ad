namespace Renda.Platform.Jurisdictions;

public enum JurisdictionLevel
{
    Province = 1,
    City = 2,
    County = 3,
    Township = 4,
    Village = 5,
}

/// <summary>A node of the five-level administrative tree (行政区划). Its code is the GB/T 2260 code
/// trimmed to its level (省 2, 市 4, 县 6, 乡镇 9, 村/社区 12 digits), so a node's code is the prefix
/// of every code below it: that is what jurisdiction scoping relies on.</summary>
public sealed class Jurisdiction
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public JurisdictionLevel Level { get; set; }
    public string? ParentCode { get; set; }

    public static JurisdictionLevel LevelOf(string code) => code.Length switch
    {
        2 => JurisdictionLevel.Province,
        4 => JurisdictionLevel.City,
        6 => JurisdictionLevel.County,
        9 => JurisdictionLevel.Township,
        12 => JurisdictionLevel.Village,
        _ => throw new ArgumentException($"Not a GB/T 2260 code of a known level: '{code}'", nameof(code)),
    };

    /// <summary>Digits only, at one of the five lengths.</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: 2 or 4 or 6 or 9 or 12 } && code.All(char.IsAsciiDigit);

    public static string? ParentOf(string code) => code.Length switch
    {
        2 => null,
        4 => code[..2],
        6 => code[..4],
        9 => code[..6],
        12 => code[..9],
        _ => null,
    };
}
