using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Performance;
using Renda.Pages.Archive;
using Renda.Platform.Auth;
using Renda.Platform.Ui;

namespace Renda.Pages.Performance;

/// <summary>履职积分: a representative's points of a year, one explained line per criterion, and objections
/// on a line (raised by the representative, answered by staff on the review page).</summary>
[Authorize(Roles = ArchivePages.ReaderRoles)]
public sealed class ScoreModel(Scoring scoring, RepresentativeArchive archive, ICurrentUser me, Lang lang) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }
    [BindProperty] public string? Criterion { get; set; }
    [BindProperty] public string? Text { get; set; }

    public ArchiveOwner Owner { get; private set; } = null!;
    public ScoreResult Score { get; private set; } = null!;
    public IReadOnlyList<Scoring.ObjectionView> Objections { get; private set; } = [];
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }
    public bool IsOwn => me.RepresentativeId == Owner.Id;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostObjectAsync(CancellationToken ct)
    {
        var id = Id ?? me.RepresentativeId;
        if (id is null) return Forbid();
        var year = scoring.ParseYear(Year);
        var r = await scoring.ObjectAsync(id.Value, new Scoring.ObjectionInput(year, Criterion, Text), ct);
        MessageOk = r.Ok;
        Message = r.Ok ? lang["异议已提交，工作人员答复后在此显示", "Objection sent; the answer will show here"] : r.Message(lang.IsEnglish);
        if (r.Ok) Text = null;
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var id = Id ?? me.RepresentativeId;
        if (id is null) return RedirectToPage("/Archive/Index");
        var owner = await archive.OwnerAsync(id.Value, ct);
        if (owner.Status == 404) return NotFound();
        if (!owner.Ok) return Forbid();
        Owner = owner.Value!;
        var score = await scoring.ScoreAsync(id.Value, Year, ct);
        if (!score.Ok)
        {
            Message = score.Message(lang.IsEnglish);
            score = await scoring.ScoreAsync(id.Value, null, ct);
        }
        Score = score.Value!;
        Objections = (await scoring.ObjectionsAsync(id.Value, false, ct)).Where(o => o.Year == Score.Year).ToList();
        return null;
    }

    public string Points(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
}
