using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Suggestions;
using Renda.Platform.Auth;
using Renda.Platform.Http;
using Renda.Platform.Ui;

namespace Renda.Pages.Suggestions;

/// <summary>Role lists of the suggestion pages for <c>[Authorize]</c>.</summary>
public static class SuggestionPages
{
    public const string Readers = Roles.CongressStaff + "," + Roles.Leader + "," + Roles.Representative + "," + Roles.HandlingUnit;
    public const string Overseers = Roles.CongressStaff + "," + Roles.Leader;
}

/// <summary>/suggestions: the list a caller may see (a representative: their own and those they co-sign;
/// a unit: what it holds), filtered by state, kind, overdue and key.</summary>
[Authorize(Roles = SuggestionPages.Readers)]
public sealed class IndexModel(SuggestionQueries queries, Lang lang) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public bool Key { get; set; }
    [BindProperty(SupportsGet = true)] public long? Unit { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }
    public Paged<SuggestionListItem>? Result { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var r = await queries.ListAsync(new SuggestionFilter(Blank(State), Unit, Blank(Kind), Blank(Q), null, null, Overdue ? true : null,
            Key ? true : null, PageNumber, 20), lang.IsEnglish, ct);
        if (r.Ok) Result = r.Value;
        else Error = r.Message(lang.IsEnglish);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public string PageLink(int page) =>
        $"/suggestions?state={Uri.EscapeDataString(State ?? "")}&kind={Uri.EscapeDataString(Kind ?? "")}&q={Uri.EscapeDataString(Q ?? "")}&overdue={Overdue}&key={Key}&unit={Unit}&p={page}";
}
