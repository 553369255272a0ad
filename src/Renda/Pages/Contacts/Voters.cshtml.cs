using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Contacts;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Http;
using Renda.Platform.Ui;
using Renda.Platform.Calendar;

namespace Renda.Pages.Contacts;

/// <summary>One representative's voters and households (联系选民): the list, adding and ending pairings,
/// the audited reveal of a phone, recording a contact, and the recent log. A representative opens their
/// own (without an id); staff open anyone's in their jurisdiction; station managers read, masked.</summary>
[Authorize(Roles = Roles.CongressStaff + "," + Roles.Leader + "," + Roles.StationManager + "," + Roles.Representative)]
public sealed class VotersModel(Pairings pairings, ContactLog log, ContactChoices choices, Lang lang, ICurrentUser me, TimeProvider clock)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    [BindProperty] public string? NewName { get; set; }
    [BindProperty] public string? NewVillage { get; set; }
    [BindProperty] public string? NewHousehold { get; set; }
    [BindProperty] public string? NewPhone { get; set; }
    [BindProperty] public long? LogPairingId { get; set; }
    [BindProperty] public string? LogKind { get; set; }
    [BindProperty] public string? LogOn { get; set; }
    [BindProperty] public string? LogNotes { get; set; }

    public RepresentativeCard? Rep { get; private set; }
    public List<Choice> Representatives { get; private set; } = [];
    public List<PairingItem> Voters { get; private set; } = [];
    public PairingItem? Committee { get; private set; }
    public List<Choice> Villages { get; private set; } = [];
    public Paged<LogItem> Log { get; private set; } = new([], 0, 1, 20);
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }
    public string? Revealed { get; private set; }

    private ContactViewer Viewer => ContactViewer.Of(me);
    public bool IsOwn => Rep is not null && Viewer.RepresentativeId == Rep.Id;
    public bool CanEdit => Rep is not null && (Viewer.IsManager || IsOwn);
    public bool CanReveal => Rep is not null && (Viewer.IsStaff || IsOwn);
    public string Today => ChinaTime.Today(clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        if (!CanEdit) return Forbid();
        var result = await pairings.CreateAsync(new NewPairing("representative", null, Rep!.Id, null,
            new NewVoter(NewName, NewVillage, NewHousehold, NewPhone)), ct);
        Show(result.Ok ? lang["已添加联系选民", "Voter added"] : result.Message(lang.IsEnglish), result.Ok);
        if (result.Ok) NewName = NewHousehold = NewPhone = null;
        return await ReloadAsync(ct);
    }

    public async Task<IActionResult> OnPostEndAsync(long pairingId, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        if (!CanEdit) return Forbid();
        var result = await pairings.EndAsync(pairingId, ct);
        Show(result.Ok ? lang["已解除结对", "Pairing ended"] : result.Message(lang.IsEnglish), result.Ok);
        return await ReloadAsync(ct);
    }

    public async Task<IActionResult> OnPostRevealAsync(long voterId, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        var result = await pairings.RevealPhoneAsync(voterId, ct);
        if (result.Ok) Revealed = result.Value!.Phone ?? lang["未登记电话", "No phone on record"];
        else Show(result.Message(lang.IsEnglish), false);
        return Page();
    }

    public async Task<IActionResult> OnPostLogAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        var result = await log.RecordAsync(new NewContact(LogPairingId, LogKind, LogOn, LogNotes), ct);
        Show(result.Ok ? lang["已记录联系情况", "Contact recorded"] : result.Message(lang.IsEnglish), result.Ok);
        if (result.Ok) LogNotes = null;
        return await ReloadAsync(ct);
    }

    private async Task<IActionResult> ReloadAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    /// <summary>Loads the page; a result when the page must not be shown (another's voters, none in scope).</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var viewer = Viewer;
        var id = Id ?? (viewer.IsStaff || viewer.IsStationManager ? null : viewer.RepresentativeId);
        if (id is null)
        {
            if (!viewer.IsStaff && !viewer.IsStationManager) return Forbid();
            Representatives = await choices.RepresentativesAsync(null, ct);
            return null;
        }
        if (viewer.OwnOnly && id != viewer.RepresentativeId) return Forbid();
        Rep = await choices.RepresentativeAsync(id.Value, ct);
        if (Rep is null) return NotFound();
        var voters = await pairings.ListAsync(new PairingFilter("representative", RepresentativeId: Rep.Id, PageSize: Paging.MaxPageSize), ct);
        Voters = voters.Value?.Items.ToList() ?? [];
        var committee = await pairings.ListAsync(new PairingFilter("committee", RepresentativeId: Rep.Id), ct);
        Committee = committee.Value?.Items.FirstOrDefault();
        if (CanEdit) Villages = await choices.VillagesAsync(Rep.JurisdictionCode, ct);
        var entries = await log.ListAsync(new LogFilter(RepresentativeId: Rep.Id, PageSize: 20), ct);
        if (entries.Ok) Log = entries.Value!;
        LogOn ??= Today;
        return null;
    }

    private void Show(string message, bool ok)
    {
        Message = message;
        MessageOk = ok;
    }
}
