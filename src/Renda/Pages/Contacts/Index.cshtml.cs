using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Contacts;
using Renda.Platform.Auth;
using Renda.Platform.Http;
using Renda.Platform.Ui;

namespace Renda.Pages.Contacts;

/// <summary>双联 pairing management: committee members with representatives, and an overview of
/// representatives with voters (each representative's voters are on /contacts/voters/{id}).</summary>
[Authorize(Roles = Roles.CongressStaff + "," + Roles.Leader + "," + Roles.StationManager)]
public sealed class IndexModel(Pairings pairings, ContactChoices choices, Lang lang, ICurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public long? Group { get; set; }
    [BindProperty(SupportsGet = true)] public string? Jurisdiction { get; set; }
    [BindProperty(SupportsGet = true)] public long? Member { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }
    [BindProperty] public long? NewMemberId { get; set; }
    [BindProperty] public long? NewRepresentativeId { get; set; }

    public bool Committee => Level != "representative";
    public bool CanManage => me.IsInRole(Roles.CongressStaff);
    public Paged<PairingItem> List { get; private set; } = new([], 0, 1, Paging.DefaultPageSize);
    public List<Choice> Groups { get; private set; } = [];
    public List<Choice> Townships { get; private set; } = [];
    public List<Choice> Members { get; private set; } = [];
    public List<Choice> Representatives { get; private set; } = [];
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostPairAsync(CancellationToken ct)
    {
        if (!CanManage) return Forbid();
        var result = await pairings.CreateAsync(new NewPairing("committee", NewMemberId, NewRepresentativeId, null, null), ct);
        Show(result.Ok ? lang["已结对：", "Paired: "] + result.Value!.CommitteeMember!.Name + " — " + result.Value.Representative.Name
            : result.Message(lang.IsEnglish), result.Ok);
        if (result.Ok) NewRepresentativeId = null;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(long id, CancellationToken ct)
    {
        if (!CanManage) return Forbid();
        var result = await pairings.EndAsync(id, ct);
        Show(result.Ok ? lang["已解除结对", "Pairing ended"] : result.Message(lang.IsEnglish), result.Ok);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var result = await pairings.ListAsync(new PairingFilter(Committee ? "committee" : "representative", Member, null, Group,
            Jurisdiction, false, Q, PageNumber, 50), ct);
        if (result.Ok) List = result.Value!;
        else Show(result.Message(lang.IsEnglish), false);
        Groups = await choices.GroupsAsync(ct);
        Townships = await choices.TownshipsAsync(ct);
        Members = await choices.CommitteeMembersAsync(ct);
        if (CanManage && Committee) Representatives = await choices.RepresentativesAsync(Group, ct);
    }

    private void Show(string message, bool ok)
    {
        Message = message;
        MessageOk = ok;
    }

    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["level"] = Level, ["group"] = Group?.ToString(), ["jurisdiction"] = Jurisdiction, ["member"] = Member?.ToString(), ["q"] = Q,
        ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
