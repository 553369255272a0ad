using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Platform.Data;

namespace Renda.Platform.Search;

/// <summary>What someone typed in a search box: words separated by white space, each to be found as a
/// substring (all words must be found). Nothing of it reaches SQL as text: each word becomes tokens of
/// <see cref="CjkBigrams"/> (letters a–p only), so quotes, FTS operators, <c>%</c>, <c>_</c> or SQL
/// fragments are searched for like any other characters.</summary>
public sealed record SearchQuery(IReadOnlyList<string> Terms)
{
    /// <summary>At most this many words count; the rest of a longer query is ignored.</summary>
    public const int MaxTerms = 8;
    /// <summary>A word is cut at this many characters (a longer one is still a fine filter).</summary>
    public const int MaxTermLength = 64;

    public bool IsEmpty => Terms.Count == 0;

    /// <summary>The query's words (folded like the index), or an empty query for blank input.</summary>
    public static SearchQuery Parse(string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return new SearchQuery([]);
        var terms = new List<string>();
        foreach (var word in q.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var runes = CjkBigrams.Runes(word);
            if (runes.Count == 0) continue;
            var sb = new StringBuilder();
            foreach (var r in runes.Take(MaxTermLength)) sb.Append(r.ToString());
            var term = sb.ToString();
            if (!terms.Contains(term, StringComparer.Ordinal)) terms.Add(term);
            if (terms.Count == MaxTerms) break;
        }
        return new SearchQuery(terms);
    }

    /// <summary>The FTS5 MATCH expression: each word a phrase of its bigrams (exact substring), or a prefix
    /// for a single character; words joined with AND.</summary>
    public string ToFts5() => string.Join(" AND ", Terms.Select(Fts5Term));

    /// <summary>The PostgreSQL tsquery over <see cref="CjkBigrams.PgLexemes"/>: each word's bigrams and-ed (a single
    /// character: a prefix), every lexeme quoted. It may match a little more than the words (the bigrams of a word in
    /// another order); <see cref="FullTextSearch"/> keeps only rows that hold each word as a substring.</summary>
    public string ToTsQuery() => string.Join(" & ", Terms.Select(TsTerm));

    private static string Fts5Term(string term)
    {
        var bigrams = CjkBigrams.Bigrams(term);
        return bigrams.Count == 0 ? CjkBigrams.Encode(CjkBigrams.Runes(term)[0]) + "*" : "\"" + string.Join(' ', bigrams) + "\"";
    }

    private static string TsTerm(string term)
    {
        var bigrams = CjkBigrams.Bigrams(term);
        if (bigrams.Count == 0) return QuoteLexeme(CjkBigrams.Runes(term)[0].ToString()) + ":*";
        return "(" + string.Join(" & ", bigrams.Select(CjkBigrams.Decode).Distinct(StringComparer.Ordinal).Select(QuoteLexeme)) + ")";
    }

    /// <summary>A lexeme as tsquery input reads it back unchanged: in single quotes, a quote doubled, a backslash
    /// escaped. Whatever the characters (spaces, <c>&amp;|!():*</c>, quotes), they are one lexeme, never an operator.</summary>
    internal static string QuoteLexeme(string lexeme) => "'" + lexeme.Replace("\\", "\\\\").Replace("'", "''") + "'";

    /// <summary>Any of <paramref name="terms"/> (each already a bigram token): for finding candidates that share words.</summary>
    public static string AnyToFts5(IEnumerable<string> tokens) => string.Join(" OR ", tokens);
    public static string AnyToTsQuery(IEnumerable<string> tokens) =>
        string.Join(" | ", tokens.Select(t => QuoteLexeme(CjkBigrams.Decode(t))).Distinct(StringComparer.Ordinal));
}

/// <summary>A full-text index over one text column of a table (docs/adr/0022). SQLite: a contentless FTS5
/// table <see cref="FtsTable"/> (rowid = the row's key) kept by triggers on the table; PostgreSQL: a GIN
/// index on <c>renda_search_lexemes(column)</c>, a function the migrations define in SQL (0014).</summary>
public sealed partial record FullTextIndex
{
    /// <summary>The names are SQL identifiers written into the statements: only lower-case snake_case is accepted.</summary>
    public FullTextIndex(string table, string keyColumn, string textColumn)
    {
        foreach (var name in new[] { table, keyColumn, textColumn })
            if (!Identifier().IsMatch(name)) throw new ArgumentException($"'{name}' is not a plain SQL identifier.", nameof(table));
        (Table, KeyColumn, TextColumn) = (table, keyColumn, textColumn);
    }

    public string Table { get; }
    public string KeyColumn { get; }
    public string TextColumn { get; }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial System.Text.RegularExpressions.Regex Identifier();

    /// <summary>SQLite's FTS5 table (and prefix of its shadow tables).</summary>
    public string FtsTable => Table + "_search";
    /// <summary>PostgreSQL's GIN index.</summary>
    public string PostgresIndex => "ix_" + Table + "_search";

    /// <summary>Whether a database object belongs to a full-text index (the schema drift check skips them:
    /// the EF model does not describe virtual tables and expression indexes).</summary>
    public static bool IsIndexObject(string name) =>
        name.EndsWith("_search", StringComparison.Ordinal) || name.Contains("_search_", StringComparison.Ordinal);
}

/// <summary>Finds the keys of rows whose text contains a query's words, inside the database.</summary>
public static class FullTextSearch
{
    /// <summary>The keys of the rows holding every word of <paramref name="query"/>, as a composable query
    /// (use it as <c>rows.Where(r =&gt; keys.Contains(r.Id))</c> so that the rest of the filter, the jurisdiction
    /// scope, the order and the paging run in the same SQL statement).</summary>
    public static IQueryable<long> Matching(AppDbContext db, FullTextIndex index, SearchQuery query)
    {
        if (query.IsEmpty) throw new ArgumentException("An empty query matches everything; do not filter.", nameof(query));
        if (!db.Database.IsNpgsql())
        {
            var fts = $"SELECT rowid AS row_key FROM {index.FtsTable} WHERE {index.FtsTable} MATCH {{0}}";
            return Keys(db, fts, query.ToFts5());
        }

        var sql = new StringBuilder(
            $"SELECT {index.KeyColumn} AS row_key FROM {index.Table} WHERE renda_search_lexemes({index.TextColumn}) @@ CAST({{0}} AS tsquery)");
        var args = new List<object> { query.ToTsQuery() };
        foreach (var term in query.Terms)
        {
            sql.Append($" AND strpos(renda_search_fold({index.TextColumn}), {{{args.Count}}}) > 0");
            args.Add(term);
        }
        return Keys(db, sql.ToString(), args.ToArray());
    }

    /// <summary>The memory PostgreSQL may give a search statement's bitmap of candidate rows (docs/adr/0039). With the
    /// server's default (4 MB) the bitmap of a common term over millions of rows turns "lossy" (whole pages instead of
    /// rows), and every row on those pages is re-tokenized to recheck it: 57 s instead of 6 s for 加装电梯 over 5 M opinions.</summary>
    public const string PostgresSearchWorkMem = "64MB";

    /// <summary>Runs <paramref name="work"/> (the statements of one search) so that PostgreSQL keeps its bitmaps exact:
    /// inside a transaction with <c>SET LOCAL work_mem</c> (<see cref="PostgresSearchWorkMem"/>) and custom plans, which end with it, or
    /// inside the caller's transaction if there is one. SQLite: <paramref name="work"/> as it is.</summary>
    public static async Task<T> RunAsync<T>(AppDbContext db, Func<Task<T>> work, CancellationToken ct = default)
    {
        if (!db.Database.IsNpgsql()) return await work();
        await using var ownTx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        // Custom plans always: the app's connections keep statements prepared (docs/adr/0043), and a search's plan
        // depends on how common its terms are (a generic plan chosen for one term would serve every other).
        await db.Database.ExecuteSqlRawAsync($"SET LOCAL work_mem = '{PostgresSearchWorkMem}'; SET LOCAL plan_cache_mode = force_custom_plan", ct);
        var result = await work();
        if (ownTx is not null) await ownTx.CommitAsync(ct);
        return result;
    }

    /// <summary>How many of the newest rows <see cref="NewestContaining"/> looks through by default before it gives up
    /// (docs/adr/0041): about 8 µs a row on PostgreSQL, so a walk that finds too few costs ≈ 0.2 s before the index plan.</summary>
    public const int DefaultNewestWindow = 25_000;

    /// <summary>The newest <paramref name="window"/> of <paramref name="rows"/> (their key descending) that hold every word of
    /// <paramref name="query"/>, found by reading those rows rather than through the index; null where the index itself
    /// hands out its matches newest first (SQLite's FTS5 doclists are in rowid order). For a search with many matches
    /// on PostgreSQL, whose GIN index returns candidates in heap order: a page of the newest then costs a few thousand
    /// rows read instead of fetching and sorting every candidate (docs/adr/0041). Fewer rows than a page means the
    /// window ran out, not that there are no more: fall back to the index.</summary>
    public static IQueryable<T>? NewestContaining<T>(AppDbContext db, IQueryable<T> rows, Expression<Func<T, long>> key,
        Expression<Func<T, string>> text, SearchQuery query, int window = DefaultNewestWindow)
    {
        if (query.IsEmpty) throw new ArgumentException("An empty query matches everything; do not filter.", nameof(query));
        if (!db.Database.IsNpgsql()) return null;
        var newest = rows.OrderByDescending(key).Take(window);
        var fold = typeof(FullTextSearch).GetMethod(nameof(Fold))!;
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        foreach (var term in query.Terms)
        {
            // renda_search_fold(text) LIKE / strpos term: exactly the check the index's matches get (Matching).
            var body = Expression.Call(Expression.Call(fold, text.Body), contains, Expression.Constant(term));
            newest = newest.Where(Expression.Lambda<Func<T, bool>>(body, text.Parameters));
        }
        return newest.OrderByDescending(key);
    }

    /// <summary>The case folding of the search, in SQL (<see cref="CjkBigrams.Fold"/>): <c>renda_search_fold</c> on
    /// PostgreSQL (migration 0007), <c>lower</c> on SQLite (ASCII only without ICU). For queries only.</summary>
    public static string Fold(string text) => throw new InvalidOperationException("Only for queries: translated to SQL.");

    internal static void MapFunctions(ModelBuilder b, bool postgres) =>
        b.HasDbFunction(typeof(FullTextSearch).GetMethod(nameof(Fold))!).HasName(postgres ? "renda_search_fold" : "lower").IsBuiltIn(!postgres);

    /// <summary>Keys through the <see cref="SearchHit"/> shape rather than <c>SqlQueryRaw&lt;long&gt;</c>: on SQLite the
    /// latter's column comes out as <c>CAST(… AS INTEGER)</c> when composed, and an ORDER BY on a cast is not one
    /// FTS5 can serve from its index (the inbox's newest-first page would sort every match).</summary>
    private static IQueryable<long> Keys(AppDbContext db, string sql, params object[] args) =>
        db.Set<SearchHit>().FromSqlRaw(sql, args).Select(h => h.RowKey);

    /// <summary>The keys of rows sharing at least one of <paramref name="bigramTokens"/> (candidates for
    /// "similar": the caller ranks them).</summary>
    public static IQueryable<long> SharingAny(AppDbContext db, FullTextIndex index, IReadOnlyCollection<string> bigramTokens)
    {
        if (bigramTokens.Count == 0) throw new ArgumentException("No tokens to look for.", nameof(bigramTokens));
        if (bigramTokens.Any(t => t.Any(c => c is < 'a' or > 'p')))
            throw new ArgumentException("Tokens come from CjkBigrams.", nameof(bigramTokens));
        var (sql, arg) = db.Database.IsNpgsql()
            ? ($"SELECT {index.KeyColumn} AS row_key FROM {index.Table} WHERE renda_search_lexemes({index.TextColumn}) @@ CAST({{0}} AS tsquery)",
                SearchQuery.AnyToTsQuery(bigramTokens))
            : ($"SELECT rowid AS row_key FROM {index.FtsTable} WHERE {index.FtsTable} MATCH {{0}}", SearchQuery.AnyToFts5(bigramTokens));
        return Keys(db, sql, arg);
    }
}

/// <summary>The key of a row a full-text search found: the shape of <see cref="FullTextSearch"/>'s raw queries (no
/// table of its own).</summary>
public sealed class SearchHit
{
    public long RowKey { get; set; }
}

internal sealed class SearchHitConfiguration : IEntityTypeConfiguration<SearchHit>
{
    public void Configure(EntityTypeBuilder<SearchHit> e)
    {
        e.HasNoKey();
        e.ToTable((string?)null);
        e.Property(h => h.RowKey).HasColumnName("row_key");
    }
}
