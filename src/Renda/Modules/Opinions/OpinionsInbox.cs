using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Representatives;
using Renda.Modules.Stations;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Search;

namespace Renda.Modules.Opinions;

/// <summary>The filters of <c>GET /api/opinions</c> and of the inbox page, as typed in (validated by the inbox).</summary>
public sealed record OpinionFilter(string? State = null, string? Category = null, long? Unit = null, bool? Overdue = null,
    long? Station = null, long? Representative = null, string? From = null, string? To = null, string? Q = null);

/// <summary>One row of the list: what an inbox shows. <c>content</c> is as submitted (encode it when shown).</summary>
public sealed record OpinionListItem(
    long Id, string State, string StateLabel, string Content, DateTime CreatedAt, string? Category, string CategoryLabel,
    string Channel, string ChannelLabel, string Urgency, long? UnitId, string? UnitName, DateOnly? DueDate, bool Overdue,
    string TrackingCode, string? PhoneMasked, long? StationId, string? StationName, long? RepresentativeId, int Round,
    DateTime? PublishedAt);

/// <summary>What <c>GET /api/opinions/{id}</c> returns besides the workflow fields (<c>state</c>,
/// <c>allowedActions</c>, <c>history</c>…): the opinion with its submitter's phone masked and the name never.</summary>
public sealed record OpinionView(
    long Id, string TrackingCode, string Content, string? Category, string CategoryLabel, string Urgency, string Channel,
    string ChannelLabel, string? Location, long? StationId, long? RepresentativeId, long? ReceptionId, bool Anonymous,
    string? PhoneMasked, DateTime CreatedAt, long? UnitId, DateTime? AssignedAt, DateOnly? DueDate, DateTime? AcknowledgedAt,
    DateTime? RepliedAt, string? Reply, bool RepliedLate, int Round, string? Rating, string? RatingComment, DateTime? RatedAt,
    DateTime? ClosedAt, string? ClosedReason, long? MergedIntoId, string? DeclineReason, string? EscalatedTo,
    DateTime? PublishedAt, bool Overdue, int SupervisionCount)
{
    public static OpinionView From(Opinion o) => new(
        o.Id, TrackingCodes.Display(o.TrackingCode), o.Content, o.Category, OpinionCategories.Label(o.Category, false), o.Urgency,
        o.Channel, OpinionChannels.Label(o.Channel, false), o.Location, o.StationId, o.RepresentativeId, o.ReceptionId, o.Anonymous,
        o.PhoneMasked, o.CreatedAt, o.UnitId, o.AssignedAt, o.DueDate, o.AcknowledgedAt, o.RepliedAt, o.ReplyContent, o.RepliedLate,
        o.Round, o.Rating, o.RatingComment, o.RatedAt, o.ClosedAt, o.ClosedReason, o.MergedIntoId, o.DeclineReason, o.EscalatedTo,
        o.PublishedAt, o.Overdue, o.SupervisionCount);
}

/// <summary>An open opinion that reads like another one (shared words), for merging at triage.</summary>
public sealed record SimilarOpinion(long Id, string TrackingCode, string State, string StateLabel, string Content, DateTime CreatedAt,
    string? StationName, double Score);

/// <summary>The names an opinion's ids stand for, for the detail page.</summary>
public sealed record OpinionNames(string? Unit, string? Station, string? Representative, string? SubmitterMasked);

public sealed record RevealedPhone(long OpinionId, string? Phone);

/// <summary>The staff, unit, leader and representative inbox: the list with its filters and full-text search,
/// similar open opinions, names for the detail page, and the audited reveal of a submitter's phone.</summary>
public sealed class OpinionsInbox(AppDbContext db, ICurrentUser user, PersonalData personal, AuditTrail audit)
{
    public const int SimilarTake = 5;
    /// <summary>The list counts its rows up to this many; beyond, it says "more than" (<see cref="Paged{T}.TotalCapped"/>).</summary>
    public const int DefaultCountCap = 10_000;
    public int CountCap { get; init; } = DefaultCountCap;
    /// <summary>How many of the newest opinions a search with more matches than the cap reads for its page (PostgreSQL).</summary>
    public int NewestWindow { get; init; } = FullTextSearch.DefaultNewestWindow;
    private const double SimilarThreshold = 0.12;

    public async Task<UseCaseResult<Paged<OpinionListItem>>> ListAsync(OpinionFilter f, int? page, int? pageSize, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var definition = OpinionWorkflow.Definition;
        var state = Blank(f.State);
        if (state is not null && !definition.States.Contains(state)) errors["state"] = ["没有这个状态"];
        var category = Blank(f.Category);
        if (category is not null && !OpinionCategories.IsKnown(category)) errors["category"] = ["没有这个类别"];
        DateOnly from = default, to = default;
        if (Blank(f.From) is { } fromText && !ChinaTime.TryDate(fromText, out from)) errors["from"] = ["日期格式应为 yyyy-MM-dd"];
        if (Blank(f.To) is { } toText && !ChinaTime.TryDate(toText, out to)) errors["to"] = ["日期格式应为 yyyy-MM-dd"];
        if (errors.Count > 0) return UseCaseResult<Paged<OpinionListItem>>.Invalid(errors);

        var q = db.Set<Opinion>().AsNoTracking().VisibleTo(db, user);
        if (state is not null) q = q.Where(o => o.State == state);
        if (category is not null) q = q.Where(o => o.Category == category);
        if (f.Unit is { } unit) q = q.Where(o => o.UnitId == unit);
        if (f.Overdue is { } overdue) q = q.Where(o => o.Overdue == overdue);
        if (f.Station is { } station) q = q.Where(o => o.StationId == station);
        if (f.Representative is { } rep) q = q.Where(o => o.RepresentativeId == rep);
        if (from != default)
        {
            var start = from.ToDateTime(TimeOnly.MinValue) - ChinaTime.Offset;
            q = q.Where(o => o.CreatedAt >= start);
        }
        if (to != default)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue) - ChinaTime.Offset;
            q = q.Where(o => o.CreatedAt < end);
        }
        var search = SearchQuery.Parse(f.Q);
        IQueryable<Opinion> matched, ordered;
        IQueryable<Opinion>? newest = null;
        if (!search.IsEmpty)
        {
            // Driven from the index (a join, not IN): on SQLite the matches come newest first out of the index itself,
            // so a page stops after its rows instead of collecting and sorting every match (docs/adr/0033).
            // PostgreSQL: the scope also as a code range, so that its index and the search's combine (docs/adr/0041).
            var ids = FullTextSearch.Matching(db, OpinionsAccess.SearchIndex, search);
            var scoped = db.WithScopeRange(q);
            matched = from id in ids join o in scoped on id equals o.Id select o;
            // Ordered by the index's key, not the table's: that is the order FTS5 can hand out without sorting.
            ordered = from id in ids join o in scoped on id equals o.Id orderby id descending select o;
            newest = FullTextSearch.NewestContaining(db, q, o => o.Id, o => o.Content, search, NewestWindow);
        }
        else ordered = (matched = q).OrderByDescending(o => o.Id);

        // Newest received first (the id is the order of arrival), counted up to a cap: both stop early on
        // millions of rows, where ordering by a date or counting every match would read them all.
        var (p, size) = Paging.Normalize(page, pageSize);
        var (counted, rows) = search.IsEmpty ? await Page() : await FullTextSearch.RunAsync(db, Page, ct);
        var items = rows.Select(o => new OpinionListItem(
            o.Id, o.State, definition.StateLabel(o.State).Zh, o.Content, o.CreatedAt, o.Category, OpinionCategories.Label(o.Category, false),
            o.Channel, OpinionChannels.Label(o.Channel, false), o.Urgency, o.UnitId, o.UnitName, o.DueDate, o.Overdue,
            TrackingCodes.Display(o.TrackingCode), o.PhoneMasked, o.StationId, o.StationName, o.RepresentativeId, o.Round, o.PublishedAt)).ToList();
        return UseCaseResult<Paged<OpinionListItem>>.Success(
            new Paged<OpinionListItem>(items, Math.Min(counted, CountCap), p, size) { TotalCapped = counted > CountCap });

        async Task<(int, List<InboxRow>)> Page()
        {
            // PostgreSQL counts in no order: a search's count then stops at the cap in whatever order the index hands
            // out its matches, instead of sorting all of them first (docs/adr/0041). SQLite keeps the count it was
            // measured with (docs/adr/0033): in the page's order, which its FTS5 index hands out without sorting.
            var counted = await (db.Database.IsNpgsql() ? matched : ordered).Take(CountCap + 1).CountAsync(ct);
            // More matches than the cap: they are dense enough that the newest rows hold a page of them; a walk
            // from the newest finds it without the index (PostgreSQL only; null on SQLite). Too few in its window:
            // the matches are old ones, the index finds them.
            if (newest is not null && counted > CountCap && p * size <= NewestWindow)
            {
                var walked = await Rows(newest);
                if (walked.Count == size) return (counted, walked);
            }
            return (counted, await Rows(ordered));
        }

        Task<List<InboxRow>> Rows(IQueryable<Opinion> source) =>
            source
                .Skip((p - 1) * size).Take(size)
                .Select(o => new InboxRow(
                    o.Id, o.State, o.Content, o.CreatedAt, o.Category, o.Channel, o.Urgency, o.UnitId, o.DueDate, o.Overdue, o.TrackingCode,
                    o.PhoneMasked, o.StationId, o.RepresentativeId, o.Round, o.PublishedAt,
                    db.Set<HandlingUnit>().Where(u => u.Id == o.UnitId).Select(u => u.Name).FirstOrDefault(),
                    db.Set<Station>().Where(s => s.Id == o.StationId).Select(s => s.Name).FirstOrDefault()))
                .ToListAsync(ct);
    }

    private sealed record InboxRow(long Id, string State, string Content, DateTime CreatedAt, string? Category, string Channel, string Urgency,
        long? UnitId, DateOnly? DueDate, bool Overdue, string TrackingCode, string? PhoneMasked, long? StationId, long? RepresentativeId,
        int Round, DateTime? PublishedAt, string? UnitName, string? StationName);

    /// <summary>One opinion the caller may read, or null.</summary>
    public Task<Opinion?> FindAsync(long id, CancellationToken ct = default) => OpinionsAccess.FindVisibleAsync(db, id, ct);

    /// <summary>Open opinions of the same jurisdiction that share words with this one, found through the search
    /// index (candidates holding any of its Chinese word pairs), ranked by the share of word pairs in common.</summary>
    public async Task<IReadOnlyList<SimilarOpinion>> SimilarAsync(Opinion o, CancellationToken ct = default)
    {
        var mine = SimilarityTerms.Of(o.Content);
        var probe = SimilarityTerms.Probe(o.Content);
        if (probe.Count == 0) return [];
        var ids = FullTextSearch.SharingAny(db, OpinionsAccess.SearchIndex, probe);
        var open = OpinionWorkflow.Definition.OpenStates.ToList();
        var candidates = await FullTextSearch.RunAsync(db, () => db.Set<Opinion>().AsNoTracking().VisibleTo(db, user)
            .Where(x => x.Id != o.Id && x.JurisdictionCode == o.JurisdictionCode && open.Contains(x.State) && ids.Contains(x.Id))
            .OrderByDescending(x => x.CreatedAt).Take(200)
            .Select(x => new
            {
                x.Id, x.TrackingCode, x.State, x.Content, x.CreatedAt,
                StationName = db.Set<Station>().Where(s => s.Id == x.StationId).Select(s => s.Name).FirstOrDefault(),
            })
            .ToListAsync(ct), ct);
        return candidates
            .Select(x => (x, score: SimilarityTerms.Score(mine, SimilarityTerms.Of(x.Content))))
            .Where(t => t.score >= SimilarThreshold)
            .OrderByDescending(t => t.score).ThenByDescending(t => t.x.CreatedAt)
            .Take(SimilarTake)
            .Select(t => new SimilarOpinion(t.x.Id, TrackingCodes.Display(t.x.TrackingCode), t.x.State,
                OpinionWorkflow.Definition.StateLabel(t.x.State).Zh, t.x.Content, t.x.CreatedAt, t.x.StationName, Math.Round(t.score, 3)))
            .ToList();
    }

    public async Task<OpinionNames> NamesAsync(Opinion o, CancellationToken ct = default)
    {
        string? unit = o.UnitId is { } u ? await db.Set<HandlingUnit>().IgnoreQueryFilters().Where(x => x.Id == u).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        string? station = o.StationId is { } s ? await db.Set<Station>().IgnoreQueryFilters().Where(x => x.Id == s).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        string? rep = o.RepresentativeId is { } r ? await db.Set<Representative>().IgnoreQueryFilters().Where(x => x.Id == r).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var name = personal.Unprotect(o.SubmitterNameCipher);
        return new OpinionNames(unit, station, rep, name is null ? null : Masking.Name(name));
    }

    /// <summary>Decrypts the submitter's phone for congress staff and records who revealed whose (never the value);
    /// other roles are refused, and the refusal is recorded too.</summary>
    public async Task<UseCaseResult<RevealedPhone>> RevealPhoneAsync(long id, CancellationToken ct = default)
    {
        var o = await db.Set<Opinion>().AsNoTracking().VisibleTo(db, user).Where(x => x.Id == id)
            .Select(x => new { x.Id, x.JurisdictionCode, x.PhoneCipher }).FirstOrDefaultAsync(ct);
        if (o is null) return UseCaseResult<RevealedPhone>.NotFound();
        var key = o.Id.ToString(CultureInfo.InvariantCulture);
        var summary = JsonSerializer.Serialize(new { field = "phone", opinionId = o.Id });
        if (!user.IsInRole(Roles.CongressStaff))
        {
            await audit.WriteAsync(new AuditRecord(AuditActions.Reveal, nameof(Opinion), key, summary, AuditOutcomes.Denied,
                JurisdictionCode: o.JurisdictionCode), ct);
            return UseCaseResult<RevealedPhone>.Refused(403, "forbidden", "只有人大工作人员可以查看完整电话", "Only congress staff may reveal the phone");
        }
        await audit.WriteAsync(new AuditRecord(AuditActions.Reveal, nameof(Opinion), key, summary, JurisdictionCode: o.JurisdictionCode), ct);
        return UseCaseResult<RevealedPhone>.Success(new RevealedPhone(o.Id, personal.Unprotect(o.PhoneCipher)));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The words of "similar": pairs of adjacent Chinese characters (most Chinese words are two
/// characters), without pairs made of function characters.</summary>
public static class SimilarityTerms
{
    /// <summary>At most this many pairs are looked up in the index.</summary>
    public const int MaxProbe = 24;
    private const string Function = "的了是在我们你他她它这那有和与及或就都也还而把被对给让从到为着过很太更最又再不没无个些么吗呢吧啊呀一二三";

    public static HashSet<string> Of(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < text.Length; i++)
            if (IsHan(text[i]) && IsHan(text[i + 1]) && !(Function.Contains(text[i]) || Function.Contains(text[i + 1])))
                set.Add(text.Substring(i, 2));
        return set;
    }

    /// <summary>The index tokens of the first <see cref="MaxProbe"/> distinct pairs.</summary>
    public static IReadOnlyList<string> Probe(string text) =>
        Of(text).Take(MaxProbe).Select(p => CjkBigrams.Bigrams(p)[0]).ToList();

    /// <summary>Dice coefficient of two sets of pairs.</summary>
    public static double Score(HashSet<string> a, HashSet<string> b) =>
        a.Count + b.Count == 0 ? 0 : 2.0 * a.Count(b.Contains) / (a.Count + b.Count);

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';
}
