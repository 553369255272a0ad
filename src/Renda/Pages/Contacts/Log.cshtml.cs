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

/// <summary>The contact log: filters, and entry of a committee member's contact with a representative
/// (staff for anyone; a leader linked as committee member for their own). Voter contacts are entered on
/// each representative's voters page.</summary>
[Authorize(Roles = Roles.CongressStaff + "," + Roles.Leader + "," + Roles.StationManager)]
public sealed class LogModel(ContactLog log, ContactChoices choices, Lang lang, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }
    [BindProperty] public long? LogPairingId { get; set; }
    [BindProperty] public string? LogKind { get; set; }
    [BindProperty] public string? LogOn { get; set; }
    [BindProperty] public string? LogNotes { get; set; }

    public Paged<LogItem> Entries { get; private set; } = new([], 0, 1, Paging.DefaultPageSize);
    public List<Choice> Pairings { get; private set; } = [];
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }
    public string Today => ChinaTime.Today(clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await log.RecordAsync(new NewContact(LogPairingId, LogKind, LogOn, LogNotes), ct);
        Message = result.Ok ? lang["已记录联系情况", "Contact recorded"] : result.Message(lang.IsEnglish);
        MessageOk = result.Ok;
        if (result.Ok) LogNotes = null;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var result = await log.ListAsync(new LogFilter(Level: Level, From: From, To: To, Page: PageNumber, PageSize: 50), ct);
        if (result.Ok) Entries = result.Value!;
        else if (Message is null) Message = result.Message(lang.IsEnglish);
        Pairings = await choices.CommitteePairingsForLogAsync(ct);
        LogOn ??= Today;
    }

    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["level"] = Level, ["from"] = From, ["to"] = To, ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
