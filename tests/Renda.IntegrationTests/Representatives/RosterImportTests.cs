using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Audit;
using Renda.Platform.Data;
using Renda.Platform.Spreadsheets;
using Xunit.Abstractions;
using static Renda.IntegrationTests.Representatives.RosterFiles;

namespace Renda.IntegrationTests.Representatives;

/// <summary>POST /api/representatives/import: preview, all-or-nothing commit, every bad-row reason with
/// its line, the encodings and formats staff upload, and files that lie.</summary>
public sealed class RosterImportTests(DemoApp app, ITestOutputHelper output) : IClassFixture<DemoApp>
{
    private Task<HttpClient> Staff() => app.SignedInAsync("demo-staff", RendaApp.DemoPassword);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Post(HttpClient http, byte[] bytes, string fileName, bool commit = false)
    {
        var res = await http.PostAsync("/api/representatives/import" + (commit ? "?commit=true" : ""), Upload(bytes, fileName));
        return (res.StatusCode, await res.JsonAsync());
    }

    private static List<(int Line, string Field, string Reason)> Errors(JsonElement body) =>
        body.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString()!, e.GetProperty("reason").GetString()!)).ToList();

    private async Task<int> CountAsync(Func<IQueryable<Representative>, IQueryable<Representative>> where)
    {
        await using var scope = app.Scope();
        return await where(scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Representative>()).CountAsync();
    }

    [Fact]
    public async Task A_GB18030_csv_as_Excel_writes_it_previews_and_commits()
    {
        var http = await Staff();
        RosterLine[] people = [Person("诸葛明远"), Person("欧阳晓岚", male: false), Person("单国栋")];
        var bytes = Gb18030Csv(people);

        var (status, preview) = await Post(http, bytes, "名册.csv");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, preview.GetProperty("rows").GetInt32());
        Assert.Empty(Errors(preview));
        Assert.False(preview.GetProperty("committed").GetBoolean());
        Assert.Equal(0, await CountAsync(q => q.Where(r => r.Name == "诸葛明远")));   // a preview changes nothing

        var (committed, report) = await Post(http, bytes, "名册.csv", commit: true);

        Assert.Equal(HttpStatusCode.OK, committed);
        Assert.True(report.GetProperty("committed").GetBoolean());
        Assert.Equal(3, report.GetProperty("imported").GetInt32());
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pd = scope.ServiceProvider.GetRequiredService<PersonalData>();
        var rep = await db.Set<Representative>().Include(r => r.DelegationGroup).Include(r => r.ProfessionalGroup).SingleAsync(r => r.Name == "欧阳晓岚");
        Assert.Equal(Gender.Female, rep.Gender);
        Assert.Equal(people[1].IdNumber, pd.Unprotect(rep.IdNumberCipher));
        Assert.Equal(people[1].Phone, pd.Unprotect(rep.PhoneCipher));
        Assert.DoesNotContain(people[1].IdNumber, rep.IdNumberCipher!);   // encrypted at rest
        Assert.Equal(Masking.IdNumber(people[1].IdNumber), rep.IdNumberMasked);
        Assert.Equal("oyxl", rep.PinyinInitials.Split(' ')[0]);
        Assert.Equal("递铺街道代表小组", rep.DelegationGroup!.Name);
        Assert.Equal("330523001", rep.JurisdictionCode);   // the group's township
        Assert.Equal("城市建设", rep.ProfessionalGroup!.Name);
        Assert.True(rep.Levels.HasFlag(RepresentativeLevels.County));
        Assert.Equal(2, await db.Set<GroupMembership>().CountAsync(m => m.RepresentativeId == rep.Id && m.EndsOn == null));
        Assert.Equal("sgd", (await db.Set<Representative>().SingleAsync(r => r.Name == "单国栋")).PinyinInitials.Split(' ')[0]);   // 单 as a surname
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task UTF8_with_or_without_BOM_is_read(bool bom)
    {
        var http = await Staff();
        var name = bom ? "陶知远" : "陶知近";
        var (status, body) = await Post(http, Utf8Csv([Person(name)], bom), "roster.csv", commit: true);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("imported").GetInt32());
        Assert.Equal(1, await CountAsync(q => q.Where(r => r.Name == name)));
    }

    [Fact]
    public async Task An_xlsx_with_date_cells_is_read()
    {
        var http = await Staff();
        var person = Person("魏思齐", birth: new DateOnly(1981, 11, 30));
        var (status, body) = await Post(http, Xlsx([person]), "roster.xlsx", commit: true);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("imported").GetInt32());
        await using var scope = app.Scope();
        var rep = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Representative>().SingleAsync(r => r.Name == "魏思齐");
        Assert.Equal(new DateOnly(1981, 11, 30), rep.BirthDate);
    }

    [Fact]
    public async Task Every_bad_row_is_listed_with_its_line_and_reason_and_a_commit_imports_nothing()
    {
        var http = await Staff();
        var good = Person("姜好人");
        var onRoster = Person("姜已在");
        Assert.Equal(HttpStatusCode.OK, (await Post(http, Gb18030Csv([onRoster]), "first.csv", commit: true)).Status);

        var birth = new DateOnly(1980, 5, 3);
        var id = IdNumber(birth, male: true);
        var badCheck = id[..17] + (id[17] == '0' ? '1' : '0');
        RosterLine[] rows =
        [
            good,                                                                   // line 2
            Person("姜校验") with { IdNumber = badCheck },                           // 3: check digit
            Person("姜生日", birth: birth) with { IdNumber = IdNumber(birth, true), BirthDate = "1980-05-04" }, // 4: birth date mismatch
            Person("姜性别", male: true, birth: birth) with { IdNumber = IdNumber(birth, male: false) },        // 5: gender mismatch
            Person("姜电话") with { Phone = "1234567" },                              // 6: invalid phone
            Person("姜重复") with { IdNumber = good.IdNumber, BirthDate = good.BirthDate },  // 7: duplicate of line 2
            Person("姜名册") with { IdNumber = onRoster.IdNumber, BirthDate = onRoster.BirthDate }, // 8: already on the roster
            Person("") ,                                                            // 9: missing name
            Person("姜专业", professional: "航空航天"),                                // 10: unknown professional group
            Person(new string('长', 51)),                                           // 11: name too long
        ];

        var (status, preview) = await Post(http, Gb18030Csv(rows), "bad.csv");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(10, preview.GetProperty("rows").GetInt32());
        var errors = Errors(preview);
        Assert.Contains((3, "idNumber", "id_check_digit"), errors);
        Assert.Contains((4, "birthDate", "id_birth_date_mismatch"), errors);
        Assert.Contains((5, "gender", "id_gender_mismatch"), errors);
        Assert.Contains((6, "phone", "invalid_phone"), errors);
        Assert.Contains((7, "idNumber", "duplicate_in_file"), errors);
        Assert.Contains((8, "idNumber", "duplicate_in_roster"), errors);
        Assert.Contains((9, "name", "required"), errors);
        Assert.Contains((10, "professionalGroup", "unknown_professional_group"), errors);
        Assert.Contains((11, "name", "too_long"), errors);
        Assert.DoesNotContain(errors, e => e.Line == 2);
        Assert.Equal(9, errors.Select(e => e.Line).Distinct().Count());
        var first = preview.GetProperty("errors")[0];
        Assert.Equal("身份证号码", first.GetProperty("column").GetString());
        Assert.Contains("校验位", first.GetProperty("message").GetString());
        Assert.Contains("与第 2 行重复", preview.GetProperty("errors").EnumerateArray().Single(e => e.GetProperty("line").GetInt32() == 7).GetProperty("message").GetString());

        var (committed, body) = await Post(http, Gb18030Csv(rows), "bad.csv", commit: true);

        Assert.Equal(HttpStatusCode.BadRequest, committed);
        Assert.Equal("urn:renda:problem:import-has-errors", body.GetProperty("type").GetString());
        Assert.False(body.GetProperty("committed").GetBoolean());
        Assert.Equal(0, body.GetProperty("imported").GetInt32());
        Assert.Equal(errors.Count, Errors(body).Count);
        Assert.Equal(0, await CountAsync(q => q.Where(r => r.Name == "姜好人")));   // not even the good row
    }

    [Fact]
    public async Task New_groups_and_constituencies_are_named_in_the_preview_and_created_by_the_commit()
    {
        var http = await Staff();
        RosterLine[] rows =
        [
            Person("秦新组", group: "孝丰镇青年代表小组", constituency: "孝丰镇第99选区"),
            Person("秦旧组", group: "递铺街道代表小组", constituency: "递铺街道第1选区"),
        ];
        var csv = CsvText([[.. Header, "备注", "籍贯"], .. rows.Select(r => (string[])[.. r.Cells, "无", "浙江"])]);

        var (_, preview) = await Post(http, Encoding.UTF8.GetBytes(csv), "groups.csv");

        Assert.Equal(["孝丰镇青年代表小组"], preview.GetProperty("newGroups").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["孝丰镇第99选区"], preview.GetProperty("newConstituencies").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["备注", "籍贯"], preview.GetProperty("unknownColumns").EnumerateArray().Select(e => e.GetString()));

        var (status, _) = await Post(http, Encoding.UTF8.GetBytes(csv), "groups.csv", commit: true);

        Assert.Equal(HttpStatusCode.OK, status);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var group = await db.Set<DelegationGroup>().SingleAsync(g => g.Name == "孝丰镇青年代表小组");
        Assert.Equal("330523105", group.JurisdictionCode);   // 孝丰镇, from the group's name
        var rep = await db.Set<Representative>().Include(r => r.ConstituencyRecord).SingleAsync(r => r.Name == "秦新组");
        Assert.Equal(group.Id, rep.DelegationGroupId);
        Assert.Equal("孝丰镇第99选区", rep.ConstituencyRecord!.Name);
        Assert.Equal("330523105", rep.JurisdictionCode);
    }

    [Fact]
    public async Task Columns_may_come_in_any_order_under_a_title_row_and_a_missing_required_column_is_named()
    {
        var http = await Staff();
        var p = Person("严换序");
        var csv = CsvText([["安吉县第十八届人大代表名册"], ["代表小组", "选区", "手机号码", "身份证号码", "出生日期", "民族", "性别", "*姓名"],
            [p.DelegationGroup, p.Constituency, p.Phone, p.IdNumber, p.BirthDate, p.Ethnicity, p.Gender, p.Name]]);
        var (status, body) = await Post(http, Encoding.UTF8.GetBytes(csv), "reordered.csv");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("rows").GetInt32());
        Assert.Empty(Errors(body));

        var missing = CsvText([["姓名", "性别", "民族", "出生日期", "手机号码", "选区", "代表小组"], ["严缺列", "男", "汉族", "1980-01-01", "13900000001", "x", "y"]]);
        var (_, report) = await Post(http, Encoding.UTF8.GetBytes(missing), "missing.csv");
        Assert.Contains((1, "idNumber", "missing_column"), Errors(report));
    }

    [Fact]
    public async Task The_template_has_the_chinese_header_and_an_example_row_that_is_refused_if_left_in()
    {
        var http = await Staff();
        var res = await http.GetAsync("/api/representatives/import/template.xlsx");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(XlsxWriter.ContentType, res.Content.Headers.ContentType?.MediaType);
        var bytes = await res.Content.ReadAsByteArrayAsync();

        var rows = XlsxReader.Read(new MemoryStream(bytes)).ToList();
        Assert.Equal(Header, rows[0].Cells.Take(11));
        Assert.Equal("张卫华", rows[1].Cells[0]);

        var (_, preview) = await Post(http, bytes, "template.xlsx");
        Assert.Equal([(2, "idNumber", "template_example")], Errors(preview));
    }

    [Theory]
    [InlineData("roster.xlsx", "姓名,性别\r\n张三,男\r\n", "not_xlsx")]               // a CSV renamed .xlsx
    [InlineData("roster.csv", "PK\u0003\u0004\u0014\u0000binary", "not_text")]           // a zip renamed .csv
    [InlineData("roster.pdf", "%PDF-1.7", "unsupported_type")]
    public async Task A_file_that_lies_about_its_type_is_400_with_a_reason(string fileName, string content, string code)
    {
        var http = await Staff();
        var (status, body) = await Post(http, Encoding.Latin1.GetBytes(content), fileName);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("urn:renda:problem:import-bad-file", body.GetProperty("type").GetString());
        Assert.Equal(code, body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Empty_files_and_files_without_data_rows_are_400()
    {
        var http = await Staff();
        var res = await http.PostAsync("/api/representatives/import", Upload([], "empty.csv"));
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);

        var (status, body) = await Post(http, Encoding.UTF8.GetBytes(string.Join(",", Header) + "\r\n\r\n"), "header-only.csv");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("urn:renda:problem:import-empty", body.GetProperty("type").GetString());

        var noFile = await http.PostAsync("/api/representatives/import", new MultipartFormDataContent { { new StringContent("x"), "other" } });
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        var notMultipart = await http.PostAsync("/api/representatives/import", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notMultipart.StatusCode);
    }

    [Fact]
    public async Task A_file_over_20_MB_is_400()
    {
        var http = await Staff();
        var bytes = new byte[RosterImport.MaxFileBytes + 1];
        Array.Fill(bytes, (byte)'a');
        var res = await http.PostAsync("/api/representatives/import", Upload(bytes, "big.csv"));

        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Contains("20 MB", (await res.JsonAsync()).GetRawText());
    }

    [Fact]
    public async Task More_than_50000_rows_is_400()
    {
        var http = await Staff();
        var sb = new StringBuilder(string.Join(",", Header)).Append("\r\n");
        for (var i = 0; i <= RosterImport.MaxRows; i++) sb.Append("张三,男,汉族,1980-01-01,1,1,,,x,y,\r\n");
        var (status, body) = await Post(http, Encoding.UTF8.GetBytes(sb.ToString()), "many.csv");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("urn:renda:problem:import-too-many-rows", body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Only_congress_staff_import()
    {
        await app.CreateUserAsync("imp-leader", "330523", Roles.Leader);
        var leader = await app.SignedInAsync("imp-leader");
        var res = await leader.PostAsync("/api/representatives/import", Upload(Gb18030Csv([Person("孔不可")]), "x.csv"));
        Assert.Equal(HttpStatusCode.Forbidden, res.StatusCode);

        await app.CreateUserAsync("imp-cx", "330522", Roles.CongressStaff);
        var neighbour = await app.SignedInAsync("imp-cx");
        var (status, body) = await Post(neighbour, Gb18030Csv([Person("孔邻县")]), "x.csv", commit: true);
        Assert.Equal(HttpStatusCode.BadRequest, status);   // 长兴县 has no congress here: nowhere to import into
        Assert.Equal("urn:renda:problem:no-current-term", body.GetProperty("type").GetString());
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    [Fact]
    public async Task Ten_thousand_rows_import_in_one_transaction()
    {
        var http = await Staff();
        var groups = new[] { "递铺街道代表小组", "孝丰镇代表小组", "天荒坪镇代表小组", "万人口乡新代表小组" };
        var lines = Enumerable.Range(0, 10_000).Select(i => Person(Name(i), male: i % 3 != 0, group: groups[i % groups.Length],
            constituency: $"测试第{i % 40 + 1}选区", professional: ProfessionalGroup.Standard[i % 7])).ToList();
        var bytes = Gb18030Csv(lines);
        await using (var scope = app.Scope())
            _ = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Representative>().CountAsync();   // warm up the connection pool

        var watch = Stopwatch.StartNew();
        var (previewStatus, preview) = await Post(http, bytes, "10k.csv");
        var previewed = watch.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        watch.Restart();
        var (status, report) = await Post(http, bytes, "10k.csv", commit: true);
        var committed = watch.Elapsed;
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        output.WriteLine($"10,000 rows ({bytes.Length / 1024} KB GB18030 CSV) on {RendaApp.Provider}: preview {previewed.TotalMilliseconds:N0} ms, " +
            $"commit {committed.TotalMilliseconds:N0} ms wall, {cpuUsed.TotalMilliseconds:N0} ms CPU (upload, read, validate, encrypt, insert and audit, " +
            $"end to end over HTTP; load average {LoadAverage()})");
        Assert.Equal(HttpStatusCode.OK, previewStatus);
        Assert.Empty(Errors(preview));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(10_000, report.GetProperty("imported").GetInt32());
        Assert.Equal(["万人口乡新代表小组"], report.GetProperty("newGroups").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(10_000, await CountAsync(q => q.Where(r => r.Constituency.StartsWith("测试第"))));
        await using var check = app.Scope();
        var db = check.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(20_000, await db.Set<GroupMembership>().CountAsync(m => m.Representative!.Constituency.StartsWith("测试第")));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == RosterImport.ImportAction && e.Summary.Contains("\"rows\":10000")));
        // Tens of thousands of entries in one chain append, inserted in chunks (AppDbContext.AppendChunk): still one
        // gapless chain whose head matches.
        Assert.True(await db.AuditEntries.CountAsync() > 3 * AppDbContext.AppendChunk);
        Assert.True((await check.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync()).Intact);
    }
}
