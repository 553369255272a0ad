using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Renda.Platform.Spreadsheets;

namespace Renda.UnitTests.Spreadsheets;

using Text = DocumentFormat.OpenXml.Spreadsheet.Text;

public sealed class XlsxTests
{
    private static readonly XlsxColumn[] Columns =
    [
        new("姓名", 10), new("出生日期", 12, XlsxCellType.Date), new("人数", 8, XlsxCellType.Integer),
        new("比例", 8, XlsxCellType.Number), new("时间", 18, XlsxCellType.DateTime), new("在任", 6, XlsxCellType.Boolean),
        new("身份证号码", 22),
    ];

    private static byte[] Written(IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var ms = new MemoryStream();
        XlsxWriter.Write(ms, "代表名册", Columns, rows);
        return ms.ToArray();
    }

    [Fact]
    public void What_the_writer_writes_the_reader_reads_back()
    {
        var bytes = Written(
        [
            ["张卫华", new DateOnly(1975, 3, 8), 12, 0.25m, new DateTime(2026, 3, 2, 9, 30, 0), true, "330523197503081238"],
            ["<script>alert(1)</script>", null, 0L, 1.5, null, false, " 前后有空格 "],
        ]);

        var rows = XlsxReader.Read(new MemoryStream(bytes)).ToList();

        Assert.Equal(Columns.Select(c => c.Header), rows[0].Cells);
        Assert.Equal(1, rows[0].Line);
        Assert.Equal(["张卫华", "1975-03-08", "12", "0.25", "2026-03-02 09:30:00", "TRUE", "330523197503081238"], rows[1].Cells);
        Assert.Equal(["<script>alert(1)</script>", "", "0", "1.5", "", "FALSE", " 前后有空格 "], rows[2].Cells);
        Assert.Equal(3, rows[2].Line);
    }

    [Fact]
    public void The_header_is_frozen_bold_and_the_columns_have_widths_and_types()
    {
        var bytes = Written([["a", new DateOnly(2026, 1, 1), 1, 1.0, DateTime.UnixEpoch, true, "x"]]);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var styles = doc.WorkbookPart.WorkbookStylesPart!.Stylesheet;

        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);
        Assert.Equal(Columns.Select(c => c.Width), sheet.Descendants<Column>().Select(c => c.Width!.Value));
        Assert.Equal("代表名册", doc.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value);

        var cells = sheet.Descendants<Cell>().ToList();
        var formats = styles.CellFormats!.Elements<CellFormat>().ToList();
        var headerFont = styles.Fonts!.Elements<Font>().ElementAt((int)formats[(int)cells[0].StyleIndex!.Value].FontId!.Value);
        Assert.NotNull(headerFont.Bold);
        var date = cells.Single(c => c.CellReference == "B2");
        Assert.Null(date.DataType);   // a number with a date format, as Excel stores dates
        Assert.Equal("46023", date.CellValue!.Text);
        Assert.Equal(CellValues.InlineString, cells.Single(c => c.CellReference == "G2").DataType!.Value);
        Assert.Equal(49u, formats[(int)cells.Single(c => c.CellReference == "G2").StyleIndex!.Value].NumberFormatId!.Value);
    }

    [Fact]
    public void Characters_XML_cannot_carry_are_dropped_not_fatal()
    {
        var bytes = Written([["a\u0001b\u0008c", null, null, null, null, null, null]]);
        Assert.Equal("abc", XlsxReader.Read(new MemoryStream(bytes)).Skip(1).Single().Cells[0]);
    }

    [Fact]
    public async Task The_writer_streams_to_a_stream_that_cannot_seek()
    {
        using var inner = new MemoryStream();
        await using var forwardOnly = new ForwardOnlyStream(inner);
        await XlsxWriter.WriteAsync(forwardOnly, "x", Columns, Enumerable.Range(0, 1000).Select(i => (IReadOnlyList<object?>)[$"代表{i}", null, i]));

        var rows = XlsxReader.Read(new MemoryStream(inner.ToArray())).ToList();
        Assert.Equal(1001, rows.Count);
        Assert.Equal("代表999", rows[^1].Cells[0]);
    }

    [Fact]
    public void Shared_strings_rich_text_dates_as_serial_numbers_and_long_numbers_are_read()
    {
        var bytes = Workbook(date1904: false);

        var rows = XlsxReader.Read(new MemoryStream(bytes)).ToList();

        Assert.Equal(2, rows.Count);
        Assert.Equal(1, rows[0].Line);
        Assert.Equal(4, rows[1].Line);   // rows 2 and 3 are absent in the file: the line is the row's own number
        Assert.Equal(["姓名", "", "出生日期", "手机号码", "备注"], rows[0].Cells);
        Assert.Equal("张卫华", rows[1].Cells[0]);
        Assert.Equal("", rows[1].Cells[1]);
        Assert.Equal("1975-03-08", rows[1].Cells[2]);   // serial 27461 with a date format
        Assert.Equal("13812348000", rows[1].Cells[3]);  // not 1.3812348E10
        Assert.Equal("富文本", rows[1].Cells[4]);       // runs joined
        Assert.Equal("1975年3月", rows[1].Cells[5]);    // an inline string
        Assert.Equal("27461", rows[1].Cells[6]);        // the same number without a date format
    }

    [Fact]
    public void Workbooks_in_the_1904_date_system_are_read_with_it()
    {
        var rows = XlsxReader.Read(new MemoryStream(Workbook(date1904: true))).ToList();
        Assert.Equal("1979-03-09", rows[1].Cells[2]);
    }

    [Theory]
    [InlineData(14u, null, true)]
    [InlineData(31u, null, true)]                 // 年月日 in a Chinese Excel
    [InlineData(0u, null, false)]
    [InlineData(49u, null, false)]
    [InlineData(164u, "yyyy\"年\"m\"月\"", true)]
    [InlineData(165u, "0.00\"m\"", false)]         // m inside quotes is a unit, not a month
    [InlineData(166u, "[Red]0.00", false)]
    [InlineData(167u, "0.00E+00", false)]
    public void Date_formats_are_recognised(uint id, string? code, bool isDate) => Assert.Equal(isDate, XlsxReader.IsDateFormat(id, code));

    [Fact]
    public void Serial_numbers_follow_Excel_including_its_phantom_leap_day()
    {
        Assert.Equal(new DateTime(1900, 1, 1), XlsxReader.FromSerial(1));
        Assert.Equal(new DateTime(1900, 3, 1), XlsxReader.FromSerial(61));
        Assert.Equal(new DateTime(2026, 3, 2, 12, 0, 0), XlsxReader.FromSerial(46083.5));
        Assert.Equal(46083.5m, XlsxWriter.Serial(new DateTime(2026, 3, 2, 12, 0, 0)));
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_not_a_workbook()
    {
        var e = Assert.Throws<SpreadsheetFormatException>(() => XlsxReader.Read(new MemoryStream("姓名,性别\n"u8.ToArray())).ToList());
        Assert.Equal("not_xlsx", e.Code);
    }

    [Fact]
    public void A_zip_that_is_not_a_workbook_is_not_a_workbook()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = new StreamWriter(zip.CreateEntry("hello.txt").Open());
            w.Write("not a workbook");
        }
        var e = Assert.Throws<SpreadsheetFormatException>(() => XlsxReader.Read(new MemoryStream(ms.ToArray())).ToList());
        Assert.Equal("not_xlsx", e.Code);
    }

    [Fact]
    public void A_truncated_workbook_is_refused()
    {
        var bytes = Workbook(false);
        var e = Assert.Throws<SpreadsheetFormatException>(() => XlsxReader.Read(new MemoryStream(bytes[..(bytes.Length / 2)])).ToList());
        Assert.Equal("not_xlsx", e.Code);
    }

    [Fact]
    public void Old_binary_xls_is_named_as_such()
    {
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
        Assert.Equal("xls_unsupported", Assert.Throws<SpreadsheetFormatException>(() => XlsxReader.Read(new MemoryStream(ole)).ToList()).Code);
        Assert.Equal("xls_unsupported", Assert.Throws<SpreadsheetFormatException>(() => SpreadsheetFiles.Read("roster.xlsx", ole).ToList()).Code);
    }

    [Theory]
    [InlineData("roster.xlsx", SpreadsheetKind.Xlsx)]
    [InlineData("ROSTER.CSV", SpreadsheetKind.Csv)]
    [InlineData("roster.pdf", null)]
    public void The_kind_comes_from_the_name(string name, SpreadsheetKind? kind) => Assert.Equal(kind, SpreadsheetFiles.KindOf(name, []));

    [Fact]
    public void Column_names_and_indexes_match()
    {
        Assert.Equal("A", XlsxWriter.ColumnName(0));
        Assert.Equal("Z", XlsxWriter.ColumnName(25));
        Assert.Equal("AA", XlsxWriter.ColumnName(26));
        Assert.Equal(26, XlsxReader.ColumnIndex("AA12"));
        Assert.Equal(2, XlsxReader.ColumnIndex("C5"));
    }

    /// <summary>A workbook as Excel saves it: shared strings (one of them rich text), a date style,
    /// a gap in rows and cells, an inline string.</summary>
    private static byte[] Workbook(bool date1904)
    {
        using var ms = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(ms, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            if (date1904) wb.Workbook.WorkbookProperties = new WorkbookProperties { Date1904 = true };
            var sst = wb.AddNewPart<SharedStringTablePart>();
            sst.SharedStringTable = new SharedStringTable(
                new SharedStringItem(new Text("姓名")),
                new SharedStringItem(new Text("出生日期")),
                new SharedStringItem(new Text("手机号码")),
                new SharedStringItem(new Text("张卫华")),
                new SharedStringItem(new Run(new Text("富")), new Run(new Text("文本"))),
                new SharedStringItem(new Text("备注")));
            var styles = wb.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()), new Fills(new Fill(), new Fill()), new Borders(new Border()),
                new CellFormats(new CellFormat { NumberFormatId = 0 }, new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var ws = wb.AddNewPart<WorksheetPart>();
            Cell S(string r, int i) => new() { CellReference = r, DataType = CellValues.SharedString, CellValue = new CellValue(i.ToString()) };
            ws.Worksheet = new Worksheet(new SheetData(
                new Row(S("A1", 0), S("C1", 1), S("D1", 2), S("E1", 5)) { RowIndex = 1 },
                new Row(
                    S("A4", 3),
                    new Cell { CellReference = "C4", StyleIndex = 1, CellValue = new CellValue("27461") },
                    new Cell { CellReference = "D4", CellValue = new CellValue("13812348000") },
                    S("E4", 4),
                    new Cell { CellReference = "F4", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("1975年3月")) },
                    new Cell { CellReference = "G4", CellValue = new CellValue("27461") }) { RowIndex = 4 }));
            wb.Workbook.AppendChild(new Sheets(new Sheet { Name = "Sheet1", SheetId = 1, Id = wb.GetIdOfPart(ws) }));
        }
        return ms.ToArray();
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
