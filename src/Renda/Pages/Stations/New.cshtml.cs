using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Ui;

namespace Renda.Pages.Stations;

[Authorize(Roles = StationPages.StaffRoles)]
public sealed class NewModel(SaveStation save, AppDbContext db, ICurrentUser me, Lang lang) : PageModel
{
    [BindProperty] public StationForm Form { get; set; } = new();
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Form = new StationForm { Kind = "point", Grade = 3 };
        await PrepareAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await save.CreateAsync(new StationInput(Form.Name, Form.Kind, Form.JurisdictionCode, Form.Address, Form.Grade,
            Form.ManagerUserName, Form.ContactName, Form.RuleInputs()), ct);
        if (result.Ok)
        {
            TempData["Flash"] = lang["已新建家站点", "Station created"];
            return Redirect($"/stations/{result.Value}");
        }
        Error = result.Message(lang.IsEnglish);
        Form.Errors = result.Errors ?? new Dictionary<string, string[]>();
        await PrepareAsync(ct);
        return Page();
    }

    private async Task PrepareAsync(CancellationToken ct)
    {
        Form.ChooseJurisdiction = true;
        Form.Places = await StationForm.PlacesAsync(db, me, ct);
    }
}
