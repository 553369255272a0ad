using Microsoft.EntityFrameworkCore;
using Renda.Modules.Congress;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Documents;
using Renda.Platform.Http;
using Renda.Platform.Spreadsheets;

namespace Renda.Modules.Suggestions;

/// <summary>Counts and rates of one group. Rates are fractions (0.75 = 75%), null when nothing to divide by:
/// 办成率 solved / replied; 满意率 (satisfied + basically satisfied) / evaluated, by the latest evaluation;
/// on-time rate: first replies by the first deadline / replied; average handling days from first assignment to first reply.</summary>
public sealed record SuggestionRates(string Key, string Label, int Registered, int Replied, int Solved, int Evaluated, int Satisfied,
    int OnTime, int Overdue, double? SolvedRate, double? SatisfactionRate, double? OnTimeRate, double? AverageHandlingDays);

public sealed record SuggestionStats(long? TermId, long? SessionId, string Scope, SuggestionRates Total, IReadOnlyList<SuggestionRates> BySession,
    IReadOnlyList<SuggestionRates> ByUnit, IReadOnlyList<SuggestionRates> ByCategory, IReadOnlyList<SuggestionRates> ByKind);

public sealed record PublicReply(string NumberText, string Kind, string Title, string FilerName, string? Category, string? LeadUnit,
    string? ResultClass, string? ResultLabel, string? Reply, DateOnly? RepliedOn, string? Rating);

/// <summary>Rates, the .xlsx export, the compilation (汇编) and the public list of replies.</summary>
public sealed class SuggestionReports(AppDbContext db, ICurrentUser me, TimeProvider clock)
{
    private sealed record Row(Suggestion S, string? Unit, string? SessionTitle);

    private async Task<UseCaseResult<(long? Term, long? Session)>> ScopeAsync(string? term, string? session, CancellationToken ct)
    {
        long? t = null, s = null;
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(term)) { if (long.TryParse(term, out var v) && v > 0) t = v; else errors["term"] = ["届次编号应为正整数"]; }
        if (!string.IsNullOrWhiteSpace(session)) { if (long.TryParse(session, out var v) && v > 0) s = v; else errors["session"] = ["会议编号应为正整数"]; }
        if (errors.Count > 0) return UseCaseResult<(long?, long?)>.Invalid(errors);
        if (t is { } tid && !await db.Set<Term>().AnyAsync(x => x.Id == tid, ct)) return UseCaseResult<(long?, long?)>.Invalid("term", "没有这一届");
        if (s is { } sid && !await db.Set<Session>().AnyAsync(x => x.Id == sid, ct)) return UseCaseResult<(long?, long?)>.Invalid("session", "没有这次会议");
        return UseCaseResult<(long?, long?)>.Success((t, s));
    }

    private async Task<List<Row>> RowsAsync(long? term, long? session, CancellationToken ct)
    {
        var q = SuggestionAccess.Visible(db, me).AsNoTracking().Where(s => s.Number != null);
        if (term is { } t) q = q.Where(s => s.TermId == t);
        if (session is { } sid) q = q.Where(s => s.SessionId == sid);
        var list = await q.ToListAsync(ct);
        var units = await db.Set<HandlingUnit>().AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var sessions = (await db.Set<Session>().AsNoTracking().Select(x => new { x.Id, x.Number, Term = x.Term!.Number }).ToListAsync(ct))
            .ToDictionary(x => x.Id, x => $"第{ChineseNumerals.Of(x.Term)}届第{ChineseNumerals.Of(x.Number)}次会议");
        return list.Select(s => new Row(s, s.LeadUnitId is { } u ? units.GetValueOrDefault(u) : null,
            s.SessionId is { } sid2 ? sessions.GetValueOrDefault(sid2) : null)).ToList();
    }

    public async Task<UseCaseResult<SuggestionStats>> StatsAsync(string? term, string? session, bool english, CancellationToken ct = default)
    {
        var scope = await ScopeAsync(term, session, ct);
        if (!scope.Ok) return UseCaseResult<SuggestionStats>.Invalid(scope.Errors!);
        var (t, s) = scope.Value;
        var rows = await RowsAsync(t, s, ct);
        var today = Platform.Calendar.ChinaTime.Today(clock);
        SuggestionRates Rates(string key, string label, IEnumerable<Row> group)
        {
            var g = group.Select(r => r.S).ToList();
            var replied = g.Where(x => x.FirstRepliedAt is not null).ToList();
            var evaluated = g.Count(x => x.Rating is not null);
            var satisfied = g.Count(x => x.Rating is SuggestionTerms.Satisfied or SuggestionTerms.BasicallySatisfied);
            var solved = replied.Count(x => x.ResultClass == SuggestionTerms.Solved);
            var onTime = replied.Count(x => x.RepliedOnTime == true);
            var overdue = g.Count(x => x.State is "assigned" or "in_progress" && x.Deadline < today);
            var days = replied.Where(x => x.FirstAssignedAt is not null).Select(x => (x.FirstRepliedAt!.Value - x.FirstAssignedAt!.Value).TotalDays).ToList();
            return new SuggestionRates(key, label, g.Count, replied.Count, solved, evaluated, satisfied, onTime, overdue,
                Ratio(solved, replied.Count), Ratio(satisfied, evaluated), Ratio(onTime, replied.Count),
                days.Count == 0 ? null : Math.Round(days.Average(), 1));
        }
        var label = english ? "Total" : "合计";
        var stats = new SuggestionStats(t, s, s is not null ? "session" : t is not null ? "term" : "all", Rates("total", label, rows),
            rows.GroupBy(r => r.S.SessionId).OrderBy(g => g.Key ?? long.MaxValue)
                .Select(g => Rates(g.Key?.ToString() ?? "recess", g.First().SessionTitle ?? (english ? "In recess" : "闭会期间"), g)).ToList(),
            rows.Where(r => r.S.LeadUnitId is not null).GroupBy(r => r.S.LeadUnitId!.Value).OrderBy(g => g.First().Unit, StringComparer.Ordinal)
                .Select(g => Rates(g.Key.ToString(), g.First().Unit ?? "", g)).ToList(),
            rows.GroupBy(r => r.S.Category ?? "").OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Rates(g.Key, g.Key.Length == 0 ? (english ? "Uncategorized" : "未分类") : g.Key, g)).ToList(),
            rows.GroupBy(r => r.S.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Rates(g.Key, SuggestionTerms.KindLabel(g.Key, english), g)).ToList());
        return UseCaseResult<SuggestionStats>.Success(stats);
    }

    private static double? Ratio(int a, int b) => b == 0 ? null : Math.Round(a / (double)b, 4);

    /// <summary>The rates as one worksheet: the total, then by session, unit, category and kind.</summary>
    public static async Task WriteXlsxAsync(SuggestionStats stats, Stream output, bool english, CancellationToken ct = default)
    {
        XlsxColumn[] columns =
        [
            new(english ? "Dimension" : "维度", 12), new(english ? "Group" : "分组", 28),
            new(english ? "Registered" : "立案数", 10, XlsxCellType.Integer), new(english ? "Replied" : "答复数", 10, XlsxCellType.Integer),
            new(english ? "Solved (A)" : "已解决（A类）", 12, XlsxCellType.Integer), new(english ? "Evaluated" : "已评价", 10, XlsxCellType.Integer),
            new(english ? "Satisfied" : "满意及基本满意", 14, XlsxCellType.Integer), new(english ? "On time" : "按时答复", 10, XlsxCellType.Integer),
            new(english ? "Overdue" : "超期未答复", 12, XlsxCellType.Integer), new(english ? "Solved rate" : "办成率", 10, XlsxCellType.Number),
            new(english ? "Satisfaction rate" : "满意率", 10, XlsxCellType.Number), new(english ? "On-time rate" : "按时答复率", 12, XlsxCellType.Number),
            new(english ? "Average days" : "平均办理天数", 12, XlsxCellType.Number),
        ];
        IEnumerable<IReadOnlyList<object?>> Rows()
        {
            IReadOnlyList<object?> R(string dim, SuggestionRates r) =>
                [dim, r.Label, r.Registered, r.Replied, r.Solved, r.Evaluated, r.Satisfied, r.OnTime, r.Overdue, r.SolvedRate, r.SatisfactionRate, r.OnTimeRate, r.AverageHandlingDays];
            yield return R(english ? "Total" : "合计", stats.Total);
            foreach (var r in stats.BySession) yield return R(english ? "Session" : "会议", r);
            foreach (var r in stats.ByUnit) yield return R(english ? "Lead unit" : "主办单位", r);
            foreach (var r in stats.ByCategory) yield return R(english ? "Category" : "类别", r);
            foreach (var r in stats.ByKind) yield return R(english ? "Kind" : "类型", r);
        }
        await XlsxWriter.WriteAsync(output, english ? "Rates" : "办理情况统计", columns, Rows(), ct);
    }

    /// <summary>The session a compilation is for: the one asked for, else the latest session that has suggestions.</summary>
    public async Task<UseCaseResult<Session>> CompilationSessionAsync(string? session, CancellationToken ct = default)
    {
        var scope = await ScopeAsync(null, session, ct);
        if (!scope.Ok) return UseCaseResult<Session>.Invalid(scope.Errors!);
        var q = db.Set<Session>().AsNoTracking().Include(x => x.Term).ThenInclude(t => t!.Congress);
        var found = scope.Value.Session is { } id
            ? await q.FirstOrDefaultAsync(x => x.Id == id, ct)
            : await q.Where(x => db.Set<Suggestion>().Any(s => s.SessionId == x.Id && s.Number != null)).OrderByDescending(x => x.StartsOn).FirstOrDefaultAsync(ct)
              ?? await q.OrderByDescending(x => x.StartsOn).FirstOrDefaultAsync(ct);
        return found is null ? UseCaseResult<Session>.NotFound() : UseCaseResult<Session>.Success(found);
    }

    /// <summary>汇编: every registered suggestion and motion of the session, in number order, with co-signers,
    /// units, the reply and the evaluation; a summary table first.</summary>
    public async Task<DocxDocument> CompilationAsync(Session session, CancellationToken ct = default)
    {
        var list = await SuggestionAccess.Visible(db, me).AsNoTracking().Include(s => s.CoSigners).Include(s => s.Units).AsSplitQuery()
            .Where(s => s.SessionId == session.Id && s.Number != null).ToListAsync(ct);
        list = list.OrderBy(s => s.Kind == SuggestionTerms.Motion ? 0 : 1).ThenBy(s => s.Number).ToList();
        var repIds = list.Select(s => s.FilerId).Concat(list.SelectMany(s => s.CoSigners.Select(c => c.RepresentativeId))).Distinct().ToList();
        var names = await db.Set<Representative>().AsNoTracking().Where(r => repIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var units = await db.Set<HandlingUnit>().AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var congress = session.Term?.Congress?.Name ?? "";
        var place = congress.Replace("人民代表大会", "", StringComparison.Ordinal);
        var title = $"{place}{session.Term?.Title}人民代表大会{session.Title}";
        var doc = new DocxDocument().Title($"{title}代表建议、议案及办理答复汇编")
            .Subtitle($"{place}人大常委会代表工作委员会 编　{Platform.Calendar.ChinaTime.Today(clock):yyyy年M月}");
        doc.Heading("一、总体情况");
        var replied = list.Count(s => s.FirstRepliedAt is not null);
        doc.Paragraph($"本次会议期间，代表共提出议案{list.Count(s => s.Kind == SuggestionTerms.Motion)}件、建议{list.Count(s => s.Kind == SuggestionTerms.Suggestion)}件，" +
            $"已答复{replied}件，其中A类（已解决或采纳）{list.Count(s => s.FirstRepliedAt is not null && s.ResultClass == SuggestionTerms.Solved)}件、" +
            $"B类（正在解决或列入计划）{list.Count(s => s.FirstRepliedAt is not null && s.ResultClass == SuggestionTerms.InProgressPlan)}件、" +
            $"C类（因条件限制留作参考）{list.Count(s => s.FirstRepliedAt is not null && s.ResultClass == SuggestionTerms.Explained)}件。");
        doc.Table(["编号", "标题", "领衔代表", "主办单位", "办理结果", "代表评价"], list.Select(s => (IReadOnlyList<string?>)
        [
            SuggestionTerms.KindLabel(s.Kind, false) + s.NumberText, s.Title, names.GetValueOrDefault(s.FilerId),
            s.LeadUnitId is { } u ? units.GetValueOrDefault(u) : "", SuggestionTerms.ResultLabel(s.ResultClass, false), SuggestionTerms.RatingLabel(s.Rating, false),
        ]));
        doc.Heading("二、代表建议、议案及答复");
        foreach (var s in list)
        {
            doc.PageBreak();
            doc.Heading($"{SuggestionTerms.KindLabel(s.Kind, false)}{s.NumberText}　{s.Title}");
            doc.Field("领衔代表", names.GetValueOrDefault(s.FilerId));
            var co = s.CoSigners.Where(c => c.ConfirmedAt is not null).Select(c => names.GetValueOrDefault(c.RepresentativeId)).ToList();
            if (co.Count > 0) doc.Field("联名代表", string.Join("、", co));
            if (s.Category is not null) doc.Field("类别", s.Category);
            if (s.ConvertedFromMotion) doc.Field("说明", "经审查由议案转为建议");
            var lead = s.Units.Where(x => x.Role == SuggestionTerms.Lead).Select(x => units.GetValueOrDefault(x.HandlingUnitId)).ToList();
            var cos = s.Units.Where(x => x.Role == SuggestionTerms.Co).Select(x => units.GetValueOrDefault(x.HandlingUnitId)).ToList();
            if (lead.Count > 0) doc.Field("主办单位", string.Join("、", lead));
            if (cos.Count > 0) doc.Field("会办单位", string.Join("、", cos));
            if (s.IsKey) doc.Field("重点督办", "是");
            doc.Heading("内容", 2);
            doc.Paragraph(s.Body);
            if (s.Problem is not null) { doc.Heading("存在问题", 2); doc.Paragraph(s.Problem); }
            if (s.Proposal is not null) { doc.Heading("意见建议", 2); doc.Paragraph(s.Proposal); }
            doc.Heading("办理答复", 2);
            if (s.FirstRepliedAt is null) doc.Paragraph("尚未答复。");
            else
            {
                doc.Field("办理结果", SuggestionTerms.ResultLabel(s.ResultClass, false));
                doc.Paragraph(s.ReplyContent ?? "（答复函见附件）");
                if (s.Rating is not null) doc.Field("代表评价", SuggestionTerms.RatingLabel(s.Rating, false) + (s.Round > 1 ? $"（第{s.Round}轮办理）" : ""));
            }
        }
        return doc;
    }

    /// <summary>The public list of replies (答复公开): replied suggestions of a congress, with the filing
    /// representative's name (a public office) and nothing else personal (phone and ID numbers inside the reply
    /// text are masked). Anonymous; not scoped.</summary>
    public static async Task<Paged<PublicReply>> PublicRepliesAsync(AppDbContext db, string? jurisdiction, int? page, int? pageSize, bool english,
        CancellationToken ct = default)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var q = db.Set<Suggestion>().AsNoTracking().Where(s => s.Number != null && s.FirstRepliedAt != null);
        if (!string.IsNullOrWhiteSpace(jurisdiction)) q = q.Where(s => s.JurisdictionCode == jurisdiction);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(s => s.RepliedAt).ThenByDescending(s => s.Id).Skip((p - 1) * size).Take(size)
            .Select(s => new { S = s, Filer = s.Filer!.Name }).ToListAsync(ct);
        var ids = rows.Select(r => r.S.LeadUnitId).OfType<long>().Distinct().ToList();
        var units = await db.Set<HandlingUnit>().AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var items = rows.Select(r => new PublicReply(r.S.NumberText, SuggestionTerms.KindLabel(r.S.Kind, english), r.S.Title, r.Filer, r.S.Category,
            r.S.LeadUnitId is { } u ? units.GetValueOrDefault(u) : null, r.S.ResultClass, SuggestionTerms.ResultLabel(r.S.ResultClass, english),
            r.S.ReplyContent is null ? null : Masking.FreeText(r.S.ReplyContent), r.S.RepliedAt is { } at ? DateOnly.FromDateTime(at + Platform.Calendar.ChinaTime.Offset) : null,
            r.S.Rating is null ? null : SuggestionTerms.RatingLabel(r.S.Rating, english))).ToList();
        return new Paged<PublicReply>(items, total, p, size);
    }
}
