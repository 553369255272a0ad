using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Jurisdictions;

namespace Renda.Modules.Opinions;

/// <summary>A concentrated problem that staff put forward as a supervision topic (监督议题) or a livelihood-project
/// candidate (民生实事候选项目): a list record for now, kept with the opinions it came from. The supervision and
/// livelihood-project modules will take these up when they exist (plain ids, no foreign keys).</summary>
public sealed class ProposedTopic : IJurisdictionScoped
{
    public const int MaxTitle = 100, MaxSummary = 2000, MaxOpinions = 2000;

    public long Id { get; set; }
    /// <summary>The proposing congress's jurisdiction (the staff member's scope).</summary>
    public string JurisdictionCode { get; set; } = "";
    /// <summary><see cref="ProposedTopicKinds"/>.</summary>
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    /// <summary>The opinions behind it, ids separated by commas, ascending.</summary>
    public string OpinionIds { get; set; } = "";
    public int OpinionCount { get; set; }
    /// <summary><c>proposed</c> (the only state so far).</summary>
    public string Status { get; set; } = ProposedTopicKinds.Proposed;
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public IReadOnlyList<long> OpinionIdList() =>
        OpinionIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList();
}

public static class ProposedTopicKinds
{
    public const string Supervision = "supervision", LivelihoodProject = "livelihood_project", Proposed = "proposed";
    public static bool IsKnown(string? kind) => kind is Supervision or LivelihoodProject;

    public static string Label(string kind, bool english) => (kind, english) switch
    {
        (Supervision, false) => "监督议题", (Supervision, true) => "Supervision topic",
        (LivelihoodProject, false) => "民生实事候选项目", (LivelihoodProject, true) => "Livelihood-project candidate",
        (Proposed, false) => "已提出", (Proposed, true) => "Proposed",
        _ => kind,
    };
}

internal sealed class ProposedTopicConfiguration : IEntityTypeConfiguration<ProposedTopic>
{
    public void Configure(EntityTypeBuilder<ProposedTopic> e)
    {
        e.ToTable("proposed_topics");
        e.Property(p => p.JurisdictionCode).HasMaxLength(12);
        e.Property(p => p.Kind).HasMaxLength(32);
        e.Property(p => p.Title).HasMaxLength(ProposedTopic.MaxTitle);
        e.Property(p => p.Summary).HasMaxLength(ProposedTopic.MaxSummary);
        e.Property(p => p.OpinionIds).HasMaxLength(40_000);
        e.Property(p => p.Status).HasMaxLength(32);
        e.Property(p => p.CreatedBy).HasMaxLength(256);
        e.HasIndex(p => new { p.JurisdictionCode, p.CreatedAt });
    }
}

public sealed record ProposalInput(string? Kind, string? Title, string? Summary, IReadOnlyList<long>? OpinionIds);

public sealed record ProposalView(
    long Id, string Kind, string KindLabel, string Title, string Summary, IReadOnlyList<long> OpinionIds, int OpinionCount,
    string Status, string StatusLabel, string CreatedBy, DateTime CreatedAt, string JurisdictionCode);

/// <summary>Turns a hot topic into a proposed supervision topic or livelihood-project candidate, and lists them.</summary>
public sealed class HotTopicsProposals(AppDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<UseCaseResult<ProposalView>> ProposeAsync(ProposalInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = input.Kind?.Trim();
        if (!ProposedTopicKinds.IsKnown(kind))
            errors["kind"] = ["类型须为 supervision（监督议题）或 livelihood_project（民生实事候选项目） / kind must be supervision or livelihood_project"];
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0) errors["title"] = ["请填写标题 / title is required"];
        else if (title.Length > ProposedTopic.MaxTitle) errors["title"] = [$"标题不能超过{ProposedTopic.MaxTitle}字 / title may not exceed {ProposedTopic.MaxTitle} characters"];
        var summary = input.Summary?.Trim() ?? "";
        if (summary.Length > ProposedTopic.MaxSummary)
            errors["summary"] = [$"说明不能超过{ProposedTopic.MaxSummary}字 / summary may not exceed {ProposedTopic.MaxSummary} characters"];
        var ids = (input.OpinionIds ?? []).Distinct().Order().ToList();
        if (ids.Count == 0) errors["opinionIds"] = ["请至少选择一件意见 / at least one opinion id is required"];
        else if (ids.Count > ProposedTopic.MaxOpinions) errors["opinionIds"] = [$"最多 {ProposedTopic.MaxOpinions} 件 / at most {ProposedTopic.MaxOpinions} opinions"];
        else
        {
            // Only opinions the caller can see (the query filter scopes them) may be cited.
            var known = new HashSet<long>();
            foreach (var chunk in ids.Chunk(500))
                known.UnionWith(await db.Set<Opinion>().AsNoTracking().Where(o => chunk.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct));
            var unknown = ids.Where(i => !known.Contains(i)).Take(20).ToList();
            if (unknown.Count > 0)
                errors["opinionIds"] = [$"找不到这些意见：{string.Join(", ", unknown)} / unknown opinions: {string.Join(", ", unknown)}"];
        }
        if (errors.Count > 0) return UseCaseResult<ProposalView>.Invalid(errors);
        if (!Jurisdiction.IsWellFormed(user.ScopeCode))
            return UseCaseResult<ProposalView>.Refused(403, "forbidden", "账号未设置行政区划", "Your account has no jurisdiction");

        var topic = new ProposedTopic
        {
            JurisdictionCode = user.ScopeCode!, Kind = kind!, Title = title, Summary = summary,
            OpinionIds = string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))), OpinionCount = ids.Count,
            CreatedBy = user.UserName ?? "", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(topic);
        await db.SaveChangesAsync(ct);
        return UseCaseResult<ProposalView>.Success(View(topic), 201);
    }

    public async Task<Paged<ProposalView>> ListAsync(string? kind, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var q = db.Set<ProposedTopic>().AsNoTracking();
        if (ProposedTopicKinds.IsKnown(kind)) q = q.Where(t => t.Kind == kind);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<ProposalView>(items.Select(View).ToList(), total, p, size);
    }

    public static ProposalView View(ProposedTopic t) => new(
        t.Id, t.Kind, ProposedTopicKinds.Label(t.Kind, english: false), t.Title, t.Summary, t.OpinionIdList(), t.OpinionCount,
        t.Status, ProposedTopicKinds.Label(t.Status, english: false), t.CreatedBy, t.CreatedAt, t.JurisdictionCode);
}
