using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Performance;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using static Renda.IntegrationTests.Stations.StationTestSupport;

namespace Renda.IntegrationTests.Performance;

public static class PerformanceTestSupport
{
    /// <summary>A new representative in the township and a signed-in account tied to them.</summary>
    public static async Task<(long Id, HttpClient Http)> RepresentativeAccountAsync(this RendaApp app, string userName, string township = Dipu)
    {
        var rep = await app.NewRepresentativeAsync("代表" + userName, township);
        var user = await app.CreateUserAsync(userName, Anji, Roles.Representative);
        await using (var scope = app.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var u = await users.FindByNameAsync(user.UserName!);
            u!.RepresentativeId = rep;
            await users.UpdateAsync(u);
        }
        return (rep, await app.SignedInAsync(userName));
    }

    /// <summary>Approved records written the way every module writes them.</summary>
    public static async Task RecordsAsync(this RendaApp app, long rep, string kind, int count, string date, string source = "tests")
    {
        await using var scope = app.Scope();
        await using var db = new AppDbContext(scope.ServiceProvider.GetRequiredService<DbContextOptions<AppDbContext>>(), new SystemUser("perf-test"), app.Clock);
        for (var i = 0; i < count; i++)
            await DutyArchive.RecordAsync(db, new DutyEntry(rep, kind, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
                kind + " " + i, source, $"{rep}:{kind}:{date}:{i}"));
        await db.SaveChangesAsync();
    }

    /// <summary>The known book of the tests, for a year no demo book covers: caps, a deduction, an uncapped line, a zero line.</summary>
    public static object KnownBook(string name = "测试积分办法") => new
    {
        name,
        criteria = new object[]
        {
            new { code = "R1", name = "接待选民", counts = "reception", pointsPerRecord = "2", cap = "10" },
            new { code = "M1", name = "会议和培训", counts = "meeting,training", pointsPerRecord = "3", cap = "12" },
            new { code = "S1", name = "自主登记", counts = "self_reported", pointsPerRecord = "1.5", cap = "" },
            new { code = "Q1", name = "应知应会", counts = "quiz", pointsPerRecord = "1", cap = "3" },
            new { code = "D1", name = "无故缺席", counts = "absence_unexcused", pointsPerRecord = "-2", cap = "6" },
        },
    };

    public static async Task<JsonElement> ScoreAsync(this HttpClient http, long rep, int year) =>
        await http.OkJsonAsync($"/api/representatives/{rep}/score?year={year}");

    public static JsonElement Line(this JsonElement score, string criterion) =>
        score.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("criterion").GetString() == criterion);

    public static decimal Dec(this JsonElement e, string name) => e.GetProperty(name).GetDecimal();

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string url, object body) => http.PostAsJsonAsync(url, body);
}
