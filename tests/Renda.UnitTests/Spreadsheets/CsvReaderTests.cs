using System.Text;
using Renda.Platform.Spreadsheets;

namespace Renda.UnitTests.Spreadsheets;

public sealed class CsvReaderTests
{
    private const string Sample = "姓名,性别,工作单位\r\n张卫华,男,\"安吉县递铺街道\"\"鹤鹿溪\"\"社区\"\r\n李娜,女,\"多行\r\n单位\"\r\n欧阳娜娜,女,安吉县\r\n";

    private static byte[] Gb18030(string s) => CsvReader.Gb18030.GetBytes(s);

    [Fact]
    public void GB18030_as_Excel_writes_it_is_detected_and_decoded()
    {
        var bytes = Gb18030(Sample);
        Assert.False(System.Text.Unicode.Utf8.IsValid(bytes));   // the test input really is not UTF-8

        Assert.Equal("GB18030", CsvReader.DetectEncoding(bytes).Encoding.WebName, ignoreCase: true);
        var rows = CsvReader.Read(bytes).ToList();

        Assert.Equal(["姓名", "性别", "工作单位"], rows[0].Cells);
        Assert.Equal(["张卫华", "男", "安吉县递铺街道\"鹤鹿溪\"社区"], rows[1].Cells);
    }

    [Fact]
    public void UTF8_with_and_without_BOM_give_the_same_rows()
    {
        var plain = Encoding.UTF8.GetBytes(Sample);
        var bom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(plain).ToArray();

        var a = CsvReader.Read(plain).ToList();
        var b = CsvReader.Read(bom).ToList();

        Assert.Equal("姓名", a[0].Cells[0]);
        Assert.Equal("姓名", b[0].Cells[0]);   // the BOM is not part of the first header
        Assert.Equal(a.Select(r => string.Join("|", r.Cells)), b.Select(r => string.Join("|", r.Cells)));
        Assert.Equal(a.Select(r => r.Line), b.Select(r => r.Line));
    }

    [Fact]
    public void Each_record_carries_the_line_it_starts_on()
    {
        var rows = CsvReader.Read(Encoding.UTF8.GetBytes(Sample)).ToList();

        Assert.Equal([1, 2, 3, 5], rows.Select(r => r.Line));   // 李娜's cell spans lines 3 and 4
        Assert.Equal("多行\r\n单位", rows[2].Cells[2]);
        Assert.Equal("欧阳娜娜", rows[3].Cells[0]);
    }

    [Fact]
    public void Line_endings_of_any_kind_and_a_missing_final_newline_are_read()
    {
        var rows = CsvReader.Parse("a,b\nc,d\re,f").ToList();
        Assert.Equal([1, 2, 3], rows.Select(r => r.Line));
        Assert.Equal(["e", "f"], rows[2].Cells);
    }

    [Fact]
    public void Empty_cells_and_blank_lines_are_kept_as_rows_of_empty_cells()
    {
        var rows = CsvReader.Parse("a,,c\n,,\n").ToList();
        Assert.Equal(["a", "", "c"], rows[0].Cells);
        Assert.True(rows[1].IsBlank);
    }

    [Fact]
    public void UTF16_tab_separated_text_is_read()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("姓名\t性别\r\n张卫华\t男\r\n")).ToArray();
        var rows = CsvReader.Read(bytes).ToList();
        Assert.Equal(["张卫华", "男"], rows[1].Cells);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 })]             // a zip (an .xlsx renamed .csv)
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 })] // a PNG
    public void A_file_that_is_not_text_is_refused(byte[] bytes)
    {
        var e = Assert.Throws<SpreadsheetFormatException>(() => CsvReader.Read(bytes).ToList());
        Assert.Equal("not_text", e.Code);
    }

    [Fact]
    public void Malformed_UTF8_is_read_as_GB18030_not_rejected()
    {
        // A lone continuation byte is not UTF-8; the reader falls back rather than throwing.
        var bytes = new byte[] { (byte)'a', 0x80, (byte)',', (byte)'b' };
        var row = Assert.Single(CsvReader.Read(bytes));
        Assert.Equal(2, row.Cells.Count);
        Assert.Equal("b", row.Cells[1]);
    }
}
