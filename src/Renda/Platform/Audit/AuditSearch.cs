using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Platform.Audit;

/// <summary>The audit trail's filters exactly as typed into the query string; shared by
/// <c>GET /api/audit</c>, the .xlsx export and the <c>/audit</c> page.</summary>
public sealed class AuditQuery
{
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Actor { get; set; }
    public string? Action { get; set; }
    public string? EntityType { get; set; }
    public string? Outcome { get; set; }
    public string? Q { get; set; }
    public string? Page { get; set; }
    public string? PageSize { get; set; }

    /// <summary>The filters (without paging) as query-string pairs, empty ones left out.</summary>
    public IEnumerable<KeyValuePair<string, string?>> FilterPairs()
    {
        foreach (var (key, value) in new[]
                 {
                     ("from", From), ("to", To), ("actor", Actor), ("action", Action),
                     ("entityType", EntityType), ("outcome", Outcome), ("q", Q),
                 })
            if (!string.IsNullOrWhiteSpace(value)) yield return new(key, value.Trim());
    }

    /// <summary>"?from=…&amp;q=…" with the current filters, optionally on another page.</summary>
    public string ToQueryString(int? page = null, int? pageSize = null)
    {
        var pairs = FilterPairs().ToList();
        if (page is { } p and > 1) pairs.Add(new("page", p.ToString(CultureInfo.InvariantCulture)));
        if (pageSize is { } s) pairs.Add(new("pageSize", s.ToString(CultureInfo.InvariantCulture)));
        return QueryString.Create(pairs).ToUriComponent();
    }
}

/// <summary>Validated filters. <see cref="From"/> is inclusive and <see cref="ToExclusive"/> exclusive, both UTC.</summary>
public sealed record AuditFilter(
    DateTime? From = null,
    DateTime? ToExclusive = null,
    string? Actor = null,
    string? Action = null,
    string? EntityType = null,
    string? Outcome = null,
    string? Q = null);

public sealed record AuditSearchRequest(AuditFilter Filter, int Page, int PageSize);

/// <summary>One row of the trail as the API and the page show it.</summary>
public sealed record AuditItem(
    long Id, DateTime At, string Actor, string ActorRole, string ClientIp, string Action, string EntityType,
    string EntityId, string Summary, string Outcome, string JurisdictionCode, string PrevHash, string Hash);

/// <summary>Parses and applies the audit trail's filters. Scoping to the auditor's jurisdiction is
/// not done here: the global query filter on <see cref="AuditEntry"/> does it.</summary>
public static class AuditSearch
{
    public const int MaxTextLength = 200;
    public static readonly IReadOnlyList<string> Outcomes = [AuditOutcomes.Success, AuditOutcomes.Failure, AuditOutcomes.Denied];

    /// <summary>Validates the raw filters; returns per-field errors (camelCase keys) or the request.</summary>
    public static (AuditSearchRequest? Request, Dictionary<string, string[]> Errors) Parse(AuditQuery raw, int defaultPageSize = Paging.DefaultPageSize)
    {
        var errors = new Dictionary<string, string[]>();
        var from = ParseInstant(raw.From, "from", endOfRange: false, errors);
        var to = ParseInstant(raw.To, "to", endOfRange: true, errors);
        if (from is not null && to is not null && to <= from)
            errors["to"] = ["结束日期须晚于开始日期 / must be after 'from'"];

        var outcome = Text(raw.Outcome, "outcome", errors);
        if (outcome is not null && !Outcomes.Contains(outcome))
            errors["outcome"] = [$"须为 {string.Join("、", Outcomes)} 之一 / must be one of {string.Join(", ", Outcomes)}"];

        var page = Int(raw.Page, "page", 1, int.MaxValue / Paging.MaxPageSize, errors);
        var pageSize = Int(raw.PageSize, "pageSize", 1, int.MaxValue, errors); // above the maximum: clamped, as every list does
        var filter = new AuditFilter(from, to, Text(raw.Actor, "actor", errors), Text(raw.Action, "action", errors),
            Text(raw.EntityType, "entityType", errors), outcome, Text(raw.Q, "q", errors));
        if (errors.Count > 0) return (null, errors);
        var (p, size) = Paging.Normalize(page, pageSize ?? defaultPageSize);
        return (new AuditSearchRequest(filter, p, size), errors);
    }

    /// <summary>Applies the filters. <c>action</c> matches exactly or as a dotted prefix
    /// ("auth" finds every <c>auth.*</c>); <c>q</c> searches summary, actor, object id, IP and action.</summary>
    public static IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query, AuditFilter f)
    {
        if (f.From is { } from) query = query.Where(a => a.At >= from);
        if (f.ToExclusive is { } to) query = query.Where(a => a.At < to);
        if (f.Actor is { } actor) query = query.Where(a => a.Actor == actor);
        if (f.Action is { } action)
        {
            var prefix = action.TrimEnd('.', '*') + ".";
            query = query.Where(a => a.Action == action || a.Action.StartsWith(prefix));
        }
        if (f.EntityType is { } type) query = query.Where(a => a.EntityType == type);
        if (f.Outcome is { } outcome) query = query.Where(a => a.Outcome == outcome);
        if (f.Q is { } q)
            query = query.Where(a => a.Summary.Contains(q) || a.Actor.Contains(q) || a.EntityId.Contains(q)
                                     || a.ClientIp.Contains(q) || a.Action.Contains(q));
        return query;
    }

    /// <summary>One page, newest first (the chain position is the order of writing).</summary>
    public static async Task<Paged<AuditItem>> PageAsync(AppDbContext db, AuditSearchRequest req, CancellationToken ct = default)
    {
        var query = Apply(db.AuditEntries.AsNoTracking(), req.Filter);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.Id)
            .Skip((req.Page - 1) * req.PageSize).Take(req.PageSize)
            .Select(a => new AuditItem(a.Id, a.At, a.Actor, a.ActorRole, a.ClientIp, a.Action, a.EntityType, a.EntityId,
                a.Summary, a.Outcome, a.JurisdictionCode, a.PrevHash, a.Hash))
            .ToListAsync(ct);
        return new Paged<AuditItem>(items, total, req.Page, req.PageSize);
    }

    private static DateTime? ParseInstant(string? raw, string field, bool endOfRange, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var s = raw.Trim();
        const string bad = "日期格式应为 yyyy-MM-dd 或 ISO 8601 时间 / expected yyyy-MM-dd or an ISO 8601 date-time";
        if (s.Length > 40)
        {
            errors[field] = [bad];
            return null;
        }
        if (DateTime.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // A whole day: "to" includes it, so the range ends at the next midnight.
            var start = DateTime.SpecifyKind(day, DateTimeKind.Utc);
            return endOfRange ? start.AddDays(1) : start;
        }
        string[] formats =
        [
            "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
            "yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
        ];
        if (DateTimeOffset.TryParseExact(s, formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            var utc = at.UtcDateTime;
            // An instant given as "to" is included: the exclusive bound is the next representable tick.
            return endOfRange ? utc.AddTicks(1) : utc;
        }
        errors[field] = [bad];
        return null;
    }

    private static string? Text(string? raw, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var s = raw.Trim();
        if (s.Length > MaxTextLength)
        {
            errors[field] = [$"最多 {MaxTextLength} 个字符 / at most {MaxTextLength} characters"];
            return null;
        }
        return s;
    }

    private static int? Int(string? raw, string field, int min, int max, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        if (int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
        errors[field] = [$"须为 {min} 至 {max} 之间的整数 / must be a whole number from {min} to {max}"];
        return null;
    }
}
