using System.Globalization;
using System.Text.RegularExpressions;
using Renda.Platform.Jurisdictions;
using Renda.Platform.Validation;

namespace Renda.Modules.Representatives;

/// <summary>The fields of a representative as people write them (a row of a spreadsheet, a form, a
/// JSON body): every value is text, so that nothing is lost to a type error and each bad value gets
/// its own reason.</summary>
public sealed record RepresentativeInput
{
    public string? Name { get; init; }
    public string? Gender { get; init; }
    public string? Ethnicity { get; init; }
    public string? BirthDate { get; init; }
    public string? IdNumber { get; init; }
    public string? Phone { get; init; }
    public string? Occupation { get; init; }
    public string? Employer { get; init; }
    /// <summary>e.g. "县级、市级" or "county,city"; empty means the level of the term's congress.</summary>
    public string? Levels { get; init; }
    public string? Constituency { get; init; }
    /// <summary>"constituency" (选区, the default) or "electing_unit" (选举单位).</summary>
    public string? ConstituencyKind { get; init; }
    public string? DelegationGroup { get; init; }
    public string? ProfessionalGroup { get; init; }
    /// <summary>The township by name or 9-digit code; empty means the delegation group's.</summary>
    public string? Township { get; init; }
    public string? OfficeStartedOn { get; init; }
}

/// <summary>One reason a value is refused. <see cref="Field"/> is the API's field name, <see cref="Reason"/> a
/// stable code, <see cref="Zh"/>/<see cref="En"/> what people read.</summary>
public sealed record FieldError(string Field, string Reason, string Zh, string En)
{
    public string Message => $"{Zh} / {En}";
}

/// <summary>A representative's fields, checked and normalized.</summary>
public sealed record RepresentativeValues(
    string Name, Gender Gender, string Ethnicity, DateOnly BirthDate, string IdNumber, string Phone, string Occupation,
    string Employer, RepresentativeLevels Levels, string Constituency, ConstituencyKind ConstituencyKind, string DelegationGroup,
    string? ProfessionalGroup, string? Township, DateOnly? OfficeStartedOn);

/// <summary>The rules of the roster's fields, shared by the form, the API and the import, so each bad
/// value is refused for the same reason wherever it comes from.</summary>
public static partial class RepresentativeFields
{
    public const int NameMax = 50, EthnicityMax = 20, OccupationMax = 100, EmployerMax = 200, ConstituencyMax = 100, GroupMax = 100;

    public static class Reasons
    {
        public const string Required = "required";
        public const string TooLong = "too_long";
        public const string InvalidGender = "invalid_gender";
        public const string InvalidDate = "invalid_date";
        public const string IdFormat = "id_format";
        public const string IdInvalidDate = "id_invalid_date";
        public const string IdCheckDigit = "id_check_digit";
        public const string IdBirthDateMismatch = "id_birth_date_mismatch";
        public const string IdGenderMismatch = "id_gender_mismatch";
        public const string InvalidPhone = "invalid_phone";
        public const string UnknownProfessionalGroup = "unknown_professional_group";
        public const string UnknownLevel = "unknown_level";
        public const string InvalidKind = "invalid_constituency_kind";
    }

    /// <summary>Checks every field and returns the values, or null with every reason found.</summary>
    /// <param name="professionalGroups">The configured professional groups: any other name is refused.</param>
    /// <param name="today">Today in China, for dates that cannot be in the future.</param>
    public static RepresentativeValues? Check(RepresentativeInput input, IReadOnlyCollection<string> professionalGroups, DateOnly today,
        List<FieldError> errors)
    {
        var before = errors.Count;
        var name = Text(input.Name, "name", NameMax, required: true, errors);
        var ethnicity = Text(input.Ethnicity, "ethnicity", EthnicityMax, required: true, errors);
        var occupation = Text(input.Occupation, "occupation", OccupationMax, required: false, errors);
        var employer = Text(input.Employer, "employer", EmployerMax, required: false, errors);
        var constituency = Text(input.Constituency, "constituency", ConstituencyMax, required: true, errors);
        var delegationGroup = Text(input.DelegationGroup, "delegationGroup", GroupMax, required: true, errors);
        var township = Clean(input.Township);

        var professionalGroup = Clean(input.ProfessionalGroup);
        if (professionalGroup is not null)
        {
            if (professionalGroup.EndsWith("专业代表小组", StringComparison.Ordinal) && professionalGroup.Length > 6) professionalGroup = professionalGroup[..^6];
            else if (professionalGroup.EndsWith("小组", StringComparison.Ordinal) && professionalGroup.Length > 2) professionalGroup = professionalGroup[..^2];
            if (!professionalGroups.Contains(professionalGroup))
                errors.Add(new("professionalGroup", Reasons.UnknownProfessionalGroup,
                    "专业代表小组不在配置的名单中（" + string.Join("、", professionalGroups) + "）", "not one of the configured professional groups"));
        }

        var gender = ParseGender(input.Gender);
        if (Clean(input.Gender) is null) errors.Add(Missing("gender"));
        else if (gender is null) errors.Add(new("gender", Reasons.InvalidGender, "性别应为“男”或“女”", "gender must be 男 or 女 (male or female)"));

        var birth = ParseDate(input.BirthDate);
        if (Clean(input.BirthDate) is null) errors.Add(Missing("birthDate"));
        else if (birth is null || birth.Value.Date > today || birth.Value.Date.Year < 1900)
        {
            errors.Add(new("birthDate", Reasons.InvalidDate, "出生日期无法识别（如 1975-03-08 或 1975年3月）", "birth date not recognised (e.g. 1975-03-08 or 1975年3月)"));
            birth = null;
        }

        var id = CheckIdNumber(input.IdNumber, errors);
        if (id is not null)
        {
            var idBirth = ChineseId.BirthDate(id)!.Value;
            if (birth is { } b && (b.MonthOnly ? (b.Date.Year, b.Date.Month) != (idBirth.Year, idBirth.Month) : b.Date != idBirth))
                errors.Add(new("birthDate", Reasons.IdBirthDateMismatch, "出生日期与身份证号码不一致", "birth date does not match the ID number"));
            if (gender is { } g && (g == Representatives.Gender.Male) != (ChineseId.Gender(id) == "male"))
                errors.Add(new("gender", Reasons.IdGenderMismatch, "性别与身份证号码不一致", "gender does not match the ID number"));
        }

        var phone = MobilePhone.Normalize(input.Phone);
        if (Clean(input.Phone) is null) errors.Add(Missing("phone"));
        else if (phone is null) errors.Add(new("phone", Reasons.InvalidPhone, "手机号码无效（应为 11 位，以 13–19 开头）", "not a valid mobile number (11 digits starting 13–19)"));

        var levels = ParseLevels(input.Levels, out var unknownLevel);
        if (unknownLevel is not null)
            errors.Add(new("levels", Reasons.UnknownLevel, $"无法识别的代表层级“{Truncate(unknownLevel)}”（全国、省、市、县、乡）",
                "unknown level (national, province, city, county, township)"));

        var kind = ConstituencyKind.Constituency;
        if (Clean(input.ConstituencyKind) is { } k)
        {
            if (k is "electing_unit" or "选举单位") kind = ConstituencyKind.ElectingUnit;
            else if (k is not ("constituency" or "选区"))
                errors.Add(new("constituencyKind", Reasons.InvalidKind, "应为“选区”或“选举单位”", "must be constituency or electing_unit"));
        }

        DateOnly? started = null;
        if (Clean(input.OfficeStartedOn) is not null)
        {
            var s = ParseDate(input.OfficeStartedOn);
            if (s is null || s.Value.MonthOnly) errors.Add(new("officeStartedOn", Reasons.InvalidDate, "任职起始日期无法识别", "start of office not recognised"));
            else started = s.Value.Date;
        }

        if (errors.Count > before) return null;
        return new RepresentativeValues(name!, gender!.Value, ethnicity!, ChineseId.BirthDate(id!)!.Value, id!, phone!, occupation ?? "",
            employer ?? "", levels, constituency!, kind, delegationGroup!, professionalGroup, township, started);
    }

    /// <summary>The ID number normalized, or null with the reason: a number Excel turned into 3.30523E+17
    /// is named as such, because that is what happened to it.</summary>
    public static string? CheckIdNumber(string? value, List<FieldError> errors)
    {
        var raw = Clean(value);
        if (raw is null)
        {
            errors.Add(Missing("idNumber"));
            return null;
        }
        raw = raw.Replace(" ", "", StringComparison.Ordinal).TrimStart('\'');
        switch (ChineseId.Check(raw))
        {
            case ChineseId.Problem.None:
                return ChineseId.Normalize(raw);
            case ChineseId.Problem.CheckDigit:
                errors.Add(new("idNumber", Reasons.IdCheckDigit, "身份证号码校验位错误", "the ID number's check digit is wrong"));
                return null;
            case ChineseId.Problem.BirthDate:
                errors.Add(new("idNumber", Reasons.IdInvalidDate, "身份证号码中的出生日期无效", "the ID number holds no valid birth date"));
                return null;
            default:
                errors.Add(ExcelNumber().IsMatch(raw)
                    ? new("idNumber", Reasons.IdFormat, "身份证号码被 Excel 存成了数字，后几位已丢失：请将该列设为文本后重新录入",
                        "Excel stored the ID number as a number and lost its last digits: format the column as text and enter it again")
                    : new("idNumber", Reasons.IdFormat, "身份证号码应为 18 位（末位可为 X）", "the ID number must have 18 characters (the last may be X)"));
                return null;
        }
    }

    public static Gender? ParseGender(string? value) => Clean(value)?.ToLowerInvariant() switch
    {
        "男" or "男性" or "m" or "male" => Gender.Male,
        "女" or "女性" or "f" or "female" => Gender.Female,
        _ => null,
    };

    /// <summary>A date as written in rosters: 1975-03-08, 1975/3/8, 1975.3.8, 19750308, 1975年3月8日, or a
    /// month only (1975.03, 1975-3, 1975年3月), common in 出生年月 columns.</summary>
    public static (DateOnly Date, bool MonthOnly)? ParseDate(string? value)
    {
        var s = Clean(value);
        if (s is null) return null;
        if (s.Length >= 19 && s[10] == ' ') s = s[..10];   // a date cell read with a time of 00:00:00
        if (s.Length == 8 && s.All(char.IsAsciiDigit))
            return DateOnly.TryParseExact(s, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var compact) ? (compact, false) : null;
        var m = DatePattern().Match(s);
        if (!m.Success) return null;
        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var hasDay = m.Groups["d"].Success;
        var day = hasDay ? int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture) : 1;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        return (new DateOnly(year, month, day), !hasDay);
    }

    /// <summary>Levels named in Chinese or English, separated by 、，,; or spaces; unknown ones reported.</summary>
    public static RepresentativeLevels ParseLevels(string? value, out string? unknown)
    {
        unknown = null;
        var levels = RepresentativeLevels.None;
        foreach (var token in (Clean(value) ?? "").Split(['、', ',', '，', ';', '；', ' ', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var level = LevelOf(token);
            if (level is null) unknown ??= token;
            else levels |= level.Value;
        }
        return levels;
    }

    private static RepresentativeLevels? LevelOf(string token)
    {
        var t = token.ToLowerInvariant().Replace("人大代表", "", StringComparison.Ordinal).Replace("代表", "", StringComparison.Ordinal)
            .Replace("人大", "", StringComparison.Ordinal);
        if (t.EndsWith('级') && t.Length > 1) t = t[..^1];
        return t switch
        {
            "全国" or "national" => RepresentativeLevels.National,
            "省" or "省区市" or "自治区" or "直辖市" or "province" => RepresentativeLevels.Province,
            "市" or "地" or "地市" or "设区的市" or "自治州" or "city" => RepresentativeLevels.City,
            "县" or "区" or "县区" or "县（市、区）" or "县市区" or "county" => RepresentativeLevels.County,
            "乡" or "镇" or "乡镇" or "街道" or "township" => RepresentativeLevels.Township,
            _ => null,
        };
    }

    /// <summary>The level of a congress at a jurisdiction of this level.</summary>
    public static RepresentativeLevels LevelOfCongress(JurisdictionLevel level) => level switch
    {
        JurisdictionLevel.Province => RepresentativeLevels.Province,
        JurisdictionLevel.City => RepresentativeLevels.City,
        JurisdictionLevel.County => RepresentativeLevels.County,
        _ => RepresentativeLevels.Township,
    };

    /// <summary>API names of the levels, highest first: ["county", "township"].</summary>
    public static IReadOnlyList<string> LevelNames(RepresentativeLevels levels) =>
        Enum.GetValues<RepresentativeLevels>().Where(l => l != RepresentativeLevels.None && levels.HasFlag(l))
            .Select(l => l.ToString().ToLowerInvariant()).ToList();

    public static string LevelLabel(RepresentativeLevels level, bool english) => (level, english) switch
    {
        (RepresentativeLevels.National, false) => "全国",
        (RepresentativeLevels.Province, false) => "省级",
        (RepresentativeLevels.City, false) => "市级",
        (RepresentativeLevels.County, false) => "县级",
        (RepresentativeLevels.Township, false) => "乡级",
        _ => level.ToString(),
    };

    public static string LevelsLabel(RepresentativeLevels levels, bool english) =>
        string.Join(english ? ", " : "、", Enum.GetValues<RepresentativeLevels>()
            .Where(l => l != RepresentativeLevels.None && levels.HasFlag(l)).Select(l => LevelLabel(l, english)));

    /// <summary>Trimmed (full-width spaces too), null when empty.</summary>
    public static string? Clean(string? value)
    {
        if (value is null) return null;
        var s = value.Trim().Trim('\u3000').Trim();
        return s.Length == 0 ? null : s;
    }

    private static string? Text(string? value, string field, int max, bool required, List<FieldError> errors)
    {
        var s = Clean(value);
        if (s is null)
        {
            if (required) errors.Add(Missing(field));
            return null;
        }
        if (s.Length > max)
        {
            errors.Add(new(field, Reasons.TooLong, $"超过 {max} 个字符", $"longer than {max} characters"));
            return null;
        }
        return s;
    }

    public static FieldError Missing(string field) => new(field, Reasons.Required, "必填", "required");

    private static string Truncate(string s) => s.Length <= 20 ? s : s[..20] + "…";

    [GeneratedRegex(@"^(?<y>(19|20)\d\d)\s*[-/.年]\s*(?<m>\d{1,2})(\s*[-/.月]\s*(?<d>\d{1,2})\s*日?|\s*月)?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\d(\.\d+)?E\+?\d+$", RegexOptions.IgnoreCase)]
    private static partial Regex ExcelNumber();
}
