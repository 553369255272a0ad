using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Modules.Performance;

public sealed record CriterionInput(string? Code, string? Name, string? Counts, string? PointsPerRecord, string? Cap);

public sealed record RulebookInput(string? Name, string? Note, IReadOnlyList<CriterionInput>? Criteria);

public sealed record CriterionView(string Code, string Name, IReadOnlyList<string> Counts, decimal PointsPerRecord, decimal? Cap);

public sealed record RulebookView(long Id, string JurisdictionCode, int Year, int Version, string Name, string? Note, DateTime CreatedAt,
    string CreatedBy, IReadOnlyList<CriterionView> Criteria)
{
    public static RulebookView From(ScoringRulebook b) => new(b.Id, b.JurisdictionCode, b.Year, b.Version, b.Name, b.Note, b.CreatedAt,
        b.CreatedBy, b.Criteria.OrderBy(c => c.Position).Select(c => c.ToRule())
            .Select(r => new CriterionView(r.Code, r.Name, r.Counts, r.PointsPerRecord, r.Cap)).ToList());

    public IReadOnlyList<CriterionRule> Rules => Criteria.Select(c => new CriterionRule(c.Code, c.Name, c.Counts, c.PointsPerRecord, c.Cap)).ToList();
}

/// <summary>One representative whose total moved when the rulebook changed.</summary>
public sealed record ScoreChange(long RepresentativeId, string Name, decimal Before, decimal After);

/// <summary>What a new rulebook version did to the year's scores.</summary>
public sealed record RulebookChange(RulebookView Rulebook, int? PreviousVersion, int Representatives, int Changed,
    IReadOnlyList<ScoreChange> Largest);

/// <summary>The representative's score with its rulebook, for the API and the page.</summary>
public sealed record ScoreResult(long RepresentativeId, int Year, int? RulebookVersion, string? RulebookName, decimal Total,
    decimal? MaxPoints, IReadOnlyList<ScoreLine> Lines);

/// <summary>A scored representative with what rankings group by.</summary>
public sealed record ScoredRepresentative(long Id, string Name, string JurisdictionCode, string DelegationGroup, string? ProfessionalGroup,
    decimal Total, int Stars);

public sealed record RankingRow(int Rank, long RepresentativeId, string Name, string Group, decimal Total, int Stars, bool TopTen);

public sealed record RankingGroup(string Group, IReadOnlyList<RankingRow> Rows);

public sealed record PerformanceWarning(long RepresentativeId, string Name, string JurisdictionCode, string Reason, DateOnly? LastRecord);

/// <summary>Rulebooks, scores, rankings and warnings. Scores are computed when asked (never stored): the
/// facts of a year are loaded with two set-based queries and the pure <see cref="ScoreCalculator"/> runs
/// over them, so a changed rulebook or a newly approved record shows at once.</summary>
public sealed partial class Scoring(AppDbContext db, ICurrentUser me, TimeProvider clock)
{
    public static readonly string[] Editors = [Roles.CongressStaff];

    /// <summary>The kinds a criterion may count.</summary>
    public static IReadOnlyList<string> Countables => [.. DutyKinds.All.Select(k => k.Id), ScoreCalculator.UnexcusedAbsence];

    public static string CountableLabel(string id, bool english) =>
        id == ScoreCalculator.UnexcusedAbsence ? (english ? "Unexcused absence" : "无故缺席") : DutyKinds.Label(id, english);

    // ---- rulebooks -------------------------------------------------------------------------------

    /// <summary>The codes of the congresses above (and at) a jurisdiction, nearest last.</summary>
    public static IReadOnlyList<string> Prefixes(string code) =>
        new[] { 2, 4, 6, 9, 12 }.Where(n => n <= code.Length).Select(n => code[..n]).ToList();

    /// <summary>The rulebook in force for a jurisdiction in a year: the latest version of the nearest congress's book.</summary>
    public async Task<ScoringRulebook?> BookForAsync(string jurisdictionCode, int year, CancellationToken ct = default)
    {
        var prefixes = Prefixes(jurisdictionCode);
        var books = await db.Set<ScoringRulebook>().AsNoTracking().Include(b => b.Criteria)
            .Where(b => b.Year == year && prefixes.Contains(b.JurisdictionCode))
            .OrderByDescending(b => b.JurisdictionCode.Length).ThenByDescending(b => b.Version).FirstOrDefaultAsync(ct);
        return books;
    }

    public async Task<IReadOnlyList<RulebookView>> VersionsAsync(int year, CancellationToken ct = default)
    {
        var code = me.ScopeCode ?? "";
        var books = await db.Set<ScoringRulebook>().AsNoTracking().Include(b => b.Criteria)
            .Where(b => b.Year == year && b.JurisdictionCode == code).OrderByDescending(b => b.Version).ToListAsync(ct);
        return books.Select(RulebookView.From).ToList();
    }

    /// <summary>Writes a new version of the caller's congress's book for the year and reports what it changed.</summary>
    public async Task<UseCaseResult<RulebookChange>> SaveAsync(int year, RulebookInput input, CancellationToken ct = default)
    {
        if (!Editors.Any(me.IsInRole) || me.ScopeCode is not { Length: > 0 } code || !Platform.Jurisdictions.Jurisdiction.IsWellFormed(code))
            return UseCaseResult<RulebookChange>.Refused(403, "not-rulebook-editor", "只有人大工作人员可以修改积分规则", "Only congress staff may edit the rulebook");
        var errors = new Dictionary<string, string[]>();
        if (year is < 2000 or > 2100) errors["year"] = ["年份无效 / invalid year"];
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors["name"] = ["请填写规则名称 / name the rulebook"];
        else if (name.Length > 100) errors["name"] = ["不能超过100字 / at most 100 characters"];
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (note?.Length > 500) errors["note"] = ["不能超过500字 / at most 500 characters"];
        var criteria = new List<ScoringCriterion>();
        var rows = (input.Criteria ?? []).Where(c => !IsBlank(c)).ToList();
        if (rows.Count == 0) errors["criteria"] = ["至少需要一条评价标准 / at least one criterion"];
        if (rows.Count > 50) errors["criteria"] = ["最多50条 / at most 50 criteria"];
        for (var i = 0; i < rows.Count && i < 50; i++)
        {
            var c = rows[i];
            var at = $"criteria[{i}].";
            var cCode = c.Code?.Trim() ?? "";
            if (!CodePattern().IsMatch(cCode)) errors[at + "code"] = ["代码为1至32位字母、数字、下划线或短横 / 1–32 letters, digits, _ or -"];
            else if (criteria.Any(x => x.Code == cCode)) errors[at + "code"] = ["代码重复 / duplicate code"];
            var cName = c.Name?.Trim() ?? "";
            if (cName.Length is 0 or > 100) errors[at + "name"] = ["名称为1至100字 / 1–100 characters"];
            var counts = (c.Counts ?? "").Split([',', '，', ' ', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct().ToList();
            if (counts.Count == 0) errors[at + "counts"] = ["请选择计入的履职类别 / name the kinds it counts"];
            else if (counts.FirstOrDefault(k => !Countables.Contains(k)) is { } unknown)
                errors[at + "counts"] = [$"未知类别 {unknown} / unknown kind {unknown}"];
            if (!TryPoints(c.PointsPerRecord, out var points) || points == 0 || Math.Abs(points) > 1000)
                errors[at + "pointsPerRecord"] = ["每条分值应为非零数字，如 2 或 -1 / a non-zero number such as 2 or -1"];
            decimal? cap = null;
            if (!string.IsNullOrWhiteSpace(c.Cap))
            {
                if (!TryPoints(c.Cap, out var cp) || cp <= 0 || cp > 100000) errors[at + "cap"] = ["上限应为正数 / a positive number"];
                else cap = cp;
            }
            criteria.Add(new ScoringCriterion
            {
                Position = i + 1, Code = cCode, Name = cName, Counts = string.Join(',', counts), PointsPerRecord = points, Cap = cap,
            });
        }
        if (errors.Count > 0) return UseCaseResult<RulebookChange>.Invalid(errors);

        var previous = await db.Set<ScoringRulebook>().AsNoTracking().Include(b => b.Criteria)
            .Where(b => b.Year == year && b.JurisdictionCode == code).OrderByDescending(b => b.Version).FirstOrDefaultAsync(ct);
        var before = previous is null ? null : await RecomputeAsync(db, year, RulebookView.From(previous).Rules, code, ct);
        var book = new ScoringRulebook
        {
            JurisdictionCode = code, Year = year, Version = (previous?.Version ?? 0) + 1, Name = name, Note = note,
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = me.UserName ?? "", Criteria = criteria,
        };
        db.Add(book);
        await db.SaveChangesAsync(ct);
        var view = RulebookView.From(book);
        var after = await RecomputeAsync(db, year, view.Rules, code, ct);
        var changes = after.Where(a => (before?.GetValueOrDefault(a.Key)?.Total ?? 0m) != a.Value.Total)
            .Select(a => (Id: a.Key, Before: before?.GetValueOrDefault(a.Key)?.Total ?? 0m, After: a.Value.Total)).ToList();
        var largestIds = changes.OrderByDescending(c => Math.Abs(c.After - c.Before)).ThenBy(c => c.Id).Take(20).ToList();
        var ids = largestIds.Select(c => c.Id).ToList();
        var names = await db.Set<Representative>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        return UseCaseResult<RulebookChange>.Success(new RulebookChange(view, previous?.Version, after.Count, changes.Count,
            largestIds.Select(c => new ScoreChange(c.Id, names.GetValueOrDefault(c.Id, ""), c.Before, c.After)).ToList()), 201);
    }

    private static bool IsBlank(CriterionInput c) =>
        string.IsNullOrWhiteSpace(c.Code) && string.IsNullOrWhiteSpace(c.Name) && string.IsNullOrWhiteSpace(c.Counts)
        && string.IsNullOrWhiteSpace(c.PointsPerRecord) && string.IsNullOrWhiteSpace(c.Cap);

    private static bool TryPoints(string? text, out decimal value) =>
        decimal.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && decimal.Round(value, 2) == value;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex CodePattern();

    // ---- facts and recompute ----------------------------------------------------------------------

    /// <summary>The facts of a year for every representative visible to the context (optionally one, or those
    /// under a jurisdiction): approved records by kind, and unexcused absences. Two grouped queries.</summary>
    public static async Task<Dictionary<long, Dictionary<string, int>>> FactsAsync(AppDbContext db, int year, long? representativeId = null,
        string? under = null, CancellationToken ct = default)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var records = db.Set<DutyRecord>().AsNoTracking()
            .Where(d => d.State == DutyRecordState.Approved && d.Date >= from && d.Date <= to);
        var absences = db.Set<ActivityInvitation>().AsNoTracking()
            .Where(i => i.Attendance == Attendance.Absent && i.Activity!.Date >= from && i.Activity.Date <= to);
        if (representativeId is { } one)
        {
            records = records.Where(d => d.RepresentativeId == one);
            absences = absences.Where(i => i.RepresentativeId == one);
        }
        if (!string.IsNullOrEmpty(under))
        {
            records = records.Where(d => d.JurisdictionCode.StartsWith(under));
            absences = absences.Where(i => i.JurisdictionCode.StartsWith(under));
        }
        var facts = new Dictionary<long, Dictionary<string, int>>();
        Dictionary<string, int> Of(long rep)
        {
            if (!facts.TryGetValue(rep, out var f)) facts[rep] = f = new Dictionary<string, int>(StringComparer.Ordinal);
            return f;
        }
        // One row per representative with a count per kind (a pivot), not one row per (representative, kind):
        // a tenth of the rows to read, which is what makes the whole recompute close to one SQL aggregation.
        await foreach (var row in records.GroupBy(d => d.RepresentativeId).Select(KindCounts.Pivot).AsAsyncEnumerable().WithCancellation(ct))
        {
            var f = Of(row.RepresentativeId);
            for (var i = 0; i < DutyKinds.All.Count; i++)
                if (row[i] is var n and > 0) f[DutyKinds.All[i].Id] = n;
        }
        await foreach (var row in absences.GroupBy(i => i.RepresentativeId)
                           .Select(g => new { RepresentativeId = g.Key, Count = g.Count() }).AsAsyncEnumerable().WithCancellation(ct))
            Of(row.RepresentativeId)[ScoreCalculator.UnexcusedAbsence] = row.Count;
        return facts;
    }

    private static readonly IReadOnlyDictionary<string, int> NoFacts = new Dictionary<string, int>();

    /// <summary>The whole recompute under one book: every representative under <paramref name="under"/> (in office
    /// or not) gets a score, those without records too.</summary>
    public static async Task<Dictionary<long, Score>> RecomputeAsync(AppDbContext db, int year, IReadOnlyList<CriterionRule> book,
        string? under = null, CancellationToken ct = default)
    {
        var facts = await FactsAsync(db, year, null, under, ct);
        var reps = db.Set<Representative>().AsNoTracking();
        if (!string.IsNullOrEmpty(under)) reps = reps.Where(r => r.JurisdictionCode.StartsWith(under));
        var ids = await reps.Select(r => r.Id).ToListAsync(ct);
        var scores = new Dictionary<long, Score>(ids.Count);
        foreach (var id in ids)
            scores[id] = ScoreCalculator.Compute(book, facts.TryGetValue(id, out var f) ? f : NoFacts);
        return scores;
    }

    // ---- one representative ---------------------------------------------------------------------

    public async Task<UseCaseResult<ScoreResult>> ScoreAsync(long representativeId, string? year, CancellationToken ct = default)
    {
        var y = ParseYear(year);
        if (y is null) return UseCaseResult<ScoreResult>.Invalid("year", "年份应为四位数字，如 2026 / a four-digit year such as 2026");
        if (!RepresentativeArchive.StaffReaders.Any(me.IsInRole) && me.RepresentativeId != representativeId)
            return UseCaseResult<ScoreResult>.Refused(403, "not-own-score", "只能查看本人的履职积分", "A representative can see only their own score");
        var code = await db.Set<Representative>().AsNoTracking().Where(r => r.Id == representativeId).Select(r => r.JurisdictionCode)
            .SingleOrDefaultAsync(ct);
        if (code is null) return UseCaseResult<ScoreResult>.NotFound();
        var book = await BookForAsync(code, y.Value, ct);
        var rules = book is null ? [] : RulebookView.From(book).Rules;
        var facts = await FactsAsync(db, y.Value, representativeId, null, ct);
        var score = ScoreCalculator.Compute(rules, facts.GetValueOrDefault(representativeId) ?? NoFacts);
        return UseCaseResult<ScoreResult>.Success(new ScoreResult(representativeId, y.Value, book?.Version, book?.Name, score.Total,
            ScoreCalculator.MaxPoints(rules), score.Lines));
    }

    public int? ParseYear(string? year)
    {
        if (string.IsNullOrWhiteSpace(year)) return ChinaTime.Today(clock).Year;
        return int.TryParse(year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100 ? y : null;
    }

    // ---- rankings and warnings --------------------------------------------------------------------

    /// <summary>Every representative in office visible to the caller, scored under the book in force for them.</summary>
    public async Task<IReadOnlyList<ScoredRepresentative>> ScoreAllAsync(int year, CancellationToken ct = default)
    {
        var reps = await db.Set<Representative>().AsNoTracking().Where(r => r.Status == RepresentativeStatus.InOffice)
            .Select(r => new { r.Id, r.Name, r.JurisdictionCode, Group = r.DelegationGroup!.Name,
                Professional = r.ProfessionalGroup == null ? null : r.ProfessionalGroup.Name })
            .ToListAsync(ct);
        var facts = await FactsAsync(db, year, null, null, ct);
        // Every book of the year at once (a handful), the one in force per jurisdiction chosen in memory.
        var latest = (await db.Set<ScoringRulebook>().AsNoTracking().Include(b => b.Criteria).Where(b => b.Year == year).ToListAsync(ct))
            .GroupBy(b => b.JurisdictionCode).ToDictionary(g => g.Key, g => RulebookView.From(g.MaxBy(b => b.Version)!).Rules);
        var books = new Dictionary<string, IReadOnlyList<CriterionRule>>();
        var result = new List<ScoredRepresentative>(reps.Count);
        var totals = new List<(int Index, decimal Total, decimal? Max)>();
        foreach (var r in reps)
        {
            if (!books.TryGetValue(r.JurisdictionCode, out var rules))
                books[r.JurisdictionCode] = rules = Prefixes(r.JurisdictionCode).Reverse().Select(latest.GetValueOrDefault)
                    .FirstOrDefault(b => b is not null) ?? [];
            var s = ScoreCalculator.Compute(rules, facts.GetValueOrDefault(r.Id) ?? NoFacts);
            totals.Add((result.Count, s.Total, ScoreCalculator.MaxPoints(rules)));
            result.Add(new ScoredRepresentative(r.Id, r.Name, r.JurisdictionCode, r.Group, r.Professional, s.Total, 0));
        }
        var best = totals.Count == 0 ? 0 : totals.Max(t => t.Total);
        foreach (var t in totals) result[t.Index] = result[t.Index] with { Stars = ScoreCalculator.Stars(t.Total, t.Max, best) };
        return result;
    }

    public static readonly string[] RankingDimensions = ["delegation_group", "professional_group", "jurisdiction"];

    /// <summary>Ranks within each group of the dimension, best first (ties share a rank); 前十 is rank ≤ 10.</summary>
    public async Task<UseCaseResult<IReadOnlyList<RankingGroup>>> RankingsAsync(string? year, string? by, CancellationToken ct = default)
    {
        var y = ParseYear(year);
        var dimension = string.IsNullOrWhiteSpace(by) ? "delegation_group" : by.Trim();
        var errors = new Dictionary<string, string[]>();
        if (y is null) errors["year"] = ["年份应为四位数字 / a four-digit year"];
        if (!RankingDimensions.Contains(dimension)) errors["by"] = ["应为 delegation_group、professional_group 或 jurisdiction"];
        if (errors.Count > 0) return UseCaseResult<IReadOnlyList<RankingGroup>>.Invalid(errors);
        var all = await ScoreAllAsync(y!.Value, ct);
        var places = dimension == "jurisdiction"
            ? await db.Jurisdictions.AsNoTracking().ToDictionaryAsync(j => j.Code, j => j.Name, ct)
            : [];
        string GroupOf(ScoredRepresentative r) => dimension switch
        {
            "delegation_group" => r.DelegationGroup,
            "professional_group" => r.ProfessionalGroup ?? "（未分组）",
            _ => places.GetValueOrDefault(r.JurisdictionCode, r.JurisdictionCode),
        };
        var groups = all.GroupBy(GroupOf).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var ordered = g.OrderByDescending(r => r.Total).ThenBy(r => r.Id).ToList();
            var rows = new List<RankingRow>(ordered.Count);
            for (var i = 0; i < ordered.Count; i++)
            {
                var rank = i > 0 && ordered[i].Total == ordered[i - 1].Total ? rows[i - 1].Rank : i + 1;
                rows.Add(new RankingRow(rank, ordered[i].Id, ordered[i].Name, g.Key, ordered[i].Total, ordered[i].Stars, rank <= 10));
            }
            return new RankingGroup(g.Key, rows);
        }).ToList();
        return UseCaseResult<IReadOnlyList<RankingGroup>>.Success(groups);
    }

    /// <summary>履职预警: representatives in office with no approved record for <paramref name="months"/> months, and
    /// those invited to activities this year who attended none (or were never invited and attended none).</summary>
    public async Task<UseCaseResult<IReadOnlyList<PerformanceWarning>>> WarningsAsync(int? months, CancellationToken ct = default)
    {
        var n = months ?? 6;
        if (n is < 1 or > 36) return UseCaseResult<IReadOnlyList<PerformanceWarning>>.Invalid("months", "月数应在1至36之间 / 1 to 36 months");
        var today = ChinaTime.Today(clock);
        var since = today.AddMonths(-n);
        var yearStart = new DateOnly(today.Year, 1, 1);
        var reps = await db.Set<Representative>().AsNoTracking().Where(r => r.Status == RepresentativeStatus.InOffice)
            .Select(r => new { r.Id, r.Name, r.JurisdictionCode }).ToListAsync(ct);
        var last = await db.Set<DutyRecord>().AsNoTracking().Where(d => d.State == DutyRecordState.Approved)
            .GroupBy(d => d.RepresentativeId).Select(g => new { Id = g.Key, Last = g.Max(d => d.Date) }).ToDictionaryAsync(x => x.Id, x => x.Last, ct);
        var attended = (await db.Set<ActivityInvitation>().AsNoTracking()
            .Where(i => i.Attendance == Attendance.Present && i.Activity!.Date >= yearStart && i.Activity.Date <= today)
            .Select(i => i.RepresentativeId).Distinct().ToListAsync(ct)).ToHashSet();
        var warnings = new List<PerformanceWarning>();
        foreach (var r in reps.OrderBy(r => r.JurisdictionCode).ThenBy(r => r.Id))
        {
            DateOnly? l = last.TryGetValue(r.Id, out var d) ? d : null;
            if (l is null || l < since)
                warnings.Add(new PerformanceWarning(r.Id, r.Name, r.JurisdictionCode, $"no_record_{n}_months", l));
            if (!attended.Contains(r.Id))
                warnings.Add(new PerformanceWarning(r.Id, r.Name, r.JurisdictionCode, "no_attendance_this_year", l));
        }
        return UseCaseResult<IReadOnlyList<PerformanceWarning>>.Success(warnings);
    }

    public static string WarningLabel(string reason, bool english) => reason.StartsWith("no_record_", StringComparison.Ordinal)
        ? (english ? $"No record for {reason.Split('_')[2]} months" : $"{reason.Split('_')[2]} 个月无履职记录")
        : (english ? "No activity attended this year" : "本年度未参加活动");

    // ---- objections -------------------------------------------------------------------------------

    public sealed record ObjectionInput(int? Year, string? Criterion, string? Text);

    public sealed record AnswerInput(string? Answer);

    public sealed record ObjectionView(long Id, long RepresentativeId, string RepresentativeName, int Year, string Criterion, string Text,
        DateTime RaisedAt, string? Answer, string? AnsweredBy, DateTime? AnsweredAt);

    /// <summary>A representative objects to one line of their own score.</summary>
    public async Task<UseCaseResult<ObjectionView>> ObjectAsync(long representativeId, ObjectionInput input, CancellationToken ct = default)
    {
        if (me.RepresentativeId != representativeId)
            return UseCaseResult<ObjectionView>.Refused(403, "not-own-score", "只能对本人的积分提出异议", "Only the representative may object to their score");
        var errors = new Dictionary<string, string[]>();
        var year = input.Year ?? ChinaTime.Today(clock).Year;
        var score = await ScoreAsync(representativeId, year.ToString(CultureInfo.InvariantCulture), ct);
        if (!score.Ok) return score.Status == 400 ? UseCaseResult<ObjectionView>.Invalid("year", "年份无效 / invalid year") : UseCaseResult<ObjectionView>.NotFound();
        var criterion = input.Criterion?.Trim() ?? "";
        if (score.Value!.Lines.All(l => l.Criterion != criterion)) errors["criterion"] = ["不是本年度规则中的评价标准 / not a criterion of the year's rulebook"];
        var text = input.Text?.Trim() ?? "";
        if (text.Length is 0 or > 1000) errors["text"] = ["请说明异议（1000字以内）/ explain the objection (at most 1000 characters)"];
        if (errors.Count > 0) return UseCaseResult<ObjectionView>.Invalid(errors);
        var code = await db.Set<Representative>().Where(r => r.Id == representativeId).Select(r => r.JurisdictionCode).SingleAsync(ct);
        var o = new ScoreObjection
        {
            RepresentativeId = representativeId, JurisdictionCode = code, Year = year, Criterion = criterion, Text = text,
            RaisedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(o);
        await db.SaveChangesAsync(ct);
        return UseCaseResult<ObjectionView>.Success(await ViewAsync(o, ct), 201);
    }

    /// <summary>Staff answer an objection once.</summary>
    public async Task<UseCaseResult<ObjectionView>> AnswerAsync(long id, AnswerInput input, CancellationToken ct = default)
    {
        if (!me.IsInRole(Roles.CongressStaff))
            return UseCaseResult<ObjectionView>.Refused(403, "not-staff", "只有人大工作人员可以答复异议", "Only congress staff answer objections");
        var o = await db.Set<ScoreObjection>().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (o is null) return UseCaseResult<ObjectionView>.NotFound();
        if (o.Answer is not null) return UseCaseResult<ObjectionView>.Refused(409, "already-answered", "该异议已答复", "This objection has already been answered");
        var answer = input.Answer?.Trim() ?? "";
        if (answer.Length is 0 or > 1000) return UseCaseResult<ObjectionView>.Invalid("answer", "请填写答复（1000字以内）/ write the answer (at most 1000 characters)");
        o.Answer = answer;
        o.AnsweredBy = me.UserName;
        o.AnsweredAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return UseCaseResult<ObjectionView>.Success(await ViewAsync(o, ct));
    }

    /// <summary>Staff: the objections of their jurisdiction (open ones first); a representative: their own.</summary>
    public async Task<IReadOnlyList<ObjectionView>> ObjectionsAsync(long? representativeId, bool openOnly, CancellationToken ct = default)
    {
        var q = db.Set<ScoreObjection>().AsNoTracking();
        if (!RepresentativeArchive.StaffReaders.Any(me.IsInRole)) q = q.Where(o => o.RepresentativeId == (me.RepresentativeId ?? -1));
        if (representativeId is { } rid) q = q.Where(o => o.RepresentativeId == rid);
        if (openOnly) q = q.Where(o => o.Answer == null);
        return await q.OrderBy(o => o.Answer != null).ThenByDescending(o => o.Id).Take(200)
            .Join(db.Set<Representative>(), o => o.RepresentativeId, r => r.Id, (o, r) => new ObjectionView(o.Id, o.RepresentativeId, r.Name,
                o.Year, o.Criterion, o.Text, o.RaisedAt, o.Answer, o.AnsweredBy, o.AnsweredAt))
            .ToListAsync(ct);
    }

    private async Task<ObjectionView> ViewAsync(ScoreObjection o, CancellationToken ct)
    {
        var name = await db.Set<Representative>().Where(r => r.Id == o.RepresentativeId).Select(r => r.Name).SingleAsync(ct);
        return new ObjectionView(o.Id, o.RepresentativeId, name, o.Year, o.Criterion, o.Text, o.RaisedAt, o.Answer, o.AnsweredBy, o.AnsweredAt);
    }
}
