using System.Globalization;
using Renda.Platform.Spreadsheets;

namespace Renda.Modules.Opinions;

/// <summary>The dashboard's figures as an .xlsx through the one <see cref="XlsxWriter"/>: a summary sheet
/// (the totals and the counts by state), then one sheet per breakdown with the same columns as the page.</summary>
public static class OpinionStatsWorkbook
{
    public static string FileName(OpinionStatsResult r) =>
        $"opinion-stats-{r.From.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{r.To.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx";

    private static readonly XlsxColumn[] SummaryColumns = [new("项目", 24), new("数值", 14, XlsxCellType.Number)];

    public static XlsxColumn[] BreakdownColumns(string heading) =>
    [
        new(heading, 26), new("收到件数", 10, XlsxCellType.Integer),
        new("应办结", 10, XlsxCellType.Integer), new("已办结", 10, XlsxCellType.Integer), new("办结率", 10, XlsxCellType.Percent),
        new("答复件数", 10, XlsxCellType.Integer), new("按期答复", 10, XlsxCellType.Integer), new("按期率", 10, XlsxCellType.Percent),
        new("评价件数", 10, XlsxCellType.Integer), new("满意", 8, XlsxCellType.Integer), new("基本满意", 10, XlsxCellType.Integer),
        new("不满意", 8, XlsxCellType.Integer), new("满意率", 10, XlsxCellType.Percent),
        new("重新办理件数", 12, XlsxCellType.Integer), new("重新办理轮次", 12, XlsxCellType.Integer),
    ];

    public static IReadOnlyList<object?> Cells(StatsRow r) =>
    [
        r.Name, r.Received, r.Due, r.Closed, r.CompletionRate, r.Replied, r.RepliedOnTime, r.OnTimeRate,
        r.Rated, r.Satisfied, r.BasicallySatisfied, r.Unsatisfied, r.SatisfactionRate, r.Rehandled, r.RehandlingRounds,
    ];

    public static IReadOnlyList<XlsxSheet> Sheets(OpinionStatsResult r)
    {
        var t = r.Totals;
        var summary = new List<IReadOnlyList<object?>>
        {
            new object?[] { "统计期间", $"{r.From:yyyy-MM-dd} 至 {r.To:yyyy-MM-dd}" },
            new object?[] { "数据截至（北京时间）", Platform.Calendar.ChinaTime.FormatInstant(r.AsOf) },
            new object?[] { "收到件数", t.Received },
        };
        summary.AddRange(r.ByState.Select(s => (IReadOnlyList<object?>)new object?[] { "其中：" + s.Label, s.Count }));
        summary.AddRange(
        [
            new object?[] { "应办结件数", t.Due }, new object?[] { "已办结件数", t.Closed }, new object?[] { "办结率", t.CompletionRate },
            new object?[] { "答复件数", t.Replied }, new object?[] { "按期答复件数", t.RepliedOnTime }, new object?[] { "按期率", t.OnTimeRate },
            new object?[] { "评价件数", t.Rated }, new object?[] { "满意", t.Satisfied }, new object?[] { "基本满意", t.BasicallySatisfied },
            new object?[] { "不满意", t.Unsatisfied }, new object?[] { "满意率", t.SatisfactionRate },
            new object?[] { "重新办理件数", t.Rehandled }, new object?[] { "重新办理轮次", t.RehandlingRounds },
        ]);
        return
        [
            new XlsxSheet("汇总", SummaryColumns, summary),
            Breakdown("按承办单位", "承办单位", r.ByUnit),
            Breakdown("按类别", "类别", r.ByCategory),
            Breakdown("按家站点", "家站点", r.ByStation),
            Breakdown("按乡镇", "乡镇（街道）", r.ByTownship),
            Breakdown("按月份", "月份", r.ByMonth),
        ];
    }

    private static XlsxSheet Breakdown(string sheet, string heading, IReadOnlyList<StatsRow> rows) =>
        new(sheet, BreakdownColumns(heading), rows.Select(Cells));
}
