using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Modules.Contacts;

/// <summary>Who may do what in 双联. Rows are always scoped to the caller's jurisdiction by the global
/// filter; these rules add the role and ownership checks on top.</summary>
public static class ContactAccess
{
    /// <summary>Read pairings, the log and the report. Representatives read only their own; station
    /// managers read everything in their jurisdiction with voters masked.</summary>
    public static readonly string[] Readers = [Roles.CongressStaff, Roles.Leader, Roles.Representative, Roles.StationManager];

    /// <summary>Mark committee members and arrange committee pairings (代表工委).</summary>
    public static readonly string[] Managers = [Roles.CongressStaff];

    /// <summary>Arrange voter pairings: staff for anyone in their jurisdiction, a representative for themself.</summary>
    public static readonly string[] VoterPairers = [Roles.CongressStaff, Roles.Representative];

    /// <summary>Record contacts: staff for any pairing; a leader for pairings where they are the committee
    /// member; a representative for their own voters.</summary>
    public static readonly string[] Loggers = [Roles.CongressStaff, Roles.Leader, Roles.Representative];

    /// <summary>The roles an account must hold to be marked as a committee member.</summary>
    public static readonly string[] CommitteeRoles = [Roles.CongressStaff, Roles.Leader];
}

/// <summary>The caller as 双联 sees them: staff eyes (congress_staff, leader) see names in full; a
/// representative sees their own pairings only, with their own voters in full; anyone else who may
/// read (station managers) sees voters' names masked and notes with phone and ID numbers masked.
/// Phones are masked for everyone until revealed, which is audited.</summary>
public sealed record ContactViewer(string? UserId, string? UserName, bool IsStaff, bool IsManager, bool IsLeader,
    bool IsStationManager, long? RepresentativeId)
{
    public static ContactViewer Of(ICurrentUser user) => new(
        user.UserId, user.UserName,
        IsStaff: user.IsInRole(Roles.CongressStaff) || user.IsInRole(Roles.Leader),
        IsManager: user.IsInRole(Roles.CongressStaff),
        IsLeader: user.IsInRole(Roles.Leader),
        IsStationManager: user.IsInRole(Roles.StationManager),
        RepresentativeId: user.IsInRole(Roles.Representative) ? user.RepresentativeId : null);

    /// <summary>A representative (not staff, not a station manager) reads only their own pairings.</summary>
    public bool OwnOnly => !IsStaff && !IsStationManager;

    /// <summary>Whether this caller sees a voter of the given representative in full.</summary>
    public bool SeesVoterOf(long representativeId) => IsStaff || RepresentativeId == representativeId;

    public string VoterName(string name, long representativeId) =>
        SeesVoterOf(representativeId) ? name : Masking.Name(name);

    public string VoterHousehold(string household, long representativeId) =>
        SeesVoterOf(representativeId) ? household : Masking.FreeText(household);

    public string Notes(string notes, long representativeId) =>
        IsStaff || RepresentativeId == representativeId ? notes : Masking.FreeText(notes);
}

public static class ContactLabels
{
    public static string Kind(ContactKind kind, bool english) => (kind, english) switch
    {
        (ContactKind.Visit, false) => "走访",
        (ContactKind.Call, false) => "电话",
        (ContactKind.Meeting, false) => "座谈",
        (ContactKind.Online, false) => "网络",
        (ContactKind.Visit, true) => "Visit",
        (ContactKind.Call, true) => "Call",
        (ContactKind.Meeting, true) => "Meeting",
        _ => "Online",
    };

    public static string Level(ContactLevel level, bool english) => (level, english) switch
    {
        (ContactLevel.Committee, false) => "常委会组成人员联系代表",
        (ContactLevel.Representative, false) => "代表联系选民",
        (ContactLevel.Committee, true) => "Committee members → representatives",
        _ => "Representatives → voters",
    };

    /// <summary>The wire names: <c>committee</c>, <c>representative</c>.</summary>
    public static bool TryParseLevel(string? value, out ContactLevel level)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "committee": level = ContactLevel.Committee; return true;
            case "representative": level = ContactLevel.Representative; return true;
            default: level = default; return false;
        }
    }

    public static string LevelName(ContactLevel level) => level == ContactLevel.Committee ? "committee" : "representative";

    public static string KindName(ContactKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The wire names: <c>visit</c>, <c>call</c>, <c>meeting</c>, <c>online</c>.</summary>
    public static bool TryParseKind(string? value, out ContactKind kind)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "visit": kind = ContactKind.Visit; return true;
            case "call": kind = ContactKind.Call; return true;
            case "meeting": kind = ContactKind.Meeting; return true;
            case "online": kind = ContactKind.Online; return true;
            default: kind = default; return false;
        }
    }
}

internal static class UseCaseResults
{
    /// <summary>The same refusal (status, problem, field errors) as a result of another type.</summary>
    public static UseCaseResult<TOut> Failure<TIn, TOut>(this UseCaseResult<TIn> failed) =>
        failed.Errors is { } errors
            ? UseCaseResult<TOut>.Invalid(errors)
            : UseCaseResult<TOut>.Refused(failed.Status, failed.Slug!, failed.Zh!, failed.En!, failed.Detail);
}

/// <summary>Field checks shared by the use cases: trimmed text without control characters.</summary>
internal static class ContactInput
{
    public static string? Text(string? value, int max, bool required, string field, Dictionary<string, string[]> errors,
        bool multiline = false)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            if (required) errors[field] = ["必填 / required"];
            return required ? null : "";
        }
        if (text.Length > max)
        {
            errors[field] = [$"最多 {max} 个字符 / at most {max} characters"];
            return null;
        }
        if (text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')) || !IsWellFormed(text))
        {
            errors[field] = ["含有不允许的控制字符 / contains control characters"];
            return null;
        }
        return text;
    }

    private static bool IsWellFormed(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
            if (char.IsSurrogate(s[i])) return false;
        }
        return true;
    }
}
