using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Http;
using Renda.Platform.Ui;

namespace Renda.Pages.Representatives;

/// <summary>/representatives: the roster with its filters and search (name or pinyin initials), the
/// same query as <c>GET /api/representatives</c>; export of the filtered list; links to import and create.</summary>
[Authorize(Roles = RosterAccess.PageReadersList)]
public sealed class IndexModel(RosterQueries queries, Lang lang) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public long? Term { get; set; }
    [BindProperty(SupportsGet = true)] public long? Group { get; set; }
    [BindProperty(SupportsGet = true)] public long? ProfessionalGroup { get; set; }
    [BindProperty(SupportsGet = true)] public string? Township { get; set; }
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public Paged<RosterQueries.Item> Roster { get; private set; } = new([], 0, 1, Paging.DefaultPageSize);
    public RosterLookups Lookups { get; private set; } = new([], null, [], [], [], []);
    public string? Error { get; private set; }
    public bool CanEdit { get; private set; }

    public RosterFilter Filter => new(Q, Term, Group, ProfessionalGroup, Township, Level, Status);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Lookups = await queries.LookupsAsync(Term, ct);
        Term ??= Lookups.TermId;
        CanEdit = RosterAccess.Editors.Any(User.IsInRole);
        var result = await queries.ListAsync(Filter, PageNumber, 50, ct);
        if (result.Ok) Roster = result.Value!;
        else
        {
            Error = result.Message(lang.IsEnglish);
            Response.StatusCode = 400;
        }
    }

    public string PageLink(int page) => "?" + Filter.ToQueryString() + "&p=" + page;
}
