using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Spreadsheet;
using Renda.Platform.Audit;
using Renda.Platform.Spreadsheets;

namespace Renda.UnitTests.Audit;

public sealed class AuditWorkbookTests
{
    private static AuditEntry Entry(long id, string summary = "{}") => new()
    {
        Id = id, At = new DateTime(2026, 3, 2, 8, 30, 15, DateTimeKind.Utc), Actor = "auditor-" + id, ActorRole = "auditor",
        ClientIp = "203.0.113.9", Action = AuditActions.SignIn, EntityType = "AppUser", EntityId = "u-" + id,
        Summary = summary, Outcome = AuditOutcomes.Success, JurisdictionCode = "330523", PrevHash = AuditHasher.Genesis, Hash = new string('a', 64),
    };

    private static async IAsyncEnumerable<AuditEntry> Entries(int n, Func<long, AuditEntry>? make = null)
    {
        for (var i = 1; i <= n; i++)
        {
            await Task.Yield();
            yield return (make ?? (id => Entry(id)))(i);
        }
    }

    private static List<List<string>> ReadRows(Stream xlsx, out SpreadsheetDocument doc)
    {
        xlsx.Position = 0;
        doc = SpreadsheetDocument.Open(xlsx, false);
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        return sheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList())
            .ToList();
    }

    [Fact]
    public async Task Writes_chinese_headers_a_frozen_header_row_widths_and_one_row_per_entry()
    {
        using var ms = new MemoryStream();
        var result = await AuditWorkbook.WriteAsync(ms, Entries(3), maxRows: 10);

        var rows = ReadRows(ms, out var doc);
        using (doc)
        {
            Assert.Equal(new AuditWorkbook.Result(3, false), result);
            Assert.Equal(["时间(UTC)", "操作人", "角色", "IP", "操作", "对象类型", "对象ID", "摘要", "结果", "区划", "哈希"], rows[0]);
            Assert.Equal(4, rows.Count);
            Assert.Equal(["auditor-1", "auditor", "203.0.113.9", "auth.sign_in", "AppUser", "u-1", "{}", "success", "330523", new string('a', 64)], rows[1].Skip(1));
            Assert.Equal(new DateTime(2026, 3, 2, 8, 30, 15), DateTime.FromOADate(double.Parse(rows[1][0], System.Globalization.CultureInfo.InvariantCulture)));
            var ws = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
            var pane = ws.Descendants<Pane>().Single();
            Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
            Assert.Equal(1d, pane.VerticalSplit!.Value);
            Assert.Equal(11, ws.Descendants<Column>().Count(c => c.CustomWidth?.Value == true && c.Width! > 5));
            Assert.Equal("审计日志", doc.WorkbookPart.Workbook.Descendants<Sheet>().Single().Name!.Value);
            Assert.Empty(new OpenXmlValidator().Validate(doc).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}"));
        }
    }

    [Fact]
    public async Task Stops_at_the_cap_and_says_so_in_a_last_row()
    {
        using var ms = new MemoryStream();
        var result = await AuditWorkbook.WriteAsync(ms, Entries(5), maxRows: 3);

        var rows = ReadRows(ms, out var doc);
        Assert.Empty(new OpenXmlValidator().Validate(doc).Select(e => e.Description));
        doc.Dispose();
        Assert.Equal(new AuditWorkbook.Result(3, true), result);
        Assert.Equal(5, rows.Count); // header, 3 entries, the note
        Assert.Equal(AuditWorkbook.CappedNote(3), rows[4].Single());
        Assert.Equal("auditor-3", rows[3][1]);
    }

    [Fact]
    public async Task Exactly_the_cap_is_complete_and_has_no_note()
    {
        using var ms = new MemoryStream();
        var result = await AuditWorkbook.WriteAsync(ms, Entries(3), maxRows: 3);
        var rows = ReadRows(ms, out var doc);
        doc.Dispose();
        Assert.False(result.Capped);
        Assert.Equal(4, rows.Count);
    }

    [Fact]
    public async Task Control_characters_and_overlong_text_still_make_a_valid_file()
    {
        var nasty = "a\u0001b\u0000c\uD800d=cmd|' /C calc'!A0" + new string('x', 40_000);
        using var ms = new MemoryStream();
        await AuditWorkbook.WriteAsync(ms, Entries(1, id => Entry(id, nasty)), maxRows: 5);

        var rows = ReadRows(ms, out var doc);
        doc.Dispose();
        var summary = rows[1][7];
        Assert.StartsWith("a\uFFFDb\uFFFDc\uFFFDd=cmd|' /C calc'!A0xx", summary);
        Assert.Equal(XlsxWriter.MaxCellText, summary.Length);
        Assert.EndsWith("…", summary);
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(10, "K")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    public void Column_names_follow_excel(int index, string name) => Assert.Equal(name, XlsxWriter.ColumnName(index));

    [Fact]
    public void File_name_is_the_utc_date() =>
        Assert.Equal("audit-20261122.xlsx", AuditWorkbook.FileName(new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero)));
}
