using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Contacts;
using Renda.Platform.Auth;
using Renda.Platform.Ui;

namespace Renda.Pages.Contacts;

/// <summary>Who has not been contacted in N months, by delegation group and township, with the list,
/// those never contacted and those without a pairing; exported to .xlsx by /api/contacts/report.xlsx.</summary>
[Authorize(Roles = Roles.CongressStaff + "," + Roles.Leader + "," + Roles.StationManager + "," + Roles.Representative)]
public sealed class ReportModel(ContactReport report, ContactChoices choices, Lang lang, ICurrentUser me) : PageModel
{
    public ContactReportResult? Result { get; private set; }
    public string? Error { get; private set; }
    public List<Choice> Groups { get; private set; } = [];
    public List<Choice> Townships { get; private set; } = [];
    public string Query { get; private set; } = "";
    public bool Narrow => ContactViewer.Of(me).OwnOnly;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (query, errors) = ContactsApi.ReadReportQuery(Request.Query);
        if (Narrow && string.IsNullOrEmpty(query.Level)) query = query with { Level = "representative" };
        if (errors.Count > 0) Error = lang["输入有误", "Invalid input"] + " " + string.Join(" ", errors.SelectMany(e => e.Value));
        else
        {
            var result = await report.BuildAsync(query, ct);
            if (result.Ok) Result = result.Value;
            else Error = result.Message(lang.IsEnglish);
        }
        Groups = await choices.GroupsAsync(ct);
        Townships = await choices.TownshipsAsync(ct);
        if (Result is { } r)
            Query = QueryString.Create(new Dictionary<string, string?>
            {
                ["months"] = r.Months.ToString(System.Globalization.CultureInfo.InvariantCulture), ["level"] = r.Level,
                ["group"] = r.Group?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["jurisdiction"] = r.Jurisdiction,
            }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
        return Page();
    }
}
