using System.Globalization;
using Renda.Platform.Calendar;
using Renda.Platform.Documents;
using Renda.Platform.Http;
using Renda.Platform.Spreadsheets;

namespace Renda.Modules.Performance;

/// <summary>The representative's annual duty report (.docx): who, the archive by kind, points by criterion
/// with their explanation, and the 民主测评 results of the year; and the term summary over every year.
/// The rankings workbook (.xlsx) of a dimension.</summary>
public sealed class AnnualReport(RepresentativeArchive archive, Scoring scoring, Reporting reporting, TimeProvider clock)
{
    public static string FileName(string name, int year) => $"{name}-{year}年度履职报告.docx";

    public async Task<UseCaseResult<(string FileName, byte[] Bytes)>> BuildAsync(long id, string? year, CancellationToken ct = default)
    {
        var y = scoring.ParseYear(year);
        if (y is null) return UseCaseResult<(string, byte[])>.Invalid("year", "年份应为四位数字，如 2026 / a four-digit year such as 2026");
        var owner = await archive.OwnerAsync(id, ct);
        if (!owner.Ok) return owner.Status == 404 ? UseCaseResult<(string, byte[])>.NotFound()
            : UseCaseResult<(string, byte[])>.Refused(owner.Status, owner.Slug!, owner.Zh!, owner.En!);
        var o = owner.Value!;
        var ys = y.Value.ToString(CultureInfo.InvariantCulture);
        var summary = (await archive.SummaryAsync(id, ys, false, ct)).Value!;
        var score = (await scoring.ScoreAsync(id, ys, ct)).Value!;
        var evaluations = await reporting.ResultsOfAsync(id, y.Value, ct);
        var doc = new DocxDocument()
            .Title($"{o.Name}同志{ys}年度履职报告")
            .Subtitle($"{o.JurisdictionName} · 生成于 {ChinaTime.Format(ChinaTime.Today(clock))}")
            .Heading("一、基本情况")
            .Field("姓名", o.Name)
            .Field("所在代表小组", o.DelegationGroup)
            .Field("专业小组", o.ProfessionalGroup ?? "—")
            .Field("进站", o.Stations.Count == 0 ? "—" : string.Join("、", o.Stations.Select(s => s.Name)))
            .Heading("二、履职档案")
            .Paragraph($"{ys}年共有履职记录 {summary.Total} 条。")
            .Table(["类别", "条数"], summary.ByKind.Where(k => k.Count > 0).Select(k => (IReadOnlyList<string?>)[k.Label, N(k.Count)]))
            .Heading("三、履职积分")
            .Paragraph(score.RulebookVersion is null
                ? $"{ys}年度尚未制定履职积分规则。"
                : $"按《{score.RulebookName}》（第 {score.RulebookVersion} 版）计算，{ys}年度履职积分 {P(score.Total)} 分。")
            .Table(["评价标准", "记录数", "得分", "说明"], score.Lines.Select(l => (IReadOnlyList<string?>)
                [l.Name, N(l.Records), P(l.Points), ScoreCalculator.Explain(l, false)]))
            .Heading("四、述职与民主测评");
        if (evaluations.Count == 0) doc.Paragraph($"{ys}年度未进行述职测评。");
        foreach (var e in evaluations)
            doc.Paragraph($"{ChinaTime.Format(e.Date)} 在{e.Place}向{e.Audience}述职，测评 {e.Total} 票：满意 {e.Satisfied} 票，基本满意 {e.BasicallySatisfied} 票，不满意 {e.Unsatisfied} 票，满意率 {e.SatisfactionRate}。");
        return UseCaseResult<(string, byte[])>.Success((FileName(o.Name, y.Value), doc.ToBytes()));
    }

    /// <summary>The term summary: points of every year that has records or a rulebook, and the archive by kind.</summary>
    public async Task<UseCaseResult<(string FileName, byte[] Bytes)>> TermSummaryAsync(long id, CancellationToken ct = default)
    {
        var owner = await archive.OwnerAsync(id, ct);
        if (!owner.Ok) return owner.Status == 404 ? UseCaseResult<(string, byte[])>.NotFound()
            : UseCaseResult<(string, byte[])>.Refused(owner.Status, owner.Slug!, owner.Zh!, owner.En!);
        var o = owner.Value!;
        var all = (await archive.SummaryAsync(id, null, false, ct)).Value!;
        var doc = new DocxDocument().Title($"{o.Name}同志本届履职情况汇总").Subtitle(o.JurisdictionName)
            .Heading("一、历年履职积分");
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var year in all.Years.OrderBy(y => y))
        {
            var s = (await scoring.ScoreAsync(id, year.ToString(CultureInfo.InvariantCulture), ct)).Value!;
            var count = (await archive.SummaryAsync(id, year.ToString(CultureInfo.InvariantCulture), false, ct)).Value!.Total;
            rows.Add([N(year), N(count), P(s.Total)]);
        }
        doc.Table(["年度", "履职记录", "履职积分"], rows)
            .Heading("二、履职档案（本届合计）")
            .Paragraph($"本届共有履职记录 {all.Total} 条。")
            .Table(["类别", "条数"], all.ByKind.Where(k => k.Count > 0).Select(k => (IReadOnlyList<string?>)[k.Label, N(k.Count)]));
        return UseCaseResult<(string, byte[])>.Success(($"{o.Name}-本届履职汇总.docx", doc.ToBytes()));
    }

    public static async Task WriteRankingsAsync(Stream output, IReadOnlyList<RankingGroup> groups, CancellationToken ct)
    {
        XlsxColumn[] columns =
        [
            new("分组", 24), new("名次", 8, XlsxCellType.Integer), new("代表", 14), new("履职积分", 12, XlsxCellType.Number),
            new("星级", 8, XlsxCellType.Integer), new("前十", 8),
        ];
        await XlsxWriter.WriteAsync(output, "履职积分排名", columns, groups.SelectMany(g => g.Rows).Select(r => (IReadOnlyList<object?>)
            [r.Group, r.Rank, r.Name, r.Total, r.Stars, r.TopTen ? "是" : ""]), ct);
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
    private static string P(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
}
