using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Performance;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using static Renda.IntegrationTests.Stations.StationTestSupport;

namespace Renda.IntegrationTests.Stations;

/// <summary>The reception log, and the duty records it writes in the same transaction.</summary>
[Collection(StationsCollection.Name)]
public sealed class ReceptionTests(DemoApp app)
{
    [Fact]
    public async Task A_reception_writes_one_duty_record_per_receiving_representative()
    {
        var station = await app.NewStationAsync("接待测试联络点");
        var a = await app.NewRepresentativeAsync("接待甲");
        var b = await app.NewRepresentativeAsync("接待乙");
        var staff = await app.StaffAsync();

        var res = await staff.PostAsJsonAsync($"/api/stations/{station}/receptions", new
        {
            date = "2026-02-10", startTime = "9:00", endTime = "11:30", kind = "reception_day", representativeIds = new[] { a, b, a },
            citizenCount = 12, summary = "接待群众 12 人次", items = new[] { "路灯不亮", " ", "停车难" },
        });

        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var reception = await res.JsonAsync();
        var receptionId = reception.GetProperty("id").GetInt64();
        Assert.Equal(["接待甲", "接待乙"], reception.GetProperty("receivers").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(["路灯不亮", "停车难"], reception.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString()));
        Assert.All(reception.GetProperty("items").EnumerateArray(), i => Assert.Equal(System.Text.Json.JsonValueKind.Null, i.GetProperty("opinionId").ValueKind));
        Assert.Equal("demo-staff", reception.GetProperty("recordedBy").GetString());

        foreach (var rep in new[] { a, b })
        {
            var archive = await staff.OkJsonAsync($"/api/representatives/{rep}/archive");
            var record = Assert.Single(archive.GetProperty("items").EnumerateArray());
            Assert.Equal("reception", record.GetProperty("kind").GetString());
            Assert.Equal("2026-02-10", record.GetProperty("date").GetString());
            Assert.Equal("在接待测试联络点接待选民 12 人次", record.GetProperty("title").GetString());
            Assert.Contains("路灯不亮", record.GetProperty("detail").GetString());
            Assert.Equal("approved", record.GetProperty("state").GetString());
            Assert.Equal("stations", record.GetProperty("sourceModule").GetString());
            Assert.Equal($"reception:{receptionId}", record.GetProperty("sourceId").GetString());
        }

        var log = await staff.OkJsonAsync($"/api/stations/{station}/receptions");
        Assert.Equal(receptionId, Assert.Single(log.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task The_log_is_newest_first_and_filters_by_date()
    {
        var station = await app.NewStationAsync("日志顺序联络点");
        var rep = await app.NewRepresentativeAsync("日志代表");
        var staff = await app.StaffAsync();
        foreach (var date in new[] { "2026-01-10", "2026-02-27", "2026-02-10" })
            Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/stations/{station}/receptions",
                new { date, representativeIds = new[] { rep }, citizenCount = 1 })).StatusCode);

        var all = await staff.OkJsonAsync($"/api/stations/{station}/receptions");
        var feb = await staff.OkJsonAsync($"/api/stations/{station}/receptions?from=2026-02-01&to=2026-02-28&pageSize=1");

        Assert.Equal(["2026-02-27", "2026-02-10", "2026-01-10"], all.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("date").GetString()));
        Assert.Equal(2, feb.GetProperty("total").GetInt32());
        Assert.Equal("2026-02-27", Assert.Single(feb.GetProperty("items").EnumerateArray()).GetProperty("date").GetString());
        await AssertInvalidAsync(await staff.GetAsync($"/api/stations/{station}/receptions?from=2026-2-1"), "from");
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field_and_writes_neither_reception_nor_record()
    {
        var station = await app.NewStationAsync("坏输入联络点");
        var other = await app.NewStationAsync("另一个联络点");
        var rep = await app.NewRepresentativeAsync("坏输入代表");
        var staff = await app.StaffAsync();
        var ruleOfOther = (await (await staff.PostAsJsonAsync($"/api/stations/{other}/schedule-rules",
            new { title = "甲", kind = "weekly", weekday = 1, startTime = "9:00", endTime = "10:00" })).JsonAsync()).GetProperty("id").GetInt64();
        var receptions = await app.CountAsync<Reception>();
        var records = await app.CountAsync<DutyRecord>();
        var url = $"/api/stations/{station}/receptions";

        await AssertInvalidAsync(await staff.PostAsJsonAsync(url, new { date = "2026/02/10", representativeIds = new[] { rep }, citizenCount = -1 }),
            "date", "citizenCount");
        await AssertInvalidAsync(await staff.PostAsJsonAsync(url, new { date = "2026-03-03", representativeIds = Array.Empty<long>(), citizenCount = 1 }),
            "date", "representativeIds");
        await AssertInvalidAsync(await staff.PostAsJsonAsync(url, new { date = "2026-02-10", startTime = "11:30", endTime = "9:00", kind = "party",
            representativeIds = new[] { rep, 987654321L }, citizenCount = 10_001, scheduleRuleId = ruleOfOther }),
            "endTime", "kind", "representativeIds", "citizenCount", "scheduleRuleId");
        await AssertInvalidAsync(await staff.PostAsJsonAsync(url, new { date = "2026-02-10", representativeIds = new[] { rep },
            summary = new string('字', 2001), items = Enumerable.Repeat("问题", 51).ToArray() }), "citizenCount", "summary", "items");

        Assert.Equal(receptions, await app.CountAsync<Reception>());
        Assert.Equal(records, await app.CountAsync<DutyRecord>());
    }

    [Fact]
    public async Task Script_tags_in_what_was_raised_are_kept_and_encoded_on_the_page()
    {
        var station = await app.NewStationAsync("脚本测试联络点");
        var rep = await app.NewRepresentativeAsync("脚本代表");
        var staff = await app.StaffAsync();
        const string item = "<img src=x onerror=alert(1)>井盖破损";
        var created = await (await staff.PostAsJsonAsync($"/api/stations/{station}/receptions",
            new { date = "2026-02-20", representativeIds = new[] { rep }, citizenCount = 2, items = new[] { item }, summary = "<b>粗体</b>" })).JsonAsync();
        Assert.Equal(item, created.GetProperty("items")[0].GetProperty("text").GetString());

        var browser = app.PageClient();
        await browser.SignInWithFormAsync("demo-staff", RendaApp.DemoPassword);
        var html = await browser.GetStringAsync($"/stations/{station}");
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;井盖破损", html);
        Assert.Contains("&lt;b&gt;粗体&lt;/b&gt;", html);
        Assert.DoesNotContain("<img src=x", html);
    }

    [Fact]
    public async Task When_the_duty_records_cannot_be_saved_the_reception_is_not_saved_either()
    {
        var station = await app.NewStationAsync("事务测试联络点");
        var rep = await app.NewRepresentativeAsync("事务代表");
        var receptions = await app.CountAsync<Reception>();
        var records = await app.CountAsync<DutyRecord>();

        var options = new DbContextOptionsBuilder<AppDbContext>();
        if (RendaApp.IsPostgres) options.UseNpgsql(app.ConnectionString);
        else options.UseSqlite(DataSetup.SqliteConnectionString(app.ConnectionString));
        options.AddInterceptors(new FailInsertsInto("duty_records"));
        var staff = new ActingUser("tx-staff", Anji, Roles.CongressStaff);
        await using (var db = new AppDbContext(options.Options, staff, app.Clock))
        {
            var useCase = new StationReceptions(db, new StationAccess(staff), app.Clock);
            var input = new ReceptionInput("2026-02-10", RepresentativeIds: [rep], CitizenCount: 5, Items: ["应当回滚"]);

            var error = await Assert.ThrowsAnyAsync<Exception>(() => useCase.RecordAsync(station, input));
            Assert.Contains(FailInsertsInto.Message, error.ToString());
        }

        Assert.Equal(receptions, await app.CountAsync<Reception>());
        Assert.Equal(records, await app.CountAsync<DutyRecord>());
        Assert.Equal(0, await app.CountAsync<ReceptionItem>(i => i.Text == "应当回滚"));

        // The same use case without the fault writes both: the failure above was the injected one.
        await using (var scope = app.Scope())
        {
            var db = new AppDbContext(scope.ServiceProvider.GetRequiredService<DbContextOptions<AppDbContext>>(), staff, app.Clock);
            var ok = await new StationReceptions(db, new StationAccess(staff), app.Clock)
                .RecordAsync(station, new ReceptionInput("2026-02-10", RepresentativeIds: [rep], CitizenCount: 5));
            Assert.True(ok.Ok, ok.Message(true));
        }
        Assert.Equal(receptions + 1, await app.CountAsync<Reception>());
        Assert.Equal(records + 1, await app.CountAsync<DutyRecord>());
    }

    /// <summary>Fails the INSERT into one table, after the statements before it have run.</summary>
    private sealed class FailInsertsInto(string table) : DbCommandInterceptor
    {
        public const string Message = "injected failure: duty records cannot be written";

        private void Check(DbCommand command)
        {
            // SQLite's provider quotes every identifier, Npgsql only those that need it.
            if (command.CommandText.Contains($"INSERT INTO \"{table}\"", StringComparison.Ordinal)
                || command.CommandText.Contains($"INSERT INTO {table} ", StringComparison.Ordinal))
                throw new InvalidOperationException(Message);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
