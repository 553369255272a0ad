using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Performance;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Http;
using Renda.Platform.Ui;

namespace Renda.Pages.Performance;

/// <summary>Activities staff organise: the list and a form for a new one.</summary>
[Authorize(Roles = Roles.CongressStaff)]
public sealed class ActivitiesModel(Activities activities, TimeProvider clock, Lang lang) : PageModel
{
    [BindProperty] public ActivityInput Input { get; set; } = new(null, null, null, null, null);
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }
    public Paged<ActivityListItem> List { get; private set; } = new([], 0, 1, Paging.DefaultPageSize);
    public string? Message { get; private set; }
    public string Today => ChinaTime.Format(ChinaTime.Today(clock));

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input = new ActivityInput("inspection", null, Today, null, "县人大常委会代表工作委员会");
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await activities.CreateAsync(Input, ct);
        if (r.Ok) return Redirect($"/performance/activities/{r.Value!.Id}");
        Message = r.Message(lang.IsEnglish);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var r = await activities.ListAsync(null, PageNumber, null, lang.IsEnglish, ct);
        if (r.Ok) List = r.Value!;
    }
}
