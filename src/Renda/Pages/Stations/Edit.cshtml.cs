using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Stations;
using Renda.Platform.Ui;

namespace Renda.Pages.Stations;

/// <summary>Editing a station: staff every field but the jurisdiction; the station's own manager the
/// address, contact and opening rules.</summary>
[Authorize(Roles = StationPages.EditorRoles)]
public sealed class EditModel(SaveStation save, StationDirectory directory, StationAccess access, Lang lang) : PageModel
{
    [BindProperty] public StationForm Form { get; set; } = new();
    public StationDetail Station { get; private set; } = null!;
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Form = StationForm.From(Station);
        Form.Administer = access.CanAdminister;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var admin = access.CanAdminister;
        var result = await save.UpdateAsync(id, new StationInput(
            admin ? Form.Name ?? "" : null, admin ? Form.Kind : null, null, Form.Address ?? "", admin ? Form.Grade : null,
            admin ? Form.ManagerUserName ?? "" : null, Form.ContactName ?? "", Form.RuleInputs(), Form.Version), ct);
        if (result.Ok)
        {
            TempData["Flash"] = lang["已保存", "Saved"];
            return Redirect($"/stations/{id}");
        }
        Error = result.Message(lang.IsEnglish);
        Form.Errors = result.Errors ?? new Dictionary<string, string[]>();
        Form.Administer = admin;
        if (!admin)
        {
            Form.Name = Station.Name;
            Form.Kind = StationInputs.KindId(Station.Kind);
            Form.Grade = Station.Grade;
            Form.ManagerUserName = Station.Manager?.UserName;
        }
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var detail = await directory.DetailAsync(id, lang.IsEnglish, ct);
        if (!detail.Ok) return NotFound();
        Station = detail.Value!;
        return Station.CanEdit ? null : Forbid();
    }
}
