using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Opinions;
using Renda.Platform.Data;
using Renda.Platform.Spreadsheets;

namespace Renda.IntegrationTests.Opinions;

[Collection(OpinionsCollection.Name)]
public sealed class HotlineImportTests(DemoApp app)
{
    private static string Batch() => Guid.NewGuid().ToString("N")[..8];

    private async Task<HttpResponseMessage> UploadAsync(byte[] data, string fileName, string user = "demo-staff")
    {
        var http = await app.SignedInAsync(user, RendaApp.DemoPassword);
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(data);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await http.PostAsync("/api/opinions/hotline-import", form);
    }

    private async Task<List<Opinion>> ImportedAsync(string batch)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Opinion>().IgnoreQueryFilters()
            .Where(o => o.ExternalSource == HotlineImport.Source && o.ExternalId!.StartsWith(batch)).OrderBy(o => o.ExternalId).ToListAsync();
    }

    [Fact]
    public async Task A_json_batch_imported_twice_creates_each_ticket_once_and_reports_bad_rows()
    {
        var b = Batch();
        var json = $$"""
        [
          {"externalId": "{{b}}-1", "content": "小区门口积水严重", "category": "城乡建设", "phone": "13800138000", "time": "2026-02-27 09:30", "location": "递铺街道"},
          {"externalId": "{{b}}-2", "content": "公交班次太少", "category": "transport", "phone": "13800138001", "time": "2026-02-28T08:00:00+08:00"},
          {"externalId": "{{b}}-1", "content": "同一工单重复出现"},
          {"externalId": "{{b}}-3", "content": ""},
          {"content": "没有编号"},
          {"externalId": "{{b}}-4", "content": "电话不对", "phone": "12345"},
          {"externalId": "{{b}}-5", "content": "时间不对", "time": "明天"},
          {"externalId": "{{b}}-6", "content": "类别没有对应", "category": "奇怪的类别"}
        ]
        """;
        var first = await (await UploadAsync(Encoding.UTF8.GetBytes(json), "tickets.json")).JsonAsync();
        Assert.Equal((3, 1, 4), (first.GetProperty("created").GetInt32(), first.GetProperty("alreadyPresent").GetInt32(), first.GetProperty("rejected").GetInt32()));
        var rows = first.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(8, rows.Count);
        Assert.Equal("already_present", rows[2].GetProperty("outcome").GetString());
        Assert.Contains("反映的问题", rows[3].GetProperty("reasons")[0].GetString());
        Assert.Contains("工单编号", rows[4].GetProperty("reasons")[0].GetString());
        Assert.Contains("手机号码", rows[5].GetProperty("reasons")[0].GetString());
        Assert.Contains("时间", rows[6].GetProperty("reasons")[0].GetString());
        Assert.Equal("created", rows[7].GetProperty("outcome").GetString());
        Assert.Contains("未分类", rows[7].GetProperty("reasons")[0].GetString());

        var again = await (await UploadAsync(Encoding.UTF8.GetBytes(json), "tickets.json")).JsonAsync();
        Assert.Equal((0, 4, 4), (again.GetProperty("created").GetInt32(), again.GetProperty("alreadyPresent").GetInt32(), again.GetProperty("rejected").GetInt32()));

        var imported = await ImportedAsync(b);
        Assert.Equal([$"{b}-1", $"{b}-2", $"{b}-6"], imported.Select(o => o.ExternalId));
        Assert.All(imported, o => Assert.Equal((OpinionChannels.Hotline, "submitted"), (o.Channel, o.State)));
        Assert.Equal(("urban_construction", "transport", (string?)null), (imported[0].Category, imported[1].Category, imported[2].Category));
        Assert.Equal(new DateTime(2026, 2, 27, 1, 30, 0, DateTimeKind.Utc), imported[0].CreatedAt);    // 09:30 China time
        Assert.Equal("138****8000", imported[0].PhoneMasked);
        Assert.Equal("demo-staff", imported[0].CreatedBy);
    }

    [Fact]
    public async Task A_gb18030_csv_from_excel_is_read_with_its_chinese_headers()
    {
        var b = Batch();
        var csv = $"工单编号,来电时间,诉求内容,诉求类别,来电号码,事发地点\r\n{b}-1,2026/2/26 14:05,\"村里路灯不亮，\"\"晚上\"\"看不见\",城乡建设,13900139000,孝丰镇\r\n{b}-2,,养老院床位紧张,养老服务,,\r\n";
        var bytes = CsvReader.Gb18030.GetBytes(csv);
        var report = await (await UploadAsync(bytes, "12345工单.csv")).JsonAsync();
        Assert.Equal(2, report.GetProperty("created").GetInt32());
        var imported = await ImportedAsync(b);
        Assert.Equal("村里路灯不亮，\"晚上\"看不见", imported[0].Content);
        Assert.Equal(("urban_construction", "孝丰镇"), (imported[0].Category, imported[0].Location));
        Assert.Equal(("elderly_care", (string?)null), (imported[1].Category, imported[1].PhoneMasked));

        var again = await (await UploadAsync(bytes, "12345工单.csv")).JsonAsync();
        Assert.Equal((0, 2), (again.GetProperty("created").GetInt32(), again.GetProperty("alreadyPresent").GetInt32()));
    }

    [Fact]
    public async Task A_file_that_is_not_a_batch_is_refused_and_only_staff_may_import()
    {
        var noHeader = await UploadAsync(Encoding.UTF8.GetBytes("a,b,c\r\n1,2,3\r\n"), "x.csv");
        Assert.Equal(HttpStatusCode.BadRequest, noHeader.StatusCode);
        Assert.Contains("表头", await noHeader.Content.ReadAsStringAsync());
        var badJson = await UploadAsync(Encoding.UTF8.GetBytes("[{\"externalId\": "), "x.json");
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        var zip = await UploadAsync([0x50, 0x4B, 0x03, 0x04, 1, 2, 3], "x.csv");
        Assert.Equal(HttpStatusCode.BadRequest, zip.StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(Encoding.UTF8.GetBytes("[]"), "x.json", "demo-unit")).StatusCode);
    }
}
