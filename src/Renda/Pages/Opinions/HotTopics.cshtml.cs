using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Opinions;
using Renda.Platform.Auth;
using Renda.Platform.Ui;

namespace Renda.Pages.Opinions;

/// <summary>反映比较集中的问题: clusters of similar opinions of the last N days, each with its count, stations,
/// townships and a representative text; staff turn one into a proposed supervision topic or livelihood-project
/// candidate (the same use case as <c>POST /api/opinions/hot-topics/proposals</c>).</summary>
[Authorize(Roles = Roles.CongressStaff + "," + Roles.Leader)]
public sealed class HotTopicsModel(HotTopics topics, HotTopicsProposals proposals, Lang lang, ICurrentUser me) : PageModel
{
    public HotTopicsResult? Result { get; private set; }
    public string? Error { get; private set; }
    public string Days { get; private set; } = "";
    public string MinCount { get; private set; } = "";
    public bool CanPropose => me.IsInRole(Roles.CongressStaff);
    /// <summary>The topic whose proposal was refused (its representative id) and why.</summary>
    public long? FailedTopic { get; private set; }
    public string? ProposalError { get; private set; }
    [BindProperty] public ProposalForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string? days, string? minCount, CancellationToken ct)
    {
        await LoadAsync(days, minCount, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostProposeAsync(string? days, string? minCount, CancellationToken ct)
    {
        if (!CanPropose) return Forbid();
        var ids = (Form.OpinionIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1).ToList();
        var result = await proposals.ProposeAsync(new ProposalInput(Form.Kind, Form.Title, Form.Summary, ids), ct);
        if (result.Ok) return Redirect($"/opinions/hot-topics/proposals?created={result.Value!.Id}");
        FailedTopic = Form.Topic;
        ProposalError = result.Message(lang.IsEnglish);
        await LoadAsync(days, minCount, ct);
        return Page();
    }

    private async Task LoadAsync(string? days, string? minCount, CancellationToken ct)
    {
        (Days, MinCount) = (days?.Trim() ?? "", minCount?.Trim() ?? "");
        var result = await topics.FindAsync(days, minCount, ct);
        if (!result.Ok)
        {
            Error = result.Message(lang.IsEnglish);
            return;
        }
        Result = result.Value;
        (Days, MinCount) = (Result!.Days.ToString(CultureInfo.InvariantCulture), Result.MinCount.ToString(CultureInfo.InvariantCulture));
    }

    public static string Ids(HotTopic t) => string.Join(',', t.OpinionIds.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    public string DefaultSummary(HotTopic t) => lang[
        $"近{Result?.Days}天共收到{t.Count}件相似意见，来自{string.Join("、", t.Townships.Select(p => p.Name))}的{t.Stations.Count}个渠道。代表性意见：{t.RepresentativeText}",
        $"{t.Count} similar opinions in the last {Result?.Days} days from {string.Join(", ", t.Townships.Select(p => p.Name))} ({t.Stations.Count} channels). Representative: {t.RepresentativeText}"];
}

public sealed class ProposalForm
{
    public long? Topic { get; set; }
    public string? Kind { get; set; }
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? OpinionIds { get; set; }
}
