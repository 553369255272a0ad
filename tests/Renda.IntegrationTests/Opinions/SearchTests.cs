using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Opinions;
using Renda.Platform.Data;
using Renda.Platform.Search;
using static Renda.IntegrationTests.Opinions.StaffSupport;

namespace Renda.IntegrationTests.Opinions;

/// <summary><c>?q=</c>: Chinese search inside the database, on the provider under test, that finds what a
/// substring search finds — two-character words included — and treats hostile text as text.</summary>
[Collection(OpinionsCollection.Name)]
public sealed class SearchTests(DemoApp app)
{
    private async Task<List<(long Id, string Content)>> SearchAsync(string q, string extra = "")
    {
        var res = await (await app.As(Staff)).GetAsync($"/api/opinions?pageSize=200&q={Uri.EscapeDataString(q)}{extra}");
        Assert.True(res.StatusCode == HttpStatusCode.OK, $"{q}: {await res.Content.ReadAsStringAsync()}");
        return (await res.JsonAsync()).GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("id").GetInt64(), i.GetProperty("content").GetString()!)).ToList();
    }

    [Fact]
    public async Task Two_character_words_are_found()
    {
        var tag = "甲" + Guid.NewGuid().ToString("N")[..6];
        var (parking, _) = await app.OpinionInAsync("submitted", $"{tag} 小区里停车太难了，晚上回家找不到车位");
        var (lamp, _) = await app.OpinionInAsync("submitted", $"{tag} 村道上的路灯坏了");
        var (neither, _) = await app.OpinionInAsync("submitted", $"{tag} 停下车来看路边灯笼");

        Assert.Equal([parking], (await SearchAsync($"停车 {tag}")).Select(r => r.Id));
        Assert.Equal([lamp], (await SearchAsync($"路灯 {tag}")).Select(r => r.Id));
        Assert.Equal([lamp], (await SearchAsync($"{tag} 坏")).Select(r => r.Id));
        Assert.Equal(new long[] { neither, lamp, parking }.Order(), (await SearchAsync(tag)).Select(r => r.Id).Order());
        Assert.All(await SearchAsync("停车"), r => Assert.Contains("停车", r.Content));
    }

    [Fact]
    public async Task Longer_terms_and_latin_digits_are_found_as_substrings()
    {
        var tag = "乙" + Guid.NewGuid().ToString("N")[..6];
        var (a, _) = await app.OpinionInAsync("submitted", $"{tag} G60高速出口附近的3号楼WiFi信号很差");
        var (b, _) = await app.OpinionInAsync("submitted", $"{tag} 高速公路噪音扰民");
        Assert.Equal([a], (await SearchAsync($"{tag} 3号楼")).Select(r => r.Id));
        Assert.Equal([a], (await SearchAsync($"{tag} g60")).Select(r => r.Id));
        Assert.Equal([a], (await SearchAsync($"{tag} 60高速出口")).Select(r => r.Id));
        Assert.Equal([a], (await SearchAsync($"{tag} wifi")).Select(r => r.Id));
        Assert.Equal(new long[] { b, a }.Order(), (await SearchAsync($"{tag} 高速")).Select(r => r.Id).Order());
        Assert.Empty(await SearchAsync($"{tag} 高速出口噪音"));
        Assert.Empty(await SearchAsync($"{tag} 速高"));
    }

    [Theory]
    [InlineData("\"停车\" OR 1=1 --")]
    [InlineData("'; DROP TABLE opinions; --")]
    [InlineData("NEAR(路灯 停车)")]
    [InlineData("路灯*")]
    [InlineData("100%")]
    [InlineData("a_b")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("停车:* & !路灯 | 垃圾")]
    [InlineData("C:\\路径\\'引号' \\")]
    [InlineData("'' \\' '\\")]
    public async Task Hostile_queries_are_searched_for_as_text(string hostile)
    {
        var tag = "丙" + Guid.NewGuid().ToString("N")[..6];
        var (holder, _) = await app.OpinionInAsync("submitted", $"{tag} 原文照录：{hostile}");
        var (other, _) = await app.OpinionInAsync("submitted", $"{tag} 停车难 路灯坏 100 ab 垃圾");
        var found = (await SearchAsync($"{tag} {hostile}")).Select(r => r.Id).ToList();
        Assert.Contains(holder, found);
        var expected = CjkBigrams.Fold($"{tag} 停车难 路灯坏 100 ab 垃圾");
        var words = SearchQuery.Parse(hostile).Terms;
        Assert.Equal(words.All(expected.Contains), found.Contains(other));
    }

    [Fact]
    public async Task The_index_finds_exactly_what_a_substring_scan_finds_on_a_sample()
    {
        var tag = "丁" + Guid.NewGuid().ToString("N")[..6];
        string[] sample =
        [
            "小区停车位不足，乱停车现象严重", "路灯不亮，夜间出行不便", "建议在村口增设公交站台", "垃圾分类投放点气味大",
            "学校门口早晚高峰交通拥堵", "农村饮用水水质需要检测", "菜市场停车收费不合理", "老旧小区加装电梯资金难",
            "河道垃圾清理不及时", "广场舞噪音扰民，晚上十点后仍在跳", "养老院床位紧张", "医保报销比例偏低",
            "Wi-Fi 覆盖不到文化礼堂", "3路公交车班次太少", "G235国道路面破损", "停车", "车", "路",
        ];
        foreach (var text in sample) await app.OpinionInAsync("submitted", $"{tag}{text}");
        string[] terms = ["停车", "路灯", "车", "公交", "垃圾", "小区", "噪音扰民", "3路", "g235", "wi-fi", "国道路面", "车位不足", "灯不", "站台", "停车收费不合理", "不"];

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var all = await db.Set<Opinion>().IgnoreQueryFilters().Where(o => o.Content.StartsWith(tag)).Select(o => new { o.Id, o.Content }).ToListAsync();
        Assert.Equal(sample.Length, all.Count);
        foreach (var term in terms)
        {
            var expected = all.Where(o => CjkBigrams.Fold(o.Content).Contains(CjkBigrams.Fold(term), StringComparison.Ordinal)).Select(o => o.Id).Order().ToList();
            var ids = FullTextSearch.Matching(db, OpinionsAccess.SearchIndex, SearchQuery.Parse(term));
            var found = await db.Set<Opinion>().IgnoreQueryFilters().Where(o => o.Content.StartsWith(tag) && ids.Contains(o.Id))
                .Select(o => o.Id).OrderBy(i => i).ToListAsync();
            Assert.True(expected.SequenceEqual(found), $"'{term}': expected {expected.Count}, found {found.Count}");
            var like = await db.Set<Opinion>().IgnoreQueryFilters()
                .Where(o => o.Content.StartsWith(tag) && EF.Functions.Like(o.Content, "%" + term + "%")).Select(o => o.Id).OrderBy(i => i).ToListAsync();
            Assert.True(like.All(found.Contains), $"'{term}': LIKE found one the index missed");
        }
    }

    [Fact]
    public async Task The_whole_demo_county_agrees_with_a_substring_scan()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var all = await db.Set<Opinion>().IgnoreQueryFilters().Select(o => new { o.Id, o.Content }).ToListAsync();
        foreach (var term in new[] { "停车", "路灯", "垃圾", "道路", "噪音", "水" })
        {
            var expected = all.Where(o => CjkBigrams.Fold(o.Content).Contains(term, StringComparison.Ordinal)).Select(o => o.Id).Order().ToList();
            var found = (await FullTextSearch.Matching(db, OpinionsAccess.SearchIndex, SearchQuery.Parse(term)).ToListAsync()).Order().ToList();
            Assert.Equal(expected, found);
        }
    }
}

/// <summary>The inbox's list at scale (docs/adr/0033): a search page comes newest received first straight from the
/// index, filters still apply to it, and counting stops at a cap, said as "more than".</summary>
[Collection(OpinionsCollection.Name)]
public sealed class InboxPagingTests(DemoApp app)
{
    [Fact]
    public async Task A_search_lists_newest_received_first_with_the_other_filters_applied()
    {
        var tag = "戊" + Guid.NewGuid().ToString("N")[..6];
        var ids = new List<long>();
        foreach (var state in new[] { "submitted", "assigned", "submitted", "submitted" })
            ids.Add((await app.OpinionInAsync(state, $"{tag} 小区停车位不足")).Id);

        var res = await (await app.As(Staff)).GetAsync($"/api/opinions?pageSize=2&q={Uri.EscapeDataString(tag + " 停车")}");
        var json = await res.JsonAsync();
        Assert.Equal([ids[3], ids[2]], json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(4, json.GetProperty("total").GetInt32());
        Assert.False(json.GetProperty("totalCapped").GetBoolean());
        var second = await (await (await app.As(Staff)).GetAsync($"/api/opinions?pageSize=2&page=2&q={Uri.EscapeDataString(tag + " 停车")}")).JsonAsync();
        Assert.Equal([ids[1], ids[0]], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));

        var submitted = await (await (await app.As(Staff)).GetAsync($"/api/opinions?state=submitted&q={Uri.EscapeDataString(tag)}")).JsonAsync();
        Assert.Equal([ids[3], ids[2], ids[0]], submitted.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(3, submitted.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Counting_stops_at_the_cap_and_says_there_are_more()
    {
        var tag = "己" + Guid.NewGuid().ToString("N")[..6];
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add((await app.OpinionInAsync("submitted", $"{tag} 路灯坏了")).Id);

        await using var scope = app.Scope();
        var sp = scope.ServiceProvider;
        var user = new StaffUser();
        await using var db = new AppDbContext(sp.GetRequiredService<DbContextOptions<AppDbContext>>(), user, TimeProvider.System);
        OpinionsInbox Inbox(int cap) => new(db, user, sp.GetRequiredService<PersonalData>(), new Renda.Platform.Audit.AuditTrail(db)) { CountCap = cap };

        var capped = (await Inbox(3).ListAsync(new OpinionFilter(Q: tag), 1, 2)).Value!;
        Assert.Equal(3, capped.Total);
        Assert.True(capped.TotalCapped);
        Assert.Equal([ids[4], ids[3]], capped.Items.Select(i => i.Id));
        var exact = (await Inbox(5).ListAsync(new OpinionFilter(Q: tag), 1, 2)).Value!;
        Assert.Equal(5, exact.Total);
        Assert.False(exact.TotalCapped);
        var last = (await Inbox(3).ListAsync(new OpinionFilter(Q: tag), 3, 2)).Value!;
        Assert.Equal([ids[0]], last.Items.Select(i => i.Id));
    }

    /// <summary>A search with more matches than the cap (PostgreSQL, docs/adr/0041): its page comes from a walk over the newest
    /// opinions, and from the index when the newest ones hold too few of its matches; the same rows either way, filters
    /// applied. SQLite never walks (its index hands out the newest first).</summary>
    [Fact]
    public async Task A_dense_search_pages_the_newest_from_a_walk_and_falls_back_to_the_index()
    {
        var tag = "辛" + Guid.NewGuid().ToString("N")[..6];
        var matches = new List<(long Id, string State)>();
        foreach (var state in new[] { "submitted", "assigned", "submitted", "submitted", "assigned", "submitted" })
            matches.Add(((await app.OpinionInAsync(state, $"{tag} 路灯坏了，晚上看不见")).Id, state));
        for (var i = 0; i < 4; i++) await app.OpinionInAsync("submitted", $"{tag} 垃圾没人清运"); // the newest: not matches

        await using var scope = app.Scope();
        var sp = scope.ServiceProvider;
        var user = new StaffUser();
        var sql = new List<string>();
        var options = new DbContextOptionsBuilder<AppDbContext>(sp.GetRequiredService<DbContextOptions<AppDbContext>>())
            .AddInterceptors(new CommandLog(sql)).Options;
        await using var db = new AppDbContext(options, user, TimeProvider.System);
        OpinionsInbox Inbox(int window) =>
            new(db, user, sp.GetRequiredService<PersonalData>(), new Renda.Platform.Audit.AuditTrail(db)) { CountCap = 2, NewestWindow = window };
        var newestFirst = matches.Select(m => m.Id).Reverse().ToList();
        var submittedFirst = matches.Where(m => m.State == "submitted").Select(m => m.Id).Reverse().ToList();
        // The page's statement (it has OFFSET): from the index (PostgreSQL's lexemes, SQLite's MATCH) or a walk (the fold only).
        bool FromIndex() => sql.Any(c => c.Contains("OFFSET", StringComparison.Ordinal)
            && (c.Contains("renda_search_lexemes", StringComparison.Ordinal) || c.Contains("MATCH", StringComparison.Ordinal)));
        bool Walked() => sql.Any(c => c.Contains("OFFSET", StringComparison.Ordinal) && c.Contains("renda_search_fold(", StringComparison.Ordinal)
            && !c.Contains("renda_search_lexemes", StringComparison.Ordinal));

        foreach (var window in new[] { 1_000, 3 })
        {
            foreach (var (filter, expected) in new[] { (new OpinionFilter(Q: tag + " 路灯"), newestFirst), (new OpinionFilter(State: "submitted", Q: tag + " 路灯"), submittedFirst) })
            {
                sql.Clear();
                var first = (await Inbox(window).ListAsync(filter, 1, 2)).Value!;
                Assert.Equal(expected.Take(2), first.Items.Select(i => i.Id));
                Assert.True(first.TotalCapped);
                Assert.Equal(2, first.Total);
                // PostgreSQL walks; with a window of 3 the newest three are not matches, so the index gives the page.
                Assert.Equal(RendaApp.IsPostgres, Walked());
                Assert.Equal(!RendaApp.IsPostgres || window == 3, FromIndex());
                var second = (await Inbox(window).ListAsync(filter, 2, 2)).Value!;
                Assert.Equal(expected.Skip(2).Take(2), second.Items.Select(i => i.Id));
            }
        }
    }

    /// <summary>PostgreSQL: a search adds the caller's scope as a range of codes (an index can serve it, the filter's LIKE
    /// cannot); it must select the same opinions as the scope itself, for a county, a township and a prefix of them.</summary>
    [Fact]
    public async Task A_search_sees_exactly_its_scope()
    {
        var tag = "壬" + Guid.NewGuid().ToString("N")[..6];
        var (county, _) = await app.OpinionInAsync("submitted", $"{tag} 路灯坏了", o => o.JurisdictionCode = "330523");
        var (township, _) = await app.OpinionInAsync("submitted", $"{tag} 路灯坏了", o => o.JurisdictionCode = "330523105");
        var (neighbour, _) = await app.OpinionInAsync("submitted", $"{tag} 路灯坏了", o => o.JurisdictionCode = "330522101");
        var (city, _) = await app.OpinionInAsync("submitted", $"{tag} 路灯坏了", o => o.JurisdictionCode = "3305");

        await using var scope = app.Scope();
        var sp = scope.ServiceProvider;
        async Task<List<long>> Seen(string? code)
        {
            var user = new StaffUser(code);
            await using var db = new AppDbContext(sp.GetRequiredService<DbContextOptions<AppDbContext>>(), user, TimeProvider.System);
            var inbox = new OpinionsInbox(db, user, sp.GetRequiredService<PersonalData>(), new Renda.Platform.Audit.AuditTrail(db));
            return (await inbox.ListAsync(new OpinionFilter(Q: tag + " 路灯"), 1, 50)).Value!.Items.Select(i => i.Id).Order().ToList();
        }

        Assert.Equal(new[] { county, township }.Order(), await Seen("330523"));
        Assert.Equal([township], await Seen("330523105"));
        Assert.Equal(new[] { county, township, neighbour }.Order(), await Seen("33052"));
        Assert.Equal(new[] { county, township, neighbour, city }.Order(), await Seen("3305"));
        Assert.Equal(new[] { county, township, neighbour, city }.Order(), await Seen(null));
        Assert.Empty(await Seen("330524"));
        Assert.Empty(await Seen(Renda.Platform.Auth.HttpCurrentUser.NoScope));
    }

    private sealed class CommandLog(List<string> sql) : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public override ValueTask<System.Data.Common.DbDataReader> ReaderExecutedAsync(System.Data.Common.DbCommand command,
            Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, System.Data.Common.DbDataReader result, CancellationToken cancellationToken = default)
        {
            sql.Add(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>PostgreSQL: a search's statements run with enough memory for exact bitmaps (a lossy one re-tokenizes
    /// every row of its pages: 57 s instead of 6 s for a common term over 5 M opinions, docs/adr/0039), and only they:
    /// the setting ends with the search's transaction, or with the caller's when there is one.</summary>
    [Fact]
    public async Task A_search_runs_with_memory_for_exact_bitmaps_and_gives_it_back()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync();
        async Task<string> WorkMem()
        {
            if (!RendaApp.IsPostgres) return "sqlite";
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = "SHOW work_mem";
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            return (string)(await cmd.ExecuteScalarAsync())!;
        }

        var before = await WorkMem();
        var inside = await FullTextSearch.RunAsync(db, WorkMem);
        Assert.Equal(RendaApp.IsPostgres ? FullTextSearch.PostgresSearchWorkMem : "sqlite", inside);
        Assert.NotEqual(RendaApp.IsPostgres ? FullTextSearch.PostgresSearchWorkMem : "", before);
        Assert.Equal(before, await WorkMem());
        Assert.Null(db.Database.CurrentTransaction);

        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            Assert.Equal(inside, await FullTextSearch.RunAsync(db, WorkMem));
            Assert.Same(tx, db.Database.CurrentTransaction);
            await tx.RollbackAsync();
        }
        Assert.Equal(before, await WorkMem());

        // The inbox's search goes through it and still finds what it should.
        var tag = "庚" + Guid.NewGuid().ToString("N")[..6];
        var (id, _) = await app.OpinionInAsync("submitted", $"{tag} 路灯坏了");
        var found = await (await (await app.As(Staff)).GetAsync($"/api/opinions?q={Uri.EscapeDataString(tag + " 路灯")}")).JsonAsync();
        Assert.Equal([id], found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
    }

    /// <summary>The database computes the search tokens in its own SQL (SQLite: the insert trigger into the FTS5
    /// table; PostgreSQL: <c>renda_search_lexemes</c>); they must be exactly the reference's (CjkBigrams), for
    /// characters outside the Basic Multilingual Plane, quotes, backslashes, folding and a text of one character.</summary>
    [Theory]
    [InlineData("停车G60 停车")]
    [InlineData("反斜杠\\和'引号'与\"双引号\"")]
    [InlineData("𠮷野家的🙂表情ABC")]
    [InlineData("全角ＡＢ与Wi-Fi、3号楼")]
    [InlineData("灯")]
    public async Task The_databases_tokens_are_the_reference_tokens(string text)
    {
        var (id, _) = await app.OpinionInAsync("submitted", text);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var content = await db.Set<Opinion>().IgnoreQueryFilters().Where(o => o.Id == id).Select(o => o.Content).SingleAsync();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        List<string> stored = [];
        IReadOnlyList<string> expected;
        if (RendaApp.IsPostgres)
        {
            cmd.CommandText = "SELECT unnest(tsvector_to_array(renda_search_lexemes(content))) FROM opinions WHERE id = @id";
            expected = CjkBigrams.PgLexemes(content);
        }
        else
        {
            // fts5vocab reads the terms the contentless index holds for the row.
            await using (var vocab = conn.CreateCommand())
            {
                vocab.CommandText = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.opinions_search_terms USING fts5vocab(main, opinions_search, instance)";
                await vocab.ExecuteNonQueryAsync();
            }
            cmd.CommandText = "SELECT term FROM temp.opinions_search_terms WHERE doc = @id";
            expected = CjkBigrams.Tokens(content).Distinct().ToList();
        }
        var prm = cmd.CreateParameter();
        prm.ParameterName = "@id";
        prm.Value = id;
        cmd.Parameters.Add(prm);
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) stored.Add(reader.GetString(0));
        Assert.Equal(expected.Distinct().Order(StringComparer.Ordinal), stored.Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>Congress staff of the whole installation.</summary>
    private sealed class StaffUser(string? scope = null) : Renda.Platform.Auth.ICurrentUser
    {
        public string? UserId => "inbox-test";
        public string? UserName => "inbox-test";
        public IReadOnlyList<string> Roles => [Renda.Platform.Auth.Roles.CongressStaff];
        public string? ScopeCode => scope;
        public string? ClientIp => null;
        public long? UnitId => null;
        public long? RepresentativeId => null;
        public long? StationId => null;
        public bool IsInRole(string role) => role == Renda.Platform.Auth.Roles.CongressStaff;
    }
}
