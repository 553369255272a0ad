using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Ui;

namespace Renda.Pages.Representatives;

/// <summary>/representatives/new and /representatives/{id}/edit: one form for both, posting to the same
/// use case as the API. Phone and ID number are never put into the form: left empty, they stay as they are.</summary>
[Authorize(Roles = Roles.CongressStaff)]
public sealed class EditModel(RosterQueries queries, RepresentativeEditor editor, IOptions<RosterOptions> options, Lang lang) : PageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Gender { get; set; }
    [BindProperty] public string? Ethnicity { get; set; } = "汉族";
    [BindProperty] public string? BirthDate { get; set; }
    [BindProperty] public string? IdNumber { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Occupation { get; set; }
    [BindProperty] public string? Employer { get; set; }
    [BindProperty] public List<string> Levels { get; set; } = [];
    [BindProperty] public string? Constituency { get; set; }
    [BindProperty] public string? ConstituencyKind { get; set; }
    [BindProperty] public string? DelegationGroup { get; set; }
    [BindProperty] public string? ProfessionalGroup { get; set; }
    [BindProperty] public string? Township { get; set; }
    [BindProperty] public string? OfficeStartedOn { get; set; }
    [BindProperty] public long? Version { get; set; }

    public long? Id { get; private set; }
    public RepresentativeDetail? Existing { get; private set; }
    public RosterLookups Lookups { get; private set; } = new([], null, [], [], [], []);
    public IReadOnlyList<string> ProfessionalGroups => options.Value.ProfessionalGroupNames;
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Existing is { } r)
        {
            Name = r.Name;
            Gender = r.Gender == Modules.Representatives.Gender.Male ? "男" : "女";
            Ethnicity = r.Ethnicity;
            BirthDate = r.BirthDate?.ToString("yyyy-MM-dd");
            Occupation = r.Occupation;
            Employer = r.Employer;
            Levels = [.. r.Levels];
            Constituency = r.Constituency.Name;
            ConstituencyKind = r.Constituency.Kind == Modules.Representatives.ConstituencyKind.ElectingUnit ? "electing_unit" : "constituency";
            DelegationGroup = r.DelegationGroup.Name;
            ProfessionalGroup = r.ProfessionalGroup?.Name;
            Township = r.JurisdictionCode;
            OfficeStartedOn = r.OfficeStartedOn?.ToString("yyyy-MM-dd");
            Version = r.Version;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var request = new RepresentativeRequest
        {
            Name = Name, Gender = Gender, Ethnicity = Ethnicity, BirthDate = BirthDate, IdNumber = IdNumber, Phone = Phone,
            Occupation = Occupation, Employer = Employer, Levels = Levels, Constituency = Constituency, ConstituencyKind = ConstituencyKind,
            DelegationGroup = DelegationGroup, ProfessionalGroup = string.IsNullOrEmpty(ProfessionalGroup) ? null : ProfessionalGroup,
            Township = Township, OfficeStartedOn = Existing is null ? OfficeStartedOn : null, Version = Version,
        };
        var result = id is { } existing ? await editor.UpdateAsync(existing, request, ct) : await editor.CreateAsync(request, ct);
        if (result.Ok) return Redirect($"/representatives/{result.Value!.Id}");
        Errors = result.Errors ?? new Dictionary<string, string[]>();
        Message = result.Message(lang.IsEnglish);
        Response.StatusCode = result.Status;
        IdNumber = Phone = null;   // never echo personal data back into the page
        return Page();
    }

    private async Task<bool> LoadAsync(long? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            Existing = await queries.DetailAsync(existing, ct);
            if (Existing is null) return false;
        }
        Lookups = await queries.LookupsAsync(Existing?.TermId, ct);
        return true;
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var e) ? string.Join(" ", e) : null;
}
