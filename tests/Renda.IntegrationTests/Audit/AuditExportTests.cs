using System.Globalization;
using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Hosting;
using Renda.IntegrationTests.Infrastructure;
using Renda.Platform.Audit;
using static Renda.IntegrationTests.Audit.AuditHistoryApp;

namespace Renda.IntegrationTests.Audit;

/// <summary><c>GET /api/audit/export.xlsx</c>: a real workbook of what the list shows, read back with the OpenXml SDK.</summary>
public sealed class AuditExportTests(AuditHistoryApp app) : IClassFixture<AuditHistoryApp>
{
    internal static async Task<(HttpResponseMessage Response, List<List<string>> Rows, SheetView View)> ExportAsync(HttpClient http, string query)
    {
        var res = await http.GetAsync("/api/audit/export.xlsx" + query);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        using var doc = SpreadsheetDocument.Open(new MemoryStream(await res.Content.ReadAsByteArrayAsync()), false);
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList())
            .ToList();
        return (res, rows, (SheetView)sheet.Descendants<SheetView>().Single().CloneNode(true));
    }

    [Fact]
    public async Task Exports_the_filtered_entries_newest_first_with_chinese_headers()
    {
        var list = await (await app.AuditorA.GetAsync("/api/audit?actor=staff-a")).JsonAsync();
        var expected = list.GetProperty("items").EnumerateArray().ToList();

        var (res, rows, view) = await ExportAsync(app.AuditorA, "?actor=staff-a");

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", res.Content.Headers.ContentType?.MediaType);
        Assert.Equal("audit-20260310.xlsx", res.Content.Headers.ContentDisposition?.FileNameStar ?? res.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(["时间(UTC)", "操作人", "角色", "IP", "操作", "对象类型", "对象ID", "摘要", "结果", "区划", "哈希"], rows[0]);
        Assert.Equal(expected.Count + 1, rows.Count);
        Assert.Equal(expected.Select(i => i.GetProperty("hash").GetString()), rows.Skip(1).Select(r => r[10]));

        var newest = expected[0]; // staff-a's sign-out on day 2
        var row = rows[1];
        Assert.Equal(Day2.UtcDateTime, DateTime.FromOADate(double.Parse(row[0], CultureInfo.InvariantCulture)));
        Assert.Equal(["staff-a", "congress_staff", "203.0.113.1", AuditActions.SignOut, "AppUser"], row[1..6]);
        Assert.Equal(newest.GetProperty("entityId").GetString(), row[6]);
        Assert.Equal(newest.GetProperty("summary").GetString(), row[7]);
        Assert.Equal([AuditOutcomes.Success, CountyA], row[8..10]);

        var pane = view.GetFirstChild<Pane>()!;
        Assert.Equal((PaneStateValues.Frozen, 1d, "A2"), (pane.State!.Value, pane.VerticalSplit!.Value, pane.TopLeftCell!.Value));
    }

    [Fact]
    public async Task Exports_only_the_auditors_jurisdiction()
    {
        var (_, rows, _) = await ExportAsync(app.AuditorB, "");
        Assert.True(rows.Count > 1);
        Assert.All(rows.Skip(1), r => Assert.StartsWith(CountyB, r[9]));
        Assert.DoesNotContain(rows, r => r[1] == "staff-a");
    }

    [Fact]
    public async Task An_export_is_itself_audited_without_the_search_text()
    {
        var before = await app.LastAuditIdAsync();

        var (_, rows, _) = await ExportAsync(app.AuditorA, "?q=" + Uri.EscapeDataString("张三丰") + "&outcome=failure");

        var e = Assert.Single(await app.AuditSinceAsync(before));
        Assert.Equal((AuditActions.AuditExport, "aud-a", "auditor", CountyA), (e.Action, e.Actor, e.ActorRole, e.JurisdictionCode));
        using var summary = JsonDocument.Parse(e.Summary);
        Assert.Equal(rows.Count - 1, summary.RootElement.GetProperty("rows").GetInt32());
        Assert.Equal("failure", summary.RootElement.GetProperty("filter").GetProperty("outcome").GetString());
        Assert.Equal("[text, 3 chars]", summary.RootElement.GetProperty("filter").GetProperty("q").GetString());
        AuditTestKit.AssertNoSecretsIn([e], "张三丰");
    }

    [Fact]
    public async Task Bad_filters_are_refused_before_any_file_is_made()
    {
        var res = await app.AuditorA.GetAsync("/api/audit/export.xlsx?from=02/03/2026");
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty("from", out _));
    }
}

/// <summary>The row cap, lowered by configuration so that a handful of entries reaches it.</summary>
public sealed class CappedExportApp : RendaApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Audit:ExportMaxRows", "3");
    }
}

public sealed class AuditExportCapTests(CappedExportApp app) : IClassFixture<CappedExportApp>
{
    [Fact]
    public async Task A_capped_export_ends_with_a_note_saying_it_is_incomplete()
    {
        await app.CreateUserAsync("aud-cap", "330523", Renda.Platform.Auth.Roles.Auditor);
        await app.CreateUserAsync("staff-cap", "330523");
        for (var i = 0; i < 3; i++) await app.ClientFrom("203.0.113.3").LoginAsync("staff-cap", "Wrong-Secret-" + i);
        var auditor = await app.SignedInAsync("aud-cap");

        var (_, rows, _) = await AuditExportTests.ExportAsync(auditor, "");

        Assert.Equal(5, rows.Count); // header, three entries, the note
        Assert.Equal(AuditWorkbook.CappedNote(3), Assert.Single(rows[4]));
        Assert.Contains("capped\":true", (await app.AuditSinceAsync())[^1].Summary);
    }
}
