using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.Representatives;
using Renda.Modules.Suggestions;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Ui;

namespace Renda.Pages.Suggestions;

public sealed class DraftForm
{
    public string? Kind { get; set; } = SuggestionTerms.Suggestion;
    public string? Title { get; set; }
    public string? Category { get; set; }
    public string? Body { get; set; }
    public string? Problem { get; set; }
    public string? Proposal { get; set; }
    public List<long> CoSigners { get; set; } = [];
}

/// <summary>/suggestions/new: a representative drafts a suggestion or motion and invites co-signers.</summary>
[Authorize(Roles = Roles.Representative)]
public sealed class NewModel(SuggestionFiling filing, AppDbContext db, ICurrentUser me, Lang lang) : PageModel
{
    public static readonly string[] Categories = ["城乡建设", "交通运输", "生态环保", "农业农村", "教科文卫", "社会保障", "计划财经", "政法监察", "其他"];

    [BindProperty] public DraftForm Form { get; set; } = new();
    public IReadOnlyList<(long Id, string Name)> Colleagues { get; private set; } = [];
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await filing.DraftAsync(new DraftInput(Form.Kind, Form.Title, Form.Body, Form.Category, Form.Problem, Form.Proposal, Form.CoSigners), ct);
        if (result.Ok)
        {
            TempData["Flash"] = lang["已保存草稿；联名代表确认后即可提交", "Draft saved; submit it once your co-signers have confirmed"];
            return Redirect($"/suggestions/{result.Value!.Id}");
        }
        Error = result.Message(lang.IsEnglish);
        Errors = result.Errors ?? new Dictionary<string, string[]>();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var term = await db.Set<Representative>().Where(r => r.Id == me.RepresentativeId).Select(r => (long?)r.TermId).SingleOrDefaultAsync(ct);
        var rows = await db.Set<Representative>().AsNoTracking()
            .Where(r => r.TermId == term && r.Id != me.RepresentativeId && r.Status == RepresentativeStatus.InOffice)
            .OrderBy(r => r.PinyinInitials).ThenBy(r => r.Id).Select(r => new { r.Id, r.Name }).ToListAsync(ct);
        Colleagues = rows.Select(r => (r.Id, r.Name)).ToList();
    }

    public string? Err(string field) => Errors.TryGetValue(field, out var e) ? string.Join(" ", e) : null;
}
