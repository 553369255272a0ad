using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Renda.Modules.Congress;
using Renda.Modules.Performance;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Jurisdictions;

namespace Renda.Bench;

/// <summary>A province, deterministically from one seed: the real division tree of Zhejiang (province → cities →
/// counties → townships, GB/T 2260 codes from the national list), handling units, congresses and terms,
/// representatives, stations, opinions over three years in every workflow state with consistent dates, replies
/// and ratings, suggestions, and duty records. Written with <see cref="Bulk"/> into a database migrated by the
/// app's own <see cref="SchemaMigrator"/>. <c>--scale 1</c> is the full size of issue 7 (100,000 representatives,
/// 10,000 stations, 5,000,000 opinions, 500,000 suggestions); <c>--scale 0.01</c> runs in about a minute.</summary>
public sealed class GenerateScenario : IScenario
{
    public const int Seed = 20261122;
    public const string Province = "33";
    /// <summary>The generated world's "today": opinions reach three years back from here.</summary>
    public static readonly DateTime Anchor = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    public sealed record Sizes(int Representatives, int Stations, int Opinions, int Suggestions, int DutyPerRepresentative)
    {
        public static Sizes Of(double scale) => new(Math.Max(50, (int)(100_000 * scale)), Math.Max(10, (int)(10_000 * scale)),
            Math.Max(500, (int)(5_000_000 * scale)), Math.Max(50, (int)(500_000 * scale)), 20);
    }

    public async Task RunAsync(BenchOptions o)
    {
        var scale = o.Double("--scale", 0.01);
        var path = o.Value("--db") ?? Path.Combine("artifacts", "bench", $"province-{scale.ToString(CultureInfo.InvariantCulture)}.db");
        var options = await OpenAsync(o, path);
        var result = await GenerateAsync(options, Sizes.Of(scale), o.Value("--divisions"));
        Console.WriteLine(result);
    }

    /// <summary>A fresh database: the SQLite file at <paramref name="path"/> (replaced), or the PostgreSQL database
    /// of <c>--connection</c>/<c>RENDA_BENCH_PG</c>, which must be empty.</summary>
    public static async Task<DbContextOptions<AppDbContext>> OpenAsync(BenchOptions o, string path)
    {
        if (o.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(o.Connection)) throw new InvalidOperationException("PostgreSQL: pass --connection or set RENDA_BENCH_PG.");
            var cs = new NpgsqlConnectionStringBuilder(o.Connection) { CommandTimeout = 0 }.ToString();
            await Task.CompletedTask;
            return new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(cs).Options;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
        return new DbContextOptionsBuilder<AppDbContext>().UseSqlite(DataSetup.SqliteConnectionString($"Data Source={path}")).Options;
    }

    public static AppDbContext Context(DbContextOptions<AppDbContext> options) => new(options, new SystemUser("bench"), TimeProvider.System);

    public static async Task<string> GenerateAsync(DbContextOptions<AppDbContext> options, Sizes n, string? divisionData)
    {
        var total = Stopwatch.StartNew();
        long rows = 0;
        var rnd = new Random(Seed);
        await using var db = Context(options);
        await new SchemaMigrator(db, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        await using var bulk = await Bulk.OpenAsync(db);
        var conn = db.Database.GetDbConnection();

        // Jurisdictions: the real tree of the province.
        var catalog = new DivisionCatalog(divisionData, FindRepoRoot());
        var province = catalog.Find(Province) ?? throw new InvalidOperationException("province 33 not in the national list");
        var cities = catalog.Children(Province);
        var counties = cities.SelectMany(c => catalog.Children(c.Code)).ToList();
        var townships = counties.SelectMany(c => catalog.Children(c.Code)).ToList();
        var divisions = new[] { province }.Concat(cities).Concat(counties).Concat(townships).ToList();
        rows += await Load(bulk, conn, "jurisdictions", ["code", "name", "level", "parent_code"],
            divisions.Select(d => new object?[] { d.Code, d.Name, (int)d.Level, d.ParentCode }));
        var countyOf = townships.ToDictionary(t => t.Code, t => t.ParentCode!);
        var townshipName = townships.ToDictionary(t => t.Code, t => t.Name);

        // Handling units: 12 departments per county and each township's government.
        string[] departments = ["住建局", "交通运输局", "生态环境分局", "农业农村局", "教育局", "卫生健康局", "人力社保局", "民政局", "公安分局", "发改局", "供水公司", "政务服务办"];
        var units = counties.SelectMany(c => departments.Select(d => (Code: c.Code, Name: c.Name + d, Kind: 1)))
            .Concat(townships.Select(t => (Code: t.Code, Name: t.Name + "人民政府", Kind: 2))).ToList();
        rows += await Load(bulk, conn, "handling_units", ["jurisdiction_code", "name", "kind"], units.Select(u => new object?[] { u.Code, u.Name, u.Kind }));
        var unitsByCounty = units.Select((u, i) => (u, Id: (long)i + 1)).GroupBy(x => x.u.Code[..6]).ToDictionary(g => g.Key, g => g.Select(x => x.Id).ToArray());

        // Congresses and terms: the province's and each county's; one delegation group per township (county
        // terms) and per county (the province's term).
        var provinceTerm = new Term { Congress = new Congress { JurisdictionCode = Province, Name = province.Name + "人民代表大会", Level = JurisdictionLevel.Province },
            JurisdictionCode = Province, Number = 14, StartsOn = new DateOnly(2023, 1, 1), EndsOn = new DateOnly(2027, 12, 31), IsCurrent = true };
        var countyTerms = counties.ToDictionary(c => c.Code, c => new Term { Congress = new Congress { JurisdictionCode = c.Code, Name = c.Name + "人民代表大会", Level = JurisdictionLevel.County },
            JurisdictionCode = c.Code, Number = 18, StartsOn = new DateOnly(2021, 10, 1), EndsOn = new DateOnly(2026, 12, 31), IsCurrent = true });
        var groups = townships.ToDictionary(t => t.Code, t => new DelegationGroup { Term = countyTerms[countyOf[t.Code]], JurisdictionCode = t.Code, Name = t.Name + "代表小组" });
        var provinceGroups = counties.ToDictionary(c => c.Code, c => new DelegationGroup { Term = provinceTerm, JurisdictionCode = c.Code, Name = c.Name + "代表团" });
        db.AddRange(groups.Values);
        db.AddRange(provinceGroups.Values);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        // Representatives: 2 % at the province's congress, the rest at their county's, each in a township.
        var reps = new (string Code, long TermId, long GroupId)[n.Representatives];
        for (var i = 0; i < reps.Length; i++)
        {
            var t = townships[Vocabulary.Skewed(rnd, townships.Count) * 7919 % townships.Count];
            reps[i] = i % 50 == 0
                ? (countyOf[t.Code], provinceTerm.Id, provinceGroups[countyOf[t.Code]].Id)
                : (t.Code, countyTerms[countyOf[t.Code]].Id, groups[t.Code].Id);
        }
        string[] occupations = ["农民", "教师", "医生", "企业负责人", "村党组织书记", "社区工作者", "工人", "公务员", "律师", "个体工商户"];
        rows += await Load(bulk, conn, "representatives",
            ["term_id", "jurisdiction_code", "name", "pinyin_initials", "gender", "ethnicity", "birth_date", "occupation", "employer", "levels",
             "constituency", "delegation_group_id", "status", "public_code", "version"],
            reps.Select((r, i) => new object?[] { r.TermId, r.Code, Vocabulary.Name(rnd), "DB", 1 + rnd.Next(2), rnd.Next(20) == 0 ? "畲族" : "汉族",
                new DateOnly(1960 + rnd.Next(40), 1 + rnd.Next(12), 1 + rnd.Next(28)), Vocabulary.Pick(rnd, occupations), townshipName.GetValueOrDefault(r.Code, "县") + "某单位",
                r.TermId == provinceTerm.Id ? 8 : 2, $"第{1 + i % 30}选区", r.GroupId, 1, PublicCode('r', i), 0L }));

        // Stations: in townships, weighted like the representatives.
        var stationTownship = new string[n.Stations];
        rows += await Load(bulk, conn, "stations",
            ["jurisdiction_code", "kind", "name", "address", "grade", "public_code", "contact_name", "door_open", "door_open_note",
             "representatives_resident", "representatives_resident_note", "voters_visit", "voters_visit_note", "activities_regular", "activities_regular_note", "version"],
            Enumerable.Range(0, n.Stations).Select(i =>
            {
                var t = townships[i < townships.Count ? i : rnd.Next(townships.Count)];
                stationTownship[i] = t.Code;
                var kind = 1 + rnd.Next(3);
                var name = t.Name + Vocabulary.Pick(rnd, Vocabulary.Villages) + (kind == 1 ? "人大代表之家" : kind == 2 ? "人大代表联络站" : "代表联络点");
                return new object?[] { t.Code, kind, name, t.Name + Vocabulary.Pick(rnd, Vocabulary.Villages) + "路" + (1 + rnd.Next(200)) + "号",
                    1 + Vocabulary.Skewed(rnd, 5), PublicCode('s', i), Vocabulary.Name(rnd), true, "", true, "", true, "", true, "", 0L };
            }));

        // Opinions. On SQLite the search index's insert trigger computes the bigram tokens in SQL, row by row (a few
        // hundred µs each): for the bulk load it is set aside and the index is filled afterwards with the same tokens
        // from their reference implementation (CjkBigrams.Tokens), then the trigger is put back. The search scenario's
        // recall check (index matches = LIKE matches for every term) verifies the result.
        var searchTrigger = await SuspendTriggerAsync(conn, "opinions_search_insert");
        // The dashboard's monthly rollup (ADR 0038) likewise: its triggers are set aside and it is rebuilt in one
        // grouped statement after the load.
        var rollupTriggers = await SuspendRollupTriggersAsync(conn);
        var from = Anchor.AddYears(-3);
        var span = (Anchor - from).TotalSeconds;
        rows += await Load(bulk, conn, "opinions",
            ["jurisdiction_code", "state", "version", "tracking_code", "content", "category", "location", "urgency", "channel", "station_id", "representative_id",
             "anonymous", "consent_given", "created_at", "created_by", "unit_id", "assigned_at", "due_date", "acknowledged_at", "replied_at", "reply_content",
             "replied_late", "round", "rating", "rated_at", "closed_at", "merged_into_id", "decline_reason", "escalated_to", "overdue", "supervision_count"],
            Enumerable.Range(0, n.Opinions).Select(i =>
            {
                // Later opinions are more numerous (growth: the i-th of n at sqrt(i/n) of the span), arrive in office hours,
                // and get their ids in the order they arrive (day by day), as in a live system.
                var created = from.AddSeconds(span * Math.Sqrt((i + rnd.NextDouble()) / n.Opinions)).Date.AddHours(1 + rnd.Next(12)).AddMinutes(rnd.Next(60));
                var channel = rnd.Next(10) switch { < 5 => "web", < 8 => "station_code", _ => "representative_code" };
                long? station = channel == "station_code" ? 1 + rnd.Next(n.Stations) : null;
                long? rep = channel == "representative_code" ? 1 + rnd.Next(n.Representatives) : null;
                var township = station is { } s ? stationTownship[s - 1] : townships[Vocabulary.Skewed(rnd, townships.Count) * 7919 % townships.Count].Code;
                var topic = Vocabulary.PickSkewed(rnd, Vocabulary.Topics);
                var content = Vocabulary.Opinion(rnd, topic, townshipName[township]);
                var w = new OpinionDates(rnd, created, i);
                var unitIds = unitsByCounty[township[..6]];
                return new object?[] { township, w.State, 0L, TrackingCode(i), content, w.State == "submitted" ? null : topic.Category, null,
                    rnd.Next(20) == 0 ? "urgent" : "normal", channel, station, rep, rnd.Next(3) == 0, true, created, channel == "web" ? "citizen" : "citizen",
                    w.Assigned is null ? null : unitIds[rnd.Next(unitIds.Length)], w.Assigned, w.Due, w.Acknowledged, w.Replied,
                    w.Replied is null ? null : $"经核查，{Vocabulary.PickSkewed(rnd, topic.Objects)}问题已列入整改计划，{Vocabulary.PickSkewed(rnd, topic.Requests)[2..]}，预计近期完成。",
                    w.Late, 1, w.Rating, w.Rated, w.Closed, w.MergedInto, w.State == "declined" ? "不属于受理范围" : null,
                    w.State == "escalated" ? "信访" : null, w.Overdue, w.Overdue ? 1 : 0 };
            }));

        if (searchTrigger is not null) await FillSearchIndexAsync((SqliteConnection)conn, searchTrigger);
        await RebuildRollupAsync(conn, rollupTriggers);

        // Suggestions: filed by representatives in their term, over three sessions and the recesses between.
        var numbers = new Dictionary<long, int>();
        rows += await Load(bulk, conn, "suggestions",
            ["jurisdiction_code", "version", "state", "kind", "converted_from_motion", "term_id", "period", "filer_id", "title", "body", "category",
             "number", "registered_at", "lead_unit_id", "deadline", "assigned_at", "acknowledged_at", "is_key", "result_class", "reply_content", "replied_at",
             "first_replied_at", "replied_on_time", "rating", "evaluated_at", "round", "carried_over", "supervision_count", "created_at", "submitted_at", "closed_at"],
            Enumerable.Range(0, n.Suggestions).Select(i =>
            {
                var filer = 1 + rnd.Next(n.Representatives);
                var r = reps[filer - 1];
                var topic = Vocabulary.PickSkewed(rnd, Vocabulary.Topics);
                var obj = Vocabulary.PickSkewed(rnd, topic.Objects);
                var problem = Vocabulary.PickSkewed(rnd, topic.Problems);
                var created = from.AddSeconds(span * rnd.NextDouble());
                var age = (Anchor - created).TotalDays;
                var state = age switch { < 5 => rnd.Next(2) == 0 ? "draft" : "submitted", < 15 => "registered", < 60 => "assigned", < 120 => rnd.Next(2) == 0 ? "in_progress" : "replied", _ => "closed" };
                var registered = state is "draft" or "submitted" ? (DateTime?)null : created.AddDays(3);
                int? number = registered is null ? null : numbers[r.TermId] = numbers.GetValueOrDefault(r.TermId) + 1;
                var assigned = state is "draft" or "submitted" or "registered" ? (DateTime?)null : created.AddDays(10);
                var deadline = assigned is { } a ? DateOnly.FromDateTime(a.AddMonths(3)) : (DateOnly?)null;
                var replied = state is "replied" or "closed" ? assigned!.Value.AddDays(20 + rnd.Next(90)) : (DateTime?)null;
                var unitIds = unitsByCounty[(r.Code.Length >= 6 ? r.Code[..6] : unitsByCounty.Keys.First())];
                var jurisdiction = r.TermId == provinceTerm.Id ? Province : r.Code[..6];
                return new object?[] { jurisdiction, 0L, state, rnd.Next(20) == 0 ? "motion" : "suggestion", false, r.TermId, rnd.Next(3) == 0 ? "session" : "recess", (long)filer,
                    $"关于解决{obj}{problem}问题的建议", $"{Vocabulary.Opinion(rnd, topic, townshipName.GetValueOrDefault(r.Code, "本县"))}为此建议：{Vocabulary.PickSkewed(rnd, topic.Requests)}。", topic.Category,
                    number, registered, assigned is null ? null : unitIds[rnd.Next(unitIds.Length)], deadline, assigned, state is "in_progress" or "replied" or "closed" ? assigned!.Value.AddDays(2) : null,
                    rnd.Next(50) == 0, replied is null ? null : Vocabulary.Pick(rnd, ["solved", "in_progress_plan", "explained"]),
                    replied is null ? null : "来信收悉，现答复如下：已会同有关部门研究落实。", replied, replied, replied is null ? null : DateOnly.FromDateTime(replied.Value) <= deadline,
                    state == "closed" ? Vocabulary.PickSkewed(rnd, ["satisfied", "basically_satisfied", "unsatisfied"]) : null, state == "closed" ? replied!.Value.AddDays(10) : null,
                    1, false, 0, created, state == "draft" ? null : created.AddHours(2), state == "closed" ? replied!.Value.AddDays(10) : null };
            }));

        // Duty records: the year's work of each representative (approved; 5 % pending).
        var kinds = DutyKinds.All.Select(k => k.Id).ToArray();
        rows += await Load(bulk, conn, "duty_records",
            ["representative_id", "jurisdiction_code", "kind", "date", "title", "source_module", "source_id", "state", "recorded_at", "recorded_by"],
            reps.SelectMany((r, i) => Enumerable.Range(0, n.DutyPerRepresentative).Select(k =>
            {
                var kind = Vocabulary.PickSkewed(rnd, kinds);
                var date = DateOnly.FromDateTime(from).AddDays(rnd.Next(3 * 365));
                return new object?[] { (long)i + 1, r.Code, kind, date, kind, "bench", k.ToString(CultureInfo.InvariantCulture), rnd.Next(20) == 0 ? 2 : 1,
                    date.ToDateTime(new TimeOnly(18, 0), DateTimeKind.Utc), "bench" };
            })));

        var analyze = Stopwatch.StartNew();
        await bulk.AnalyzeAsync();
        Console.Error.WriteLine($"  ANALYZE {analyze.Elapsed.TotalSeconds:0.0} s");
        return string.Create(CultureInfo.InvariantCulture,
            $"generated {n} = {rows:N0} rows in {total.Elapsed.TotalSeconds:0.0} s ({rows / total.Elapsed.TotalSeconds:N0} rows/s)");
    }

    /// <summary>Loads a table, then checks its ids run 1..count (the generator relies on it for references) and fills
    /// the columns it does not name with their type's zero when they are NOT NULL without default (the schema grows
    /// as modules land; the generator keeps working).</summary>
    private static async Task<long> Load(Bulk bulk, DbConnection conn, string table, string[] columns, IEnumerable<object?[]> rows)
    {
        var extra = await MissingRequiredAsync(conn, table, columns);
        var all = columns.Concat(extra.Select(e => e.Name)).ToArray();
        var defaults = extra.Select(e => e.Default).ToArray();
        long count = 0;
        // PostgreSQL: COPY into a table without its secondary indexes, then build them once (a GIN index over
        // millions of rows is many times faster built than maintained row by row). SQLite keeps its indexes and
        // the search trigger: that is the app's own write path.
        var indexes = await DropSecondaryIndexesAsync(conn, table);
        var watch = Stopwatch.StartNew();
        await bulk.InsertAsync(table, all, rows.Select(r =>
        {
            if (++count % 100_000 == 0)
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table}: {count:N0} ({count / watch.Elapsed.TotalSeconds:N0} rows/s)"));
            return defaults.Length == 0 ? r : [.. r, .. defaults];
        }));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {table}: {count:N0} rows in {watch.Elapsed.TotalSeconds:0.0} s ({count / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0} rows/s)"));
        foreach (var (name, definition) in indexes)
        {
            var build = Stopwatch.StartNew();
            await using var create = conn.CreateCommand();
            create.CommandText = "SET maintenance_work_mem = '1GB'; " + definition;
            await create.ExecuteNonQueryAsync();
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table}: index {name} built in {build.Elapsed.TotalSeconds:0.0} s"));
        }
        if (table != "jurisdictions")
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT COUNT(*), COALESCE(MAX(id), 0) FROM {table}";
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            if (reader.GetInt64(0) != count || reader.GetInt64(1) != count)
                throw new InvalidOperationException($"{table}: expected ids 1..{count} in a fresh table, found {reader.GetInt64(0)} rows up to id {reader.GetInt64(1)}");
        }
        return count;
    }

    /// <summary>SQLite: drops a trigger and returns its definition (null when absent, or on PostgreSQL).</summary>
    private static async Task<string?> SuspendTriggerAsync(DbConnection conn, string name)
    {
        if (conn is not SqliteConnection) return null;
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '{name}'";
        if (await cmd.ExecuteScalarAsync() is not string sql) return null;
        cmd.CommandText = $"DROP TRIGGER {name}";
        await cmd.ExecuteNonQueryAsync();
        return sql;
    }

    /// <summary>Sets the monthly rollup's triggers aside: SQLite drops them and returns their definitions, PostgreSQL
    /// disables them (and returns their names).</summary>
    private static async Task<List<string>> SuspendRollupTriggersAsync(DbConnection conn)
    {
        string[] names = ["opinion_stats_insert", "opinion_stats_delete", "opinion_stats_update", "opinion_stats_update_before", "opinion_stats_update_after"];
        var kept = new List<string>();
        if (conn is NpgsqlConnection)
        {
            await using var cmd = conn.CreateCommand();
            foreach (var name in names[..3])
            {
                cmd.CommandText = $"ALTER TABLE opinions DISABLE TRIGGER {name}";
                await cmd.ExecuteNonQueryAsync();
                kept.Add(name);
            }
            return kept;
        }
        foreach (var name in names)
            if (await SuspendTriggerAsync(conn, name) is { } sql) kept.Add(sql);
        if (kept.Count != 4) throw new InvalidOperationException($"expected the rollup's four SQLite triggers, found {kept.Count}");
        return kept;
    }

    /// <summary>Rebuilds opinion_stats_monthly from the opinions in one transaction and puts its triggers back.</summary>
    private static async Task RebuildRollupAsync(DbConnection conn, List<string> triggers)
    {
        var watch = Stopwatch.StartNew();
        await using var tx = await conn.BeginTransactionAsync();
        await using var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        if (conn is NpgsqlConnection)
        {
            cmd.CommandText = "SET LOCAL work_mem = '256MB'; SELECT opinion_stats_rebuild()";
            await cmd.ExecuteNonQueryAsync();
            foreach (var name in triggers)
            {
                cmd.CommandText = $"ALTER TABLE opinions ENABLE TRIGGER {name}";
                await cmd.ExecuteNonQueryAsync();
            }
        }
        else
        {
            cmd.CommandText = "DELETE FROM opinion_stats_monthly; INSERT INTO opinion_stats_monthly SELECT * FROM opinion_stats_rebuilt";
            await cmd.ExecuteNonQueryAsync();
            foreach (var sql in triggers)
            {
                cmd.CommandText = sql;
                await cmd.ExecuteNonQueryAsync();
            }
        }
        cmd.CommandText = "SELECT COUNT(*) FROM opinion_stats_monthly";
        var count = Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        await tx.CommitAsync();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  opinion_stats_monthly (rollup rebuilt from the opinions): {count:N0} rows in {watch.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>Fills opinions_search from opinions with <see cref="Renda.Platform.Search.CjkBigrams.Tokens"/> in one
    /// transaction, then recreates the insert trigger from its saved definition.</summary>
    private static async Task FillSearchIndexAsync(SqliteConnection conn, string trigger)
    {
        var watch = Stopwatch.StartNew();
        long count = 0;
        await using (var tx = (SqliteTransaction)await conn.BeginTransactionAsync())
        {
            await using var read = conn.CreateCommand();
            read.Transaction = tx;
            read.CommandText = "SELECT id, content FROM opinions ORDER BY id";
            await using var insert = conn.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO opinions_search (rowid, terms) VALUES ($id, $terms)";
            var id = insert.Parameters.Add(new SqliteParameter("$id", 0L));
            var terms = insert.Parameters.Add(new SqliteParameter("$terms", ""));
            insert.Prepare();
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                id.Value = reader.GetInt64(0);
                terms.Value = string.Join(' ', Renda.Platform.Search.CjkBigrams.Tokens(reader.GetString(1)));
                await insert.ExecuteNonQueryAsync();
                if (++count % 500_000 == 0)
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  opinions_search: {count:N0} ({count / watch.Elapsed.TotalSeconds:N0} rows/s)"));
            }
            await using var create = conn.CreateCommand();
            create.Transaction = tx;
            create.CommandText = trigger;
            await create.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  opinions_search (bigram tokens of every opinion): {count:N0} rows in {watch.Elapsed.TotalSeconds:0.0} s ({count / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0} rows/s)"));
    }

    /// <summary>PostgreSQL: drops the table's indexes that back no constraint and returns their definitions; SQLite: none.</summary>
    private static async Task<List<(string Name, string Definition)>> DropSecondaryIndexesAsync(DbConnection conn, string table)
    {
        var found = new List<(string, string)>();
        if (conn is not NpgsqlConnection) return found;
        await using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = $"""
                SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                WHERE t.relname = '{table}' AND t.relnamespace = current_schema()::regnamespace
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                """;
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) found.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in found)
        {
            await using var drop = conn.CreateCommand();
            drop.CommandText = $"DROP INDEX \"{name}\"";
            await drop.ExecuteNonQueryAsync();
        }
        return found;
    }

    private static async Task<List<(string Name, object Default)>> MissingRequiredAsync(DbConnection conn, string table, string[] named)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = conn is NpgsqlConnection
            ? $"SELECT column_name, data_type, is_nullable = 'NO' AND column_default IS NULL AND is_identity = 'NO' FROM information_schema.columns WHERE table_name = '{table}' AND table_schema = current_schema()"
            : $"SELECT name, type, \"notnull\" = 1 AND dflt_value IS NULL AND pk = 0 FROM pragma_table_info('{table}')";
        var missing = new List<(string, object)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var (name, type, required) = (reader.GetString(0), reader.GetString(1).ToLowerInvariant(), reader.GetBoolean(2));
            if (!required || named.Contains(name)) continue;
            missing.Add((name, type switch
            {
                "integer" when conn is NpgsqlConnection => 0,
                "integer" or "bigint" => 0L,
                "boolean" => false,
                _ when type.Contains("int", StringComparison.Ordinal) => 0L,
                _ => "",
            }));
        }
        return missing;
    }

    /// <summary>A unique, random-looking 12-character public code (the registry's alphabet) for the i-th row.</summary>
    public static string PublicCode(char prefix, int i)
    {
        const string alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
        var v = (ulong)i * 0x9E3779B1UL % (1UL << 55);
        var c = new char[12];
        c[0] = prefix;
        for (var k = 11; k >= 1; k--) { c[k] = alphabet[(int)(v & 31)]; v >>= 5; }
        return new string(c);
    }

    /// <summary>The i-th tracking code: i times a number coprime with 30 modulo 30^10 — unique, and looks random.</summary>
    public static string TrackingCode(int i)
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
        const ulong space = 590_490_000_000_000UL; // 30^10
        var v = ((ulong)i * 48_271_012_347UL + 7_777_777UL) % space;
        var c = new char[10];
        for (var k = 9; k >= 0; k--) { c[k] = alphabet[(int)(v % 30)]; v /= 30; }
        return new string(c);
    }

    private static string FindRepoRoot()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Renda.slnx"))) return d.FullName;
        return Directory.GetCurrentDirectory();
    }

    /// <summary>An opinion's state and the dates that go with it, from its age: recent ones still open, old ones
    /// closed (or merged, declined, escalated), a few overdue.</summary>
    private sealed class OpinionDates
    {
        public string State;
        public DateTime? Assigned, Acknowledged, Replied, Rated, Closed;
        public DateOnly? Due;
        public bool Late, Overdue;
        public string? Rating;
        public long? MergedInto;

        public OpinionDates(Random rnd, DateTime created, int index)
        {
            var age = (Anchor - created).TotalDays;
            var roll = rnd.Next(100);
            State = age switch
            {
                < 2 => roll < 60 ? "submitted" : "triaged",
                < 10 => roll < 10 ? "triaged" : roll < 50 ? "assigned" : "in_progress",
                < 30 => roll < 10 ? "assigned" : roll < 50 ? "in_progress" : "replied",
                _ => roll < 3 ? "in_progress" : roll < 8 ? "merged" : roll < 13 ? "declined" : roll < 15 ? "escalated" : "closed",
            };
            if (State == "merged" && index == 0) State = "closed";
            if (State is "submitted" or "triaged" or "merged" or "declined" or "escalated")
            {
                if (State == "merged") MergedInto = 1 + rnd.Next(index);
                if (State is "merged" or "declined" or "escalated") Closed = created.AddHours(4 + rnd.Next(48));
                return;
            }
            Assigned = created.AddHours(2 + rnd.Next(46));
            Due = DateOnly.FromDateTime(Assigned.Value.AddDays(21)); // 15 working days, about three weeks
            if (State == "assigned") { Overdue = DateOnly.FromDateTime(Anchor) > Due; return; }
            Acknowledged = Assigned.Value.AddHours(1 + rnd.Next(24));
            if (State == "in_progress") { Overdue = DateOnly.FromDateTime(Anchor) > Due; return; }
            Replied = Acknowledged.Value.AddDays(1 + Vocabulary.Skewed(rnd, 40));
            if (Replied > Anchor) Replied = Anchor.AddHours(-1);
            Late = DateOnly.FromDateTime(Replied.Value) > Due;
            if (State == "replied") return;
            Rating = rnd.Next(10) switch { < 7 => "satisfied", < 9 => "basically_satisfied", _ => "unsatisfied" };
            Rated = Replied.Value.AddDays(1 + rnd.Next(7));
            if (Rated > Anchor) Rated = Anchor.AddMinutes(-30); // nothing is stamped after now (the app's clock)
            Closed = Rated;
        }
    }
}
