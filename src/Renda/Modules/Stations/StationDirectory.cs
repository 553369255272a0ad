using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.Representatives;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Calendar;

namespace Renda.Modules.Stations;

/// <summary>The filters of the station list; every one optional.</summary>
public sealed record StationFilter(string? Q = null, string? Kind = null, string? Grade = null, string? Township = null,
    int? Page = null, int? PageSize = null);

/// <summary>One row of the station list (<c>GET /api/stations</c>: clients rely on <c>id</c>, <c>name</c>, <c>publicCode</c>).</summary>
public sealed record StationListItem(long Id, string Name, string PublicCode, StationKind Kind, string Address, int Grade,
    int RepresentativeCount, string JurisdictionCode);

public sealed record OpeningRuleView(string Rule, string Label, bool Met, string Note);

public sealed record StationManagerView(string UserName, string DisplayName);

public sealed record StationRepresentativeView(long Id, string Name, string JurisdictionCode, DateOnly? Since);

public sealed record ScheduleRuleView(long Id, string Title, ScheduleRuleKind Kind, string Description, int? DayOfMonth, int? Weekday,
    int? WeekOfMonth, DateOnly? Date, string StartTime, string EndTime, DateOnly ValidFrom, DateOnly? ValidUntil, bool SkipHolidays,
    IReadOnlyList<NamedRepresentative> OnDuty);

public sealed record NamedRepresentative(long Id, string Name);

/// <summary>A station as its page and <c>GET /api/stations/{id}</c> show it.</summary>
public sealed record StationDetail(long Id, string Name, StationKind Kind, string KindLabel, string JurisdictionCode, string JurisdictionName,
    string Address, int Grade, string GradeLabel, string PublicCode, StationManagerView? Manager, string ContactName,
    IReadOnlyList<OpeningRuleView> OpeningRules, IReadOnlyList<StationRepresentativeView> Representatives,
    IReadOnlyList<ScheduleRuleView> ScheduleRules, long Version, bool CanEdit, bool CanAdminister);

/// <summary>Reading stations: the list with its filters and one station's detail.</summary>
public sealed class StationDirectory(AppDbContext db, StationAccess access)
{
    public async Task<UseCaseResult<Paged<StationListItem>>> ListAsync(StationFilter f, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (!RosterAccess.TryQuery(f.Q, out var q)) errors["q"] = ["最多 50 字符 / at most 50 characters"];
        StationKind? kind = null;
        if (!string.IsNullOrWhiteSpace(f.Kind))
        {
            if (StationInputs.TryKind(f.Kind, out var k)) kind = k;
            else errors["kind"] = ["应为 home、station 或 point / must be home, station or point"];
        }
        int? grade = null;
        if (!string.IsNullOrWhiteSpace(f.Grade))
        {
            if (int.TryParse(f.Grade, NumberStyles.None, CultureInfo.InvariantCulture, out var g) && g is >= 1 and <= 5) grade = g;
            else errors["grade"] = ["星级应为 1–5 / grade must be 1–5"];
        }
        var township = string.IsNullOrWhiteSpace(f.Township) ? null : f.Township.Trim();
        if (township is not null && !(township.Length is 9 or 12 && township.All(char.IsAsciiDigit)))
            errors["township"] = ["应为 9 位乡镇或 12 位村（社区）代码 / a 9-digit township or 12-digit village code"];
        if (errors.Count > 0) return UseCaseResult<Paged<StationListItem>>.Invalid(errors);

        var (p, size) = Paging.Normalize(f.Page, f.PageSize);
        var stations = access.Visible(db.Set<Station>().AsNoTracking());
        if (q is not null) stations = stations.Where(s => s.Name.Contains(q) || s.Address.Contains(q));
        if (kind is { } kk) stations = stations.Where(s => s.Kind == kk);
        if (grade is { } gg) stations = stations.Where(s => s.Grade == gg);
        if (township is not null) stations = stations.Where(s => s.JurisdictionCode.StartsWith(township));
        var total = await stations.CountAsync(ct);
        var items = await stations.OrderBy(s => s.JurisdictionCode).ThenBy(s => s.Kind).ThenBy(s => s.Id)
            .Skip((p - 1) * size).Take(size)
            .Select(s => new StationListItem(s.Id, s.Name, s.PublicCode, s.Kind, s.Address, s.Grade, s.Representatives.Count, s.JurisdictionCode))
            .ToListAsync(ct);
        return UseCaseResult<Paged<StationListItem>>.Success(new Paged<StationListItem>(items, total, p, size));
    }

    /// <summary>The townships that have stations the caller sees, for the list's filter: (code, name).</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> TownshipsAsync(CancellationToken ct = default)
    {
        var codes = await access.Visible(db.Set<Station>().AsNoTracking())
            .Select(s => s.JurisdictionCode.Substring(0, 9)).Distinct().ToListAsync(ct);
        var names = await db.Jurisdictions.AsNoTracking().Where(j => codes.Contains(j.Code)).ToDictionaryAsync(j => j.Code, j => j.Name, ct);
        return codes.Order(StringComparer.Ordinal).Select(c => (c, names.GetValueOrDefault(c, c))).ToList();
    }

    /// <summary>The station if the caller may see it, else null (404: never say it exists).</summary>
    public Task<Station?> FindAsync(long id, CancellationToken ct = default) =>
        access.Visible(db.Set<Station>()).SingleOrDefaultAsync(s => s.Id == id, ct);

    public async Task<UseCaseResult<StationDetail>> DetailAsync(long id, bool english = false, CancellationToken ct = default)
    {
        var s = await access.Visible(db.Set<Station>().AsNoTracking()).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return UseCaseResult<StationDetail>.NotFound();

        var place = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == s.JurisdictionCode).Select(j => j.Name).SingleOrDefaultAsync(ct);
        StationManagerView? manager = null;
        if (s.ManagerUserId is { } uid)
            manager = await db.Users.AsNoTracking().Where(u => u.Id == uid)
                .Select(u => new StationManagerView(u.UserName!, u.DisplayName)).SingleOrDefaultAsync(ct);

        var reps = await db.Set<StationRepresentative>().AsNoTracking().Where(x => x.StationId == id)
            .Select(x => new { x.RepresentativeId, x.Representative!.Name, x.Representative.JurisdictionCode }).ToListAsync(ct);
        var since = await db.Set<StationAssignment>().AsNoTracking().Where(a => a.StationId == id && a.EndedOn == null)
            .Select(a => new { a.RepresentativeId, a.StartedOn }).ToListAsync(ct);
        var representatives = reps
            .Select(r => new StationRepresentativeView(r.RepresentativeId, r.Name, r.JurisdictionCode,
                since.Where(x => x.RepresentativeId == r.RepresentativeId).Select(x => (DateOnly?)x.StartedOn).Min()))
            .OrderBy(r => r.Id).ToList();

        var rules = await RulesAsync(id, english, ct);
        var openingRules = Station.Rules.Select(r =>
        {
            var (met, note) = s.Rule(r);
            return new OpeningRuleView(StationInputs.RuleId(r), Station.RuleLabel(r, english), met, note);
        }).ToList();
        return UseCaseResult<StationDetail>.Success(new StationDetail(s.Id, s.Name, s.Kind, Station.KindLabel(s.Kind, english),
            s.JurisdictionCode, place ?? s.JurisdictionCode, s.Address, s.Grade, Station.GradeLabel(s.Grade, english), s.PublicCode,
            manager, s.ContactName, openingRules, representatives, rules, s.Version, access.CanEdit(s), access.CanAdminister));
    }

    public async Task<IReadOnlyList<ScheduleRuleView>> RulesAsync(long stationId, bool english, CancellationToken ct)
    {
        var rules = await db.Set<ReceptionScheduleRule>().AsNoTracking().Where(r => r.StationId == stationId)
            .Include(r => r.OnDuty).ThenInclude(d => d.Representative).OrderBy(r => r.Id).ToListAsync(ct);
        return rules.Select(r => new ScheduleRuleView(r.Id, r.Title, r.Kind, r.Recurrence.Describe(english), r.DayOfMonth,
            r.Weekday is { } w ? StationInputs.IsoWeekday(w) : null, r.WeekOfMonth, r.Date, ChinaTime.Format(r.StartTime), ChinaTime.Format(r.EndTime),
            r.ValidFrom, r.ValidUntil, r.SkipHolidays,
            r.OnDuty.Where(d => d.Representative is not null).OrderBy(d => d.RepresentativeId)
                .Select(d => new NamedRepresentative(d.RepresentativeId, d.Representative!.Name)).ToList())).ToList();
    }
}
