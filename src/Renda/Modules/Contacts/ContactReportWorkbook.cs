using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Renda.Platform.Spreadsheets;

namespace Renda.Modules.Contacts;

/// <summary>The 双联 report as an .xlsx: a summary sheet, one sheet by delegation group, one by
/// township, the list of those not contacted, and the representatives without a pairing. Written with
/// DocumentFormat.OpenXml (no shared spreadsheet writer existed when this was built); the report is
/// already in memory, so the workbook is built in memory too.</summary>
public static class ContactReportWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";


    private const uint HeaderStyle = 1, DateStyle = 2;

    public static string FileName(ContactReportResult r) =>
        $"shuanglian-{r.Level}-{r.Months}m-{r.AsOf.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx";

    public static byte[] Write(ContactReportResult r)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var styles = wb.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheets = wb.Workbook.AppendChild(new Sheets());
            var committee = r.Level == "committee";

            AddSheet(wb, sheets, "汇总",
            [
                ["项目", "值"],
                ["层级", committee ? "常委会组成人员联系代表" : "代表联系选民"],
                ["统计日", r.AsOf],
                ["未联系时长（月）", r.Months],
                ["自该日起未联系即列入", r.Since],
                ["代表小组（筛选）", r.Group?.ToString(CultureInfo.InvariantCulture) ?? "全部"],
                ["行政区划（筛选）", r.Jurisdiction ?? "全部"],
                ["在联结对数", r.Totals.Pairings],
                ["期内已联系", r.Totals.Contacted],
                ["期内未联系（含从未联系）", r.Totals.NotContacted],
                ["从未联系", r.Totals.Never],
                [committee ? "无常委会组成人员联系的代表" : "未结对选民的代表", r.Totals.Unpaired],
            ]);
            AddSheet(wb, sheets, "按代表小组", BucketRows("代表小组", r.ByGroup));
            AddSheet(wb, sheets, "按乡镇", BucketRows("乡镇（街道）", r.ByJurisdiction));
            var list = new List<object?[]>
            {
                new object?[] { committee ? "常委会组成人员" : "代表", committee ? "代表" : "选民", "代表小组", "乡镇（街道）", "结对日期", "最近联系日期", "状态" },
            };
            list.AddRange(r.NotContacted.Select(x => new object?[]
            {
                x.Contactor, x.Contacted, x.Group, x.Township, x.StartedOn, x.LastContactOn, x.Status == "never" ? "从未联系" : "超期未联系",
            }));
            AddSheet(wb, sheets, "未联系名单", list);
            var unpaired = new List<object?[]> { new object?[] { "代表", "代表小组", "乡镇（街道）" } };
            unpaired.AddRange(r.Unpaired.Select(u => new object?[] { u.Name, u.Group, u.Township }));
            AddSheet(wb, sheets, committee ? "无联系委员的代表" : "未结对选民的代表", unpaired);
            wb.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static List<object?[]> BucketRows(string heading, IReadOnlyList<ReportBucket> buckets)
    {
        var rows = new List<object?[]> { new object?[] { heading, "在联结对", "期内已联系", "期内未联系", "从未联系", "未结对代表" } };
        rows.AddRange(buckets.Select(b => new object?[] { b.Name, b.Pairings, b.Contacted, b.NotContacted, b.Never, b.Unpaired }));
        return rows;
    }

    private static void AddSheet(WorkbookPart wb, Sheets sheets, string name, IReadOnlyList<object?[]> rows)
    {
        var part = wb.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var i = 0; i < rows.Count; i++)
        {
            var index = (uint)i + 1;
            var row = new Row { RowIndex = index };
            for (var c = 0; c < rows[i].Length; c++)
                row.Append(Cell(c, index, rows[i][c], i == 0 ? HeaderStyle : 0));
            data.Append(row);
        }
        var width = rows.Max(r => r.Length);
        var columns = new Columns();
        for (var c = 0; c < width; c++)
            columns.Append(new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = c == 0 ? 28 : 16, CustomWidth = true });
        part.Worksheet = new Worksheet(columns, data);
        sheets.Append(new Sheet { Id = wb.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
    }

    private static Cell Cell(int column, uint row, object? value, uint style)
    {
        var cell = new Cell { CellReference = XlsxWriter.ColumnName(column) + row.ToString(CultureInfo.InvariantCulture) };
        switch (value)
        {
            case null:
                break;
            case int n:
                cell.DataType = CellValues.Number;
                cell.CellValue = new CellValue(n.ToString(CultureInfo.InvariantCulture));
                break;
            case DateOnly d:
                cell.CellValue = new CellValue(d.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture));
                cell.StyleIndex = DateStyle;
                break;
            default:
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(XlsxWriter.CellText(value.ToString())) { Space = SpaceProcessingModeValues.Preserve });
                break;
        }
        if (style != 0) cell.StyleIndex = style;
        return cell;
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164U, FormatCode = "yyyy-mm-dd" }) { Count = 1U },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "等线" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "等线" }))
        { Count = 2U },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2U },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1U },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
        new CellFormats(
            new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U },
            new CellFormat { NumberFormatId = 0U, FontId = 1U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyFont = true },
            new CellFormat { NumberFormatId = 164U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyNumberFormat = true })
        { Count = 3U },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });
}
