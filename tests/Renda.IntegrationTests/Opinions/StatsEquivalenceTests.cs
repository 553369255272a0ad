using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Opinions;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using static Renda.IntegrationTests.Opinions.StatsWorld;

namespace Renda.IntegrationTests.Opinions;

/// <summary>Every figure of every breakdown of GET /api/opinions/stats against a straightforward count per figure
/// (the definitions of the module README applied to the opinions in memory), on a seeded random county that
/// exercises every measure: all states, re-handling rounds, late and on-time replies, every rating, ratings given
/// without a value, deadlines before and after today, events on both sides of China midnight at the period's ends,
/// county-level opinions without a township, unit, category or station, and a neighbouring county never counted.</summary>
public sealed class StatsEquivalenceTests(RendaApp app) : IClassFixture<RendaApp>
{
    private static readonly string[] States =
        ["submitted", "triaged", "merged", "declined", "assigned", "escalated", "in_progress", "replied", "closed"];
    private static readonly string[] Loop = ["assigned", "in_progress", "replied", "closed"];
    private static readonly string?[] Ratings = [null, "satisfied", "basically_satisfied", "unsatisfied"];
    private static readonly string?[] Categories = [null, "urban_construction", "transport", "environment"];

    private enum Event { Received, Due, Replied, Rated }

    // Month-aligned periods are served by the monthly rollup (ADR 0038), others by it and by the passes over the days
    // at their ends; the township account (narrower than a county) by the passes alone.
    [Theory]
    [InlineData("339951", "2025-09-01", "2026-03-31")] // today (2 March) inside: later deadlines are not due yet
    [InlineData("339953", "2026-01-01", "2026-01-31")]
    [InlineData("339955", "2025-12-01", "2026-02-28")]
    [InlineData("339957", "2025-09-15", "2026-02-10")] // past, both ends mid-month: "closed by" is not a month
    [InlineData("339959", "2025-10-20", "2026-03-02")] // to today
    [InlineData("339961", "2025-11-01", "2026-05-10")] // to after today
    [InlineData("339963", "2026-01-05", "2026-01-20")] // inside one month
    public async Task Every_figure_equals_a_count_per_figure(string county, string from, string to)
    {
        var w = await SeedAsync(county);
        await AssertFiguresAsync(w, from, to);
    }

    /// <summary>The rollup is kept by triggers on every write: after assignments, replies, ratings, re-handling,
    /// merges, re-categorizing, moves between townships and deletions, the figures still equal the counts, and the
    /// rollup table equals one rebuilt from scratch.</summary>
    [Theory]
    [InlineData("339971", "2025-09-01", "2026-03-31")]
    [InlineData("339973", "2025-10-17", "2026-02-11")]
    public async Task Figures_stay_equal_after_every_kind_of_change(string county, string from, string to)
    {
        var w = await SeedAsync(county);
        var rnd = new Random(7);
        var today = ChinaTime.Today(app.Clock);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var all = await db.Set<Opinion>().IgnoreQueryFilters().Where(o => o.JurisdictionCode.StartsWith(county)).OrderBy(o => o.Id).ToListAsync();
            foreach (var o in all)
            {
                var day = DateOnly.FromDateTime(o.CreatedAt + ChinaTime.Offset).AddDays(rnd.Next(1, 30));
                if (day >= today) day = today.AddDays(-1); // every instant before now, as the app stamps them
                switch (rnd.Next(9))
                {
                    case 0: // assigned
                        (o.State, o.UnitId, o.DueDate, o.AssignedAt) = ("assigned", rnd.Next(2) == 0 ? w.UnitA : w.UnitB, day.AddDays(15), China(day.Year, day.Month, day.Day));
                        break;
                    case 1: // replied
                        (o.State, o.RepliedAt, o.RepliedLate) = ("replied", China(day.Year, day.Month, day.Day, 23, 30), rnd.Next(2) == 0);
                        o.DueDate ??= day.AddDays(-3);
                        break;
                    case 2: // rated and closed
                        (o.State, o.Rating, o.RatedAt, o.ClosedAt) = ("closed", Ratings[1 + rnd.Next(3)], China(day.Year, day.Month, day.Day, 0, 10), China(day.Year, day.Month, day.Day, 0, 10));
                        break;
                    case 3: // handled again
                        (o.State, o.Round, o.ClosedAt) = ("in_progress", o.Round + 1, null);
                        break;
                    case 4:
                        o.State = "merged";
                        break;
                    case 5:
                        (o.Category, o.StationId) = (Categories[rnd.Next(Categories.Length)], o.StationId is null ? w.StationA : null);
                        break;
                    case 6:
                        o.JurisdictionCode = o.JurisdictionCode == w.TownshipA ? w.TownshipB : w.TownshipA;
                        break;
                    case 7:
                        db.Remove(o);
                        break;
                }
            }
            await db.SaveChangesAsync();
            // A raw update of a column the figures do not read, and one of several rows at once.
            await db.Database.ExecuteSqlRawAsync("UPDATE opinions SET content = content || '。' WHERE jurisdiction_code LIKE {0}", county + "%");
            await db.Database.ExecuteSqlRawAsync("UPDATE opinions SET category = 'transport' WHERE jurisdiction_code = {0} AND category IS NULL", w.TownshipB);
        }
        await AssertFiguresAsync(w, from, to);

        await AssertRollupEqualsRebuiltAsync(county);
    }

    /// <summary>The rollup's triggers fire at commit on PostgreSQL (ADR 0042): a transaction that has inserted an
    /// opinion holds no lock on its county's rollup rows until it commits, so a second transaction inserting into the
    /// same rows (a copy of the same opinion) does not wait for it. With the triggers firing at the insert, the second
    /// insert waits on the first's row locks and fails on the lock timeout. Both are counted once committed; on
    /// SQLite (one writer at a time) the two inserts run one after the other and are counted the same way.</summary>
    [Fact]
    public async Task An_open_insert_does_not_hold_its_county_rollup_rows()
    {
        const string county = "339975";
        await SeedAsync(county);
        await using var first = app.Scope();
        await using var second = app.Scope();
        var db1 = first.ServiceProvider.GetRequiredService<AppDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<AppDbContext>();
        var source = await db1.Set<Opinion>().IgnoreQueryFilters().Where(o => o.JurisdictionCode.StartsWith(county))
            .OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
        var columns = db1.Model.FindEntityType(typeof(Opinion))!.GetProperties()
            .Where(p => p.Name is not nameof(Opinion.Id) and not nameof(Opinion.TrackingCode) && p.GetComputedColumnSql() is null)
            .Select(p => p.GetColumnName()).ToList();
        var list = string.Join(", ", columns);
        string Copy(string code) =>
            $"INSERT INTO opinions ({list}, tracking_code) SELECT {list}, '{code}' FROM opinions WHERE id = {source}";

        if (RendaApp.IsPostgres)
        {
            await using var tx1 = await db1.BeginWriteTransactionAsync();
            await db1.Database.ExecuteSqlRawAsync(Copy("COPYA0000001"));
            await using (var tx2 = await db2.BeginWriteTransactionAsync())
            {
                await db2.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '3s'");
                await db2.Database.ExecuteSqlRawAsync(Copy("COPYB0000001"));
                await tx2.CommitAsync();
            }
            await tx1.CommitAsync();
        }
        else
        {
            await db1.Database.ExecuteSqlRawAsync(Copy("COPYA0000001"));
            await db2.Database.ExecuteSqlRawAsync(Copy("COPYB0000001"));
        }
        Assert.Equal(3, await db1.Set<Opinion>().IgnoreQueryFilters().CountAsync(o => o.Id == source || o.TrackingCode.StartsWith("COPY")));
        await AssertRollupEqualsRebuiltAsync(county);
    }

    /// <summary>The county's rollup rows (those not fallen to zero) equal a rollup rebuilt from its opinions.</summary>
    private async Task AssertRollupEqualsRebuiltAsync(string county)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rebuilt = RendaApp.IsPostgres
            ? """
              SELECT f.county, f.month, f.dim, f.key, f.closed_month, sum(f.received), sum(f.rehandled), sum(f.rounds), sum(f.due), sum(f.replied),
                     sum(f.on_time), sum(f.rated), sum(f.satisfied), sum(f.basically_satisfied), sum(f.unsatisfied)
              FROM opinions o CROSS JOIN LATERAL opinion_stats_facts(o) f GROUP BY f.county, f.month, f.dim, f.key, f.closed_month
              """
            : "SELECT * FROM opinion_stats_rebuilt";
        var kept = await Lines(db, $"SELECT * FROM opinion_stats_monthly WHERE county = '{county}'");
        Assert.Equal(await Lines(db, $"SELECT * FROM ({rebuilt}) r WHERE county = '{county}'"), kept.Where(l => !l.EndsWith(" 0 0 0 0 0 0 0 0 0 0", StringComparison.Ordinal)).ToList());
        Assert.True(kept.Count > 50, $"only {kept.Count} rollup rows");
    }

    private async Task<StatsWorld> SeedAsync(string county)
    {
        var w = await new StatsWorld(app, county).CreateAsync();
        var neighbour = (long.Parse(county, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
        await app.EnsureJurisdictionAsync(neighbour, "邻县");
        await app.CreateUserAsync("staff-" + w.TownshipA, w.TownshipA, Roles.CongressStaff);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.AddRange(Generate(w, neighbour, new Random(int.Parse(county, CultureInfo.InvariantCulture)), app.Clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
        return w;
    }

    /// <summary>The figures of the county's staff and of one township's staff against counts over the stored opinions.</summary>
    private async Task AssertFiguresAsync(StatsWorld w, string from, string to)
    {
        List<Opinion> stored;
        await using (var scope = app.Scope())
            stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Opinion>().IgnoreQueryFilters().AsNoTracking()
                .Where(o => o.JurisdictionCode.StartsWith(w.County)).ToListAsync();
        var days = DateOnly.Parse(to, CultureInfo.InvariantCulture).DayNumber - DateOnly.Parse(from, CultureInfo.InvariantCulture).DayNumber;
        await AssertFiguresAsync(await w.StaffAsync(), stored, from, to, minimum: days > 60 ? 40 : 15);
        await AssertFiguresAsync(await app.SignedInAsync("staff-" + w.TownshipA), stored.Where(o => o.JurisdictionCode.StartsWith(w.TownshipA, StringComparison.Ordinal)).ToList(), from, to, minimum: 2);
    }

    private async Task AssertFiguresAsync(HttpClient client, List<Opinion> mine, string from, string to, int minimum)
    {
        var res = await client.GetAsync($"/api/opinions/stats?from={from}&to={to}");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var stats = await res.JsonAsync();

        var p = new StatsPeriod(DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture));
        var today = ChinaTime.Today(app.Clock);
        var dueTo = p.To < today ? p.To : today;
        bool Is(Opinion o, Event e) => e switch
        {
            Event.Received => o.CreatedAt >= p.StartUtc && o.CreatedAt < p.EndUtc,
            Event.Due => o.DueDate >= p.From && o.DueDate <= dueTo && Loop.Contains(o.State),
            Event.Replied => o.RepliedAt >= p.StartUtc && o.RepliedAt < p.EndUtc,
            _ => o.RatedAt >= p.StartUtc && o.RatedAt < p.EndUtc && o.Rating != null,
        };
        string Counts(Func<Opinion, Event, bool> inRow)
        {
            List<Opinion> Of(Event e) => mine.Where(o => Is(o, e) && inRow(o, e)).ToList();
            var (received, due, replied, rated) = (Of(Event.Received), Of(Event.Due), Of(Event.Replied), Of(Event.Rated));
            return string.Join(' ', received.Count, due.Count, due.Count(o => o.ClosedAt < p.EndUtc),
                replied.Count, replied.Count(o => !o.RepliedLate),
                rated.Count, rated.Count(o => o.Rating == "satisfied"), rated.Count(o => o.Rating == "basically_satisfied"),
                rated.Count(o => o.Rating == "unsatisfied"), received.Count(o => o.Round > 0), received.Sum(o => o.Round));
        }
        var relevant = mine.Where(o => Enum.GetValues<Event>().Any(e => Is(o, e))).ToList();
        Dictionary<string, string> Expected(Func<Opinion, string> key) => relevant.Select(key).Distinct()
            .ToDictionary(k => k, k => Counts((o, _) => key(o) == k));

        Assert.True(relevant.Count > minimum, $"only {relevant.Count} opinions in the period");
        Assert.Equal(Counts((_, _) => true), Line(stats.GetProperty("totals")));
        Assert.Equal(Expected(o => o.UnitId?.ToString(CultureInfo.InvariantCulture) ?? "none"), Rows(stats, "byUnit"));
        Assert.Equal(Expected(o => o.Category ?? "none"), Rows(stats, "byCategory"));
        Assert.Equal(Expected(o => o.StationId?.ToString(CultureInfo.InvariantCulture) ?? "none"), Rows(stats, "byStation"));
        Assert.Equal(Expected(o => o.JurisdictionCode.Length > 9 ? o.JurisdictionCode[..9] : o.JurisdictionCode), Rows(stats, "byTownship"));

        var months = new Dictionary<string, string>();
        for (var m = new DateOnly(p.From.Year, p.From.Month, 1); m <= p.To; m = m.AddMonths(1))
        {
            var month = m;
            months[m.ToString("yyyy-MM", CultureInfo.InvariantCulture)] = Counts((o, e) => MonthOf(o, e) == month);
        }
        Assert.Equal(months.Keys, stats.GetProperty("byMonth").EnumerateArray().Select(r => r.GetProperty("key").GetString()!));
        Assert.Equal(months, Rows(stats, "byMonth"));

        var received = mine.Where(o => Is(o, Event.Received)).ToList();
        Assert.Equal(States.ToDictionary(s => s, s => received.Count(o => o.State == s)),
            stats.GetProperty("byState").EnumerateArray().ToDictionary(s => s.GetProperty("state").GetString()!, s => s.GetProperty("count").GetInt32()));
    }

    private static async Task<List<string>> Lines(AppDbContext db, string sql)
    {
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql + " ORDER BY 1, 2, 3, 4, 5";
        await using var r = await cmd.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await r.ReadAsync())
            lines.Add(string.Join(' ', Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))));
        return lines;
    }

    /// <summary>The China month (first day) of the opinion's own event.</summary>
    private static DateOnly MonthOf(Opinion o, Event e)
    {
        if (e == Event.Due) return new DateOnly(o.DueDate!.Value.Year, o.DueDate.Value.Month, 1);
        var at = e switch { Event.Received => o.CreatedAt, Event.Replied => o.RepliedAt!.Value, _ => o.RatedAt!.Value } + ChinaTime.Offset;
        return new DateOnly(at.Year, at.Month, 1);
    }

    private static Dictionary<string, string> Rows(JsonElement stats, string breakdown) =>
        stats.GetProperty(breakdown).EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, Line);

    private static string Line(JsonElement r) => string.Join(' ',
        new[] { "received", "due", "closed", "replied", "repliedOnTime", "rated", "satisfied", "basicallySatisfied", "unsatisfied", "rehandled", "rehandlingRounds" }
            .Select(f => r.GetProperty(f).GetInt32()));

    /// <summary>300 opinions from June 2025 to March 2026, a tenth of them in the neighbouring county. Every instant is
    /// before <paramref name="now"/>, as the app stamps them (the clock of the step; the hotline import refuses later
    /// times); deadlines run past it.</summary>
    private static List<Opinion> Generate(StatsWorld w, string neighbour, Random rnd, DateTime now)
    {
        var list = new List<Opinion>();
        var first = new DateOnly(2025, 6, 1);
        for (var i = 0; i < 300; i++)
        {
            var day = first.AddDays(rnd.Next(300));
            // Many events close to China midnight, where the UTC date is still the day before.
            int Hour() => rnd.Next(4) switch { 0 => 0, 1 => 23, _ => rnd.Next(24) };
            DateTime At(DateOnly d) => China(d.Year, d.Month, d.Day, Hour(), rnd.Next(60));
            var state = States[rnd.Next(States.Length)];
            var jurisdiction = rnd.Next(10) switch { 0 => neighbour, 1 => w.County, < 6 => w.TownshipA, _ => w.TownshipB };
            var o = new Opinion
            {
                JurisdictionCode = jurisdiction, State = state, TrackingCode = TrackingCodes.New(), Content = "测试意见 " + i,
                CreatedAt = At(day), CreatedBy = "test", Channel = OpinionChannels.Web, ConsentGiven = true,
                Category = Categories[rnd.Next(Categories.Length)],
                StationId = rnd.Next(3) switch { 0 => null, 1 => w.StationA, _ => w.StationB },
            };
            var handled = Loop.Contains(state) || state == "escalated" || (state == "merged" && rnd.Next(2) == 0);
            if (handled)
            {
                o.UnitId = rnd.Next(5) == 0 ? null : rnd.Next(2) == 0 ? w.UnitA : w.UnitB;
                o.DueDate = day.AddDays(5 + rnd.Next(40));
                o.Round = rnd.Next(4) == 0 ? 1 + rnd.Next(3) : 0;
                if (state is "replied" or "closed" || rnd.Next(3) == 0)
                {
                    var replied = day.AddDays(1 + rnd.Next(45));
                    (o.RepliedAt, o.RepliedLate) = (At(replied), replied > o.DueDate);
                    if (state == "closed" || rnd.Next(3) == 0)
                    {
                        var rated = replied.AddDays(rnd.Next(10));
                        (o.RatedAt, o.Rating) = (At(rated), Ratings[rnd.Next(Ratings.Length)]);
                        if (state == "closed") o.ClosedAt = rnd.Next(5) == 0 ? At(rated.AddDays(15)) : o.RatedAt;
                    }
                    if (o.RepliedAt > now) (o.RepliedAt, o.RepliedLate, o.RatedAt, o.Rating, o.ClosedAt) = (null, false, null, null, null);
                    if (o.RatedAt > now) (o.RatedAt, o.Rating, o.ClosedAt) = (null, null, null);
                    if (o.ClosedAt > now) o.ClosedAt = null;
                }
            }
            if (o.CreatedAt <= now) list.Add(o);
        }
        return list;
    }
}
