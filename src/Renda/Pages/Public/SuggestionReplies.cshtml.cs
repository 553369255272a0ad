using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Suggestions;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Ui;

namespace Renda.Pages.Public;

/// <summary>/p/suggestions: the public list of replies (答复公开) — the filing representative is named
/// (a public office); no other personal data.</summary>
public sealed class SuggestionRepliesModel(AppDbContext db, Lang lang) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }
    public Paged<PublicReply> Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await SuggestionReports.PublicRepliesAsync(db, null, PageNumber, 20, lang.IsEnglish, ct);
}
