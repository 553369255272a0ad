using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Renda.Platform.Spreadsheets;

namespace Renda.UnitTests.Spreadsheets;

/// <summary>XlsxWriter with several sheets (the opinion statistics workbook) and percentages.</summary>
public sealed class XlsxSheetsTests
{
    private static readonly XlsxColumn[] Columns = [new("名称", 12), new("件数", 8, XlsxCellType.Integer), new("满意率", 8, XlsxCellType.Percent)];

    [Fact]
    public async Task Several_sheets_are_written_in_order_with_unique_names_and_the_first_selected()
    {
        using var ms = new MemoryStream();
        await XlsxWriter.WriteAsync(ms,
        [
            new XlsxSheet("汇总", Columns, [["合计", 7, 0.75m]]),
            new XlsxSheet("按乡镇", Columns, [["甲镇", 4, 1m], ["乙镇", 3, null]]),
            new XlsxSheet("按乡镇", Columns, []),
            new XlsxSheet("按/月*份", Columns, [["2026-01", 3, 0.5]]),
        ]);

        using var doc = SpreadsheetDocument.Open(new MemoryStream(ms.ToArray()), false);
        var wb = doc.WorkbookPart!;
        var sheets = wb.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["汇总", "按乡镇", "按乡镇 (2)", "按月份"], sheets.Select(s => s.Name!.Value));
        Assert.Equal([1u, 2u, 3u, 4u], sheets.Select(s => s.SheetId!.Value));
        var parts = sheets.Select(s => (WorksheetPart)wb.GetPartById(s.Id!.Value!)).ToList();
        Assert.Equal([true, false, false, false], parts.Select(p => p.Worksheet.Descendants<SheetView>().Single().TabSelected?.Value ?? false));
        Assert.Equal([2, 3, 1, 2], parts.Select(p => p.Worksheet.Descendants<Row>().Count()));

        var rate = parts[0].Worksheet.Descendants<Cell>().Single(c => c.CellReference == "C2");
        Assert.Equal("0.75", rate.CellValue!.Text);
        var format = wb.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)rate.StyleIndex!.Value);
        Assert.Equal(10u, format.NumberFormatId!.Value); // Excel's built-in 0.00%
        Assert.DoesNotContain(parts[1].Worksheet.Descendants<Cell>(), c => c.CellReference == "C3");

        // The single-sheet reader still reads the first sheet.
        Assert.Equal(["合计", "7", "0.75"], XlsxReader.Read(new MemoryStream(ms.ToArray())).Skip(1).Single().Cells);
    }

    [Fact]
    public void A_workbook_needs_a_sheet_and_a_sheet_needs_a_column()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => XlsxWriter.Write(new MemoryStream(), []));
        Assert.Throws<ArgumentOutOfRangeException>(() => XlsxWriter.Write(new MemoryStream(), [new XlsxSheet("x", [], [])]));
    }
}
