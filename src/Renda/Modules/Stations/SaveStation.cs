using Microsoft.EntityFrameworkCore;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Jurisdictions;
using CodeGenerator = Renda.Modules.Representatives.PublicCodes;

namespace Renda.Modules.Stations;

public sealed record OpeningRuleInput(string? Rule, bool Met, string? Note);

/// <summary>A station as the form or the API sends it. On create, name, kind, jurisdiction, address and
/// grade are required; on update a null field is left as it is and <see cref="Version"/> is required.</summary>
public sealed record StationInput(string? Name = null, string? Kind = null, string? JurisdictionCode = null, string? Address = null,
    int? Grade = null, string? ManagerUserName = null, string? ContactName = null, IReadOnlyList<OpeningRuleInput>? OpeningRules = null,
    long? Version = null);

/// <summary>Parsing the identifiers the API and the forms use.</summary>
public static class StationInputs
{
    public static bool TryKind(string? text, out StationKind kind)
    {
        kind = text?.Trim().ToLowerInvariant() switch
        {
            "home" => StationKind.Home,
            "station" => StationKind.Station,
            "point" => StationKind.Point,
            _ => 0,
        };
        return kind != 0;
    }

    public static string KindId(StationKind kind) => kind switch
    {
        StationKind.Home => "home",
        StationKind.Station => "station",
        _ => "point",
    };

    public static string RuleId(OpeningRule rule) => rule switch
    {
        OpeningRule.DoorOpen => "door_open",
        OpeningRule.RepresentativesResident => "representatives_resident",
        OpeningRule.VotersVisit => "voters_visit",
        _ => "activities_regular",
    };

    public static bool TryRule(string? text, out OpeningRule rule)
    {
        foreach (var r in Station.Rules)
            if (RuleId(r) == text?.Trim()) { rule = r; return true; }
        rule = 0;
        return false;
    }

    /// <summary>ISO weekday: Monday 1 … Sunday 7.</summary>
    public static int IsoWeekday(DayOfWeek d) => d == DayOfWeek.Sunday ? 7 : (int)d;
    public static DayOfWeek FromIso(int iso) => iso == 7 ? DayOfWeek.Sunday : (DayOfWeek)iso;

    /// <summary>Trimmed text, or an error when longer than <paramref name="max"/>.</summary>
    public static string Text(string? value, int max, string field, Dictionary<string, string[]> errors, bool required = false)
    {
        var t = value?.Trim() ?? "";
        if (required && t.Length == 0) errors[field] = ["必填 / required"];
        else if (t.Length > max) errors[field] = [$"最多 {max} 个字符 / at most {max} characters"];
        return t;
    }
}

/// <summary>Creating and editing a station. Staff create stations and set every field; a station manager
/// edits the address, the named contact and the opening rules of their own station — kind, name, grade
/// (星级评定 is the congress's) and manager stay with staff. The jurisdiction is fixed at creation.</summary>
public sealed class SaveStation(AppDbContext db, StationAccess access, ICurrentUser me)
{
    public async Task<UseCaseResult<long>> CreateAsync(StationInput input, CancellationToken ct = default)
    {
        if (!access.CanAdminister)
            return UseCaseResult<long>.Refused(403, "forbidden", "只有人大工作人员可以新建家站点", "Only congress staff create stations");
        var errors = new Dictionary<string, string[]>();
        var name = StationInputs.Text(input.Name, 100, "name", errors, required: true);
        var address = StationInputs.Text(input.Address, 200, "address", errors, required: true);
        var contact = StationInputs.Text(input.ContactName, 50, "contactName", errors);
        StationKind kind = 0;
        if (string.IsNullOrWhiteSpace(input.Kind)) errors["kind"] = ["必填 / required"];
        else if (!StationInputs.TryKind(input.Kind, out kind)) errors["kind"] = ["应为 home、station 或 point / must be home, station or point"];
        CheckGrade(input.Grade, required: true, errors);
        var code = input.JurisdictionCode?.Trim() ?? "";
        await CheckJurisdictionAsync(code, errors, ct);
        var managerId = await ManagerAsync(input.ManagerUserName, errors, ct);
        var rules = Rules(input.OpeningRules, errors);
        if (errors.Count > 0) return UseCaseResult<long>.Invalid(errors);

        var station = new Station
        {
            JurisdictionCode = code, Kind = kind, Name = name, Address = address, Grade = input.Grade!.Value,
            PublicCode = CodeGenerator.New(), ManagerUserId = managerId.Value, ContactName = contact,
        };
        foreach (var (rule, met, note) in rules ?? []) station.SetRule(rule, met, note);
        db.Add(station);
        await db.SaveChangesAsync(ct);
        return UseCaseResult<long>.Success(station.Id, 201);
    }

    public async Task<UseCaseResult<long>> UpdateAsync(long id, StationInput input, CancellationToken ct = default)
    {
        var station = await access.Visible(db.Set<Station>()).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (station is null) return UseCaseResult<long>.NotFound();
        if (!access.CanEdit(station))
            return UseCaseResult<long>.Refused(403, "forbidden", "无权修改此家站点", "You may not edit this station");
        var errors = new Dictionary<string, string[]>();
        if (input.Version is null) errors["version"] = ["必填：修改前读取的版本号 / required: the version you read"];

        var name = input.Name is null ? station.Name : StationInputs.Text(input.Name, 100, "name", errors, required: true);
        var address = input.Address is null ? station.Address : StationInputs.Text(input.Address, 200, "address", errors, required: true);
        var contact = input.ContactName is null ? station.ContactName : StationInputs.Text(input.ContactName, 50, "contactName", errors);
        var kind = station.Kind;
        if (input.Kind is not null && !StationInputs.TryKind(input.Kind, out kind))
            errors["kind"] = ["应为 home、station 或 point / must be home, station or point"];
        var grade = input.Grade ?? station.Grade;
        CheckGrade(grade, required: true, errors);
        if (input.JurisdictionCode is { } code && code.Trim() != station.JurisdictionCode)
            errors["jurisdictionCode"] = ["所属区划在创建后不能更改 / the jurisdiction cannot change after creation"];
        var managerId = input.ManagerUserName is null ? new Optional(station.ManagerUserId) : await ManagerAsync(input.ManagerUserName, errors, ct);
        var rules = Rules(input.OpeningRules, errors);

        if (!access.CanAdminister)
        {
            const string staffOnly = "只有人大工作人员可以修改 / only congress staff may change this";
            if (name != station.Name) errors["name"] = [staffOnly];
            if (kind != station.Kind) errors["kind"] = [staffOnly];
            if (grade != station.Grade) errors["grade"] = [staffOnly];
            if (managerId.Value != station.ManagerUserId) errors["managerUserName"] = [staffOnly];
        }
        if (errors.Count > 0) return UseCaseResult<long>.Invalid(errors);
        if (input.Version != station.Version)
            return UseCaseResult<long>.Refused(412, "stale-version", "数据已被他人修改，请刷新后重试",
                "The record was changed by someone else; reload and retry", $"Current version {station.Version}.");

        station.Name = name;
        station.Address = address;
        station.ContactName = contact;
        station.Kind = kind;
        station.Grade = grade;
        station.ManagerUserId = managerId.Value;
        foreach (var (rule, met, note) in rules ?? []) station.SetRule(rule, met, note);
        db.Entry(station).Property(s => s.Version).OriginalValue = input.Version!.Value;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UseCaseResult<long>.Refused(412, "stale-version", "数据已被他人修改，请刷新后重试",
                "The record was changed by someone else; reload and retry");
        }
        return UseCaseResult<long>.Success(station.Id);
    }

    private static void CheckGrade(int? grade, bool required, Dictionary<string, string[]> errors)
    {
        if (grade is null) { if (required) errors["grade"] = ["必填 / required"]; }
        else if (grade is < 1 or > 5) errors["grade"] = ["星级应为 1–5 / grade must be 1–5"];
    }

    private async Task CheckJurisdictionAsync(string code, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (code.Length == 0) errors["jurisdictionCode"] = ["必填 / required"];
        else if (!(code.Length is 9 or 12 && code.All(char.IsAsciiDigit)))
            errors["jurisdictionCode"] = ["应为 9 位乡镇（街道）或 12 位村（社区）代码 / a 9-digit township or 12-digit village code"];
        else if (me.ScopeCode is { } scope && !code.StartsWith(scope, StringComparison.Ordinal))
            errors["jurisdictionCode"] = ["超出本级管辖范围 / outside your jurisdiction"];
        else if (!await db.Jurisdictions.AnyAsync(j => j.Code == code && (j.Level == JurisdictionLevel.Township || j.Level == JurisdictionLevel.Village), ct))
            errors["jurisdictionCode"] = ["未知的行政区划代码 / unknown jurisdiction code"];
    }

    private readonly record struct Optional(string? Value);

    /// <summary>The manager account by user name: it must hold station_manager and be in the caller's
    /// jurisdiction (the global filter hides the others). Empty clears the manager.</summary>
    private async Task<Optional> ManagerAsync(string? userName, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var name = userName?.Trim() ?? "";
        if (name.Length == 0) return new Optional(null);
        var user = await db.Users.AsNoTracking().Where(u => u.UserName == name).Select(u => new { u.Id }).SingleOrDefaultAsync(ct);
        var isManager = user is not null && await (from ur in db.UserRoles
                                                    join r in db.Roles on ur.RoleId equals r.Id
                                                    where ur.UserId == user.Id && r.Name == Roles.StationManager
                                                    select ur).AnyAsync(ct);
        if (!isManager)
        {
            errors["managerUserName"] = ["没有该联络员账号（需持有 station_manager 角色） / no station_manager account of that name"];
            return new Optional(null);
        }
        return new Optional(user!.Id);
    }

    private static List<(OpeningRule, bool, string)>? Rules(IReadOnlyList<OpeningRuleInput>? input, Dictionary<string, string[]> errors)
    {
        if (input is null) return null;
        var list = new List<(OpeningRule, bool, string)>();
        foreach (var r in input)
        {
            if (!StationInputs.TryRule(r.Rule, out var rule))
            {
                errors["openingRules"] = ["未知的开放规则 / unknown opening rule: door_open, representatives_resident, voters_visit, activities_regular"];
                continue;
            }
            var note = StationInputs.Text(r.Note, 200, "openingRules." + StationInputs.RuleId(rule), errors);
            list.Add((rule, r.Met, note));
        }
        return list;
    }
}
