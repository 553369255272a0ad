using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Renda.Modules.Congress;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Modules.Suggestions;

public sealed record SuggestionListItem(long Id, string Kind, string Number, string Title, string? Category, string State, string StateLabel,
    string FilerName, string? LeadUnit, DateOnly? Deadline, bool Overdue, bool DueSoon, bool IsKey, bool CarriedOver, int Round,
    string? ResultClass, string? Rating, long? OriginOpinionId, DateTime CreatedAt);

public sealed record SuggestionFilter(string? State = null, long? Unit = null, string? Kind = null, string? Q = null, long? Term = null,
    long? Session = null, bool? Overdue = null, bool? Key = null, int? Page = null, int? PageSize = null);

public sealed record CoSignerView(long RepresentativeId, string Name, bool Confirmed);
public sealed record UnitView(long UnitId, string Name, string Role, string? Opinion, DateTime? OpinionAt);
public sealed record MeetingView(long Id, DateOnly HeldOn, string Place, string Participants, string? Notes, string RecordedBy);
public sealed record DocumentView(long Id, int Round, string FileName, string ContentType, int Size, DateTime UploadedAt);

/// <summary>What <c>GET /api/suggestions/{id}</c> returns besides the workflow fields.</summary>
public sealed record SuggestionView(long Id, string Kind, string KindLabel, bool ConvertedFromMotion, int? Number, string NumberText,
    long TermId, long? SessionId, string Period, long FilerId, string FilerName, string Title, string Body, string? Category, string? Problem,
    string? Proposal, long? OriginOpinionId, string? OriginLabel, string? ReturnReason, long? LeadUnitId, DateOnly? Deadline, bool Overdue,
    DateTime? AssignedAt, DateTime? AcknowledgedAt, bool IsKey, string? KeyLeaderUserName, string? ResultClass, string? ResultLabel,
    string? ReplyContent, DateTime? RepliedAt, bool? RepliedOnTime, string? Rating, string? RatingLabel, int Round, bool CarriedOver,
    int? CarriedIntoYear, int SupervisionCount, DateTime? LastSupervisedAt, int RequiredSigners, int Signers,
    IReadOnlyList<CoSignerView> CoSigners, IReadOnlyList<UnitView> Units, IReadOnlyList<MeetingView> Meetings, IReadOnlyList<DocumentView> Documents);

/// <summary>The lookups behind a <see cref="SuggestionView"/> (see <see cref="SuggestionQueries.ContextAsync"/>).</summary>
public sealed record SuggestionViewContext(IReadOnlyDictionary<long, string> Names, IReadOnlyDictionary<long, string> Units,
    IReadOnlyList<MeetingView> Meetings, IReadOnlyList<DocumentView> Documents, Renda.Platform.Jurisdictions.JurisdictionLevel Level);

public sealed record DuplicateCandidate(long Id, string NumberText, string Title, string FilerName, string State, string? Category,
    string Excerpt, double Score);

public sealed record BoardRow(long UnitId, string Unit, int Lead, int Co, int Assigned, int InProgress, int Replied, int Overdue, int DueSoon,
    int OldestDays, int Key);

/// <summary>Reading suggestions for lists, the detail view, duplicates at registration and the per-unit board.</summary>
public sealed class SuggestionQueries(AppDbContext db, ICurrentUser me, TimeProvider clock, WorkingDayCalendar calendar,
    IOptions<SuggestionOptions> options)
{
    private DateOnly Today => ChinaTime.Today(clock);

    public async Task<UseCaseResult<Paged<SuggestionListItem>>> ListAsync(SuggestionFilter f, bool english, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (f.State is { } st && !SuggestionWorkflow.Definition.States.Contains(st)) errors["state"] = ["未知的状态 / unknown state"];
        if (f.Kind is { } k && !SuggestionTerms.Kinds.Contains(k)) errors["kind"] = ["suggestion 或 motion"];
        if (f.Q is { Length: > 50 }) errors["q"] = ["最多 50 字符 / at most 50 characters"];
        if (errors.Count > 0) return UseCaseResult<Paged<SuggestionListItem>>.Invalid(errors);
        var (page, size) = Paging.Normalize(f.Page, f.PageSize);
        var q = SuggestionAccess.Visible(db, me).AsNoTracking();
        if (f.State is { } state) q = q.Where(s => s.State == state);
        if (f.Kind is { } kind) q = q.Where(s => s.Kind == kind);
        if (f.Unit is { } unit) q = q.Where(s => s.Units.Any(u => u.HandlingUnitId == unit));
        if (f.Term is { } term) q = q.Where(s => s.TermId == term);
        if (f.Session is { } session) q = q.Where(s => s.SessionId == session);
        if (f.Key == true) q = q.Where(s => s.IsKey);
        var today = Today;
        if (f.Overdue == true) q = q.Where(s => (s.State == "assigned" || s.State == "in_progress") && s.Deadline < today);
        if (!string.IsNullOrWhiteSpace(f.Q)) { var text = f.Q.Trim(); q = q.Where(s => s.Title.Contains(text) || s.Body.Contains(text)); }
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(s => s.Id).Skip((page - 1) * size).Take(size)
            .Select(s => new { S = s, Filer = s.Filer!.Name }).ToListAsync(ct);
        var unitIds = rows.Select(r => r.S.LeadUnitId).OfType<long>().Distinct().ToList();
        var units = await db.Set<HandlingUnit>().AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var items = rows.Select(r => Item(r.S, r.Filer, r.S.LeadUnitId is { } id ? units.GetValueOrDefault(id) : null, english)).ToList();
        return UseCaseResult<Paged<SuggestionListItem>>.Success(new Paged<SuggestionListItem>(items, total, page, size));
    }

    private SuggestionListItem Item(Suggestion s, string filer, string? unit, bool english) =>
        new(s.Id, s.Kind, s.NumberText, s.Title, s.Category, s.State, SuggestionWorkflow.Definition.StateLabel(s.State).For(english), filer, unit,
            s.Deadline, IsOverdue(s), IsDueSoon(s), s.IsKey, s.CarriedOver, s.Round, s.ResultClass, s.Rating, s.OriginOpinionId, s.CreatedAt);

    public bool IsOverdue(Suggestion s) => s.State is "assigned" or "in_progress" && s.Deadline is { } d && d < Today;

    public bool IsDueSoon(Suggestion s) => s.State is "assigned" or "in_progress" && s.Deadline is { } d && d >= Today
        && d <= calendar.Deadline(Today, options.Value.DueSoonWorkingDays).Date;

    /// <summary>The detail of one suggestion (already loaded through <see cref="SuggestionAccess.LoadAsync"/>).</summary>
    public async Task<SuggestionView> ViewAsync(Suggestion s, bool english, CancellationToken ct = default) =>
        View(s, await ContextAsync(db, s, ct), english, IsOverdue(s));

    /// <summary>What the view needs besides the suggestion: names, meetings, documents and the signers a
    /// motion needs. Nothing here changes through a workflow action, so the API's loader reads it once,
    /// before the action, and the view after the action is projected from it without querying.</summary>
    public static async Task<SuggestionViewContext> ContextAsync(AppDbContext db, Suggestion s, CancellationToken ct = default)
    {
        var repIds = s.CoSigners.Select(c => c.RepresentativeId).Append(s.FilerId).ToList();
        var names = await db.Set<Representative>().AsNoTracking().Where(r => repIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var units = await db.Set<HandlingUnit>().AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var meetings = await db.Set<SuggestionMeeting>().AsNoTracking().Where(m => m.SuggestionId == s.Id).OrderBy(m => m.HeldOn)
            .Select(m => new MeetingView(m.Id, m.HeldOn, m.Place, m.Participants, m.Notes, m.RecordedBy)).ToListAsync(ct);
        var docs = await db.Set<SuggestionDocument>().AsNoTracking().Where(d => d.SuggestionId == s.Id).OrderBy(d => d.Id)
            .Select(d => new DocumentView(d.Id, d.Round, d.FileName, d.ContentType, d.Content.Length, d.UploadedAt)).ToListAsync(ct);
        var level = await db.Set<Term>().Where(t => t.Id == s.TermId).Select(t => t.Congress!.Level).SingleAsync(ct);
        return new SuggestionViewContext(names, units, meetings, docs, level);
    }

    public SuggestionView View(Suggestion s, SuggestionViewContext c, bool english, bool overdue)
    {
        var required = s.Kind == SuggestionTerms.Motion ? options.Value.RequiredMotionSigners(c.Level) : 1;
        return new SuggestionView(s.Id, s.Kind, SuggestionTerms.KindLabel(s.Kind, english), s.ConvertedFromMotion, s.Number, s.NumberText,
            s.TermId, s.SessionId, s.Period, s.FilerId, c.Names.GetValueOrDefault(s.FilerId, ""), s.Title, s.Body, s.Category, s.Problem, s.Proposal, s.OriginOpinionId,
            s.OriginOpinionId is { } o ? (english ? $"From citizen opinion #{o}" : $"来自选民意见 #{o}") : null,
            s.ReturnReason, s.LeadUnitId, s.Deadline, overdue, s.AssignedAt, s.AcknowledgedAt, s.IsKey, s.KeyLeaderUserName,
            s.ResultClass, s.ResultClass is null ? null : SuggestionTerms.ResultLabel(s.ResultClass, english), s.ReplyContent, s.RepliedAt,
            s.RepliedOnTime, s.Rating, s.Rating is null ? null : SuggestionTerms.RatingLabel(s.Rating, english), s.Round, s.CarriedOver,
            s.CarriedIntoYear, s.SupervisionCount, s.LastSupervisedAt, required, 1 + s.CoSigners.Count(x => x.ConfirmedAt is not null),
            s.CoSigners.OrderBy(x => x.Id).Select(x => new CoSignerView(x.RepresentativeId, c.Names.GetValueOrDefault(x.RepresentativeId, ""), x.ConfirmedAt is not null)).ToList(),
            s.Units.OrderBy(u => u.Role == SuggestionTerms.Lead ? 0 : 1).ThenBy(u => u.Id)
                .Select(u => new UnitView(u.HandlingUnitId, c.Units.GetValueOrDefault(u.HandlingUnitId, ""), u.Role, u.Opinion, u.OpinionAt)).ToList(),
            c.Meetings, c.Documents);
    }

    /// <summary>Filed suggestions of the same term by other representatives that look alike (shared
    /// two-character words of title and problem), best first: shown side by side when registering.</summary>
    public async Task<IReadOnlyList<DuplicateCandidate>> DuplicatesAsync(Suggestion s, int max = 5, CancellationToken ct = default)
    {
        var mine = Bigrams(s.Title + " " + s.Problem + " " + s.Category);
        if (mine.Count == 0) return [];
        var others = await db.Set<Suggestion>().AsNoTracking()
            .Where(x => x.TermId == s.TermId && x.Id != s.Id && x.FilerId != s.FilerId && x.State != "draft" && x.State != "returned")
            .Select(x => new { x.Id, x.Number, x.Kind, x.Title, x.Body, x.Problem, x.Category, x.State, Filer = x.Filer!.Name })
            .ToListAsync(ct);
        return others.Select(o =>
            {
                var theirs = Bigrams(o.Title + " " + o.Problem + " " + o.Category);
                var shared = mine.Intersect(theirs).Count();
                var score = theirs.Count == 0 ? 0 : shared / (double)Math.Min(mine.Count, theirs.Count);
                return new DuplicateCandidate(o.Id, o.Number is { } n ? $"第{n}号" : "", o.Title, o.Filer, o.State, o.Category,
                    o.Body.Length <= 200 ? o.Body : o.Body[..200] + "…", Math.Round(score, 2));
            })
            .Where(c => c.Score >= 0.4).OrderByDescending(c => c.Score).ThenBy(c => c.Id).Take(max).ToList();
    }

    /// <summary>The two-character windows of the CJK runs and the lower-cased Latin words of a text.</summary>
    public static HashSet<string> Bigrams(string? text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(text)) return set;
        for (var i = 0; i + 1 < text.Length; i++)
            if (IsCjk(text[i]) && IsCjk(text[i + 1])) set.Add(text.Substring(i, 2));
        foreach (var w in text.Split((char[])[' ', ',', '.', '，', '。', '、'], StringSplitOptions.RemoveEmptyEntries))
            if (w.Length >= 3 && w.All(char.IsAsciiLetterOrDigit)) set.Add(w.ToLowerInvariant());
        return set;
    }

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff';

    /// <summary>每个承办单位手上的件: lead and co counts by state, how many are overdue or due soon, the oldest in days.</summary>
    public async Task<IReadOnlyList<BoardRow>> BoardAsync(CancellationToken ct = default)
    {
        var held = SuggestionAccess.Visible(db, me).AsNoTracking().Where(s => SuggestionWorkflow.HandlingStates.Contains(s.State));
        var rows = await db.Set<SuggestionUnit>().AsNoTracking()
            .Join(held, u => u.SuggestionId, s => s.Id, (u, s) => new { u.HandlingUnitId, u.Role, s.State, s.Deadline, s.AssignedAt, s.IsKey })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.HandlingUnitId).Distinct().ToList();
        var names = await db.Set<HandlingUnit>().AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var today = Today;
        var soon = calendar.Deadline(today, options.Value.DueSoonWorkingDays).Date;
        var now = clock.GetUtcNow().UtcDateTime;
        return rows.GroupBy(r => r.HandlingUnitId).Select(g =>
            {
                var open = g.Where(r => r.State != "replied").ToList();
                return new BoardRow(g.Key, names.GetValueOrDefault(g.Key, ""), g.Count(r => r.Role == SuggestionTerms.Lead), g.Count(r => r.Role == SuggestionTerms.Co),
                    g.Count(r => r.State == "assigned"), g.Count(r => r.State == "in_progress"), g.Count(r => r.State == "replied"),
                    open.Count(r => r.Deadline < today), open.Count(r => r.Deadline >= today && r.Deadline <= soon),
                    open.Select(r => r.AssignedAt is { } a ? (int)(now - a).TotalDays : 0).DefaultIfEmpty(0).Max(), g.Count(r => r.IsKey));
            })
            .OrderByDescending(r => r.Overdue).ThenByDescending(r => r.Lead + r.Co).ThenBy(r => r.Unit, StringComparer.Ordinal).ToList();
    }

    /// <summary>The term and session choices of the caller's congress, newest first.</summary>
    public async Task<IReadOnlyList<(long Id, string Title, long TermId)>> SessionsAsync(CancellationToken ct = default) =>
        (await db.Set<Session>().AsNoTracking().OrderByDescending(s => s.StartsOn)
            .Select(s => new { s.Id, s.Number, s.TermId, TermNumber = s.Term!.Number }).ToListAsync(ct))
        .Select(s => (s.Id, $"第{ChineseNumerals.Of(s.TermNumber)}届第{ChineseNumerals.Of(s.Number)}次会议", s.TermId)).ToList();
}
