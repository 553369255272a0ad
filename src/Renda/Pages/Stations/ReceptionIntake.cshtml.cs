using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Opinions;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Ui;

namespace Renda.Pages.Stations;

public sealed class ReceptionIntakeForm
{
    public string? Content { get; set; }
    public string? Category { get; set; }
    public string? Location { get; set; }
    public string? SubmitterName { get; set; }
    public string? Phone { get; set; }
    public long? RepresentativeId { get; set; }
    public int? ItemOrdinal { get; set; }
}

/// <summary>/stations/{id}/receptions/{receptionId}/opinions: the station's staff and the representatives who held
/// a reception record what citizens raised there as opinions (offline intake, <see cref="ReceptionIntake"/>).</summary>
[Authorize(Roles = Roles.CongressStaff + "," + Roles.StationManager + "," + Roles.Representative)]
public sealed class ReceptionIntakeModel(ReceptionIntake intake, ICurrentUser me, Lang lang) : PageModel
{
    [BindProperty] public ReceptionIntakeForm Form { get; set; } = new();
    public Reception Reception { get; private set; } = null!;
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Error { get; private set; }
    public string? Flash { get; private set; }
    /// <summary>Whether the recorder chooses the receiving representative (station staff, with several receivers).</summary>
    public bool ChoosesRepresentative { get; private set; }

    public string? Err(string field) => Errors.TryGetValue(field, out var e) ? string.Join(" ", e) : null;

    public async Task<IActionResult> OnGetAsync(long id, long receptionId, int? item, CancellationToken ct)
    {
        if (await LoadAsync(id, receptionId, ct) is { } refused) return refused;
        Flash = TempData["IntakeFlash"] as string;
        if (item is { } ordinal && Reception.Items.FirstOrDefault(i => i.Ordinal == ordinal && i.OpinionId is null) is { } matter)
        {
            Form.ItemOrdinal = matter.Ordinal;
            Form.Content = matter.Text;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, long receptionId, CancellationToken ct)
    {
        if (await LoadAsync(id, receptionId, ct) is { } refused) return refused;
        var result = await intake.RecordAsync(id, receptionId, new ReceptionOpinionInput(Form.Content, Form.Category, Form.Location,
            Form.SubmitterName, Form.Phone, ChoosesRepresentative ? Form.RepresentativeId : null, Form.ItemOrdinal), ct);
        if (result.Ok)
        {
            var code = TrackingCodes.Display(result.Value!.TrackingCode);
            TempData["IntakeFlash"] = lang[$"已记录为选民意见，查询码 {code}（可告知反映人），并记入代表履职档案。",
                $"Recorded as a citizen opinion, tracking code {code} (tell the citizen), and added to the representative's archive."];
            return Redirect($"/stations/{id}/receptions/{receptionId}/opinions");
        }
        if (result.Status == 404) return NotFound();
        if (await LoadAsync(id, receptionId, ct) is { } gone) return gone;
        Error = result.Message(lang.IsEnglish);
        Errors = result.Errors ?? new Dictionary<string, string[]>();
        Response.StatusCode = result.Status;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, long receptionId, CancellationToken ct)
    {
        var found = await intake.ReceptionAsync(id, receptionId, ct);
        if (found.Status == 404) return NotFound();
        if (!found.Ok) return Forbid();
        Reception = found.Value!;
        var selfReceiver = me.RepresentativeId is { } rep && Reception.Receivers.Any(r => r.RepresentativeId == rep) && me.IsInRole(Roles.Representative);
        ChoosesRepresentative = !selfReceiver || me.IsInRole(Roles.CongressStaff) || me.IsInRole(Roles.StationManager);
        ChoosesRepresentative &= Reception.Receivers.Count > 1;
        return null;
    }
}
