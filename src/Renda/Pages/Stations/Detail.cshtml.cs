using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Stations;
using Renda.Platform.Http;
using Renda.Platform.Ui;
using Renda.Platform.Calendar;

namespace Renda.Pages.Stations;

/// <summary>One station: details, opening rules, representatives, schedule, the next two months'
/// calendar and the reception log.</summary>
[Authorize(Roles = StationPages.ReaderRoles)]
public sealed class DetailModel(StationDirectory directory, StationSchedule schedule, StationReceptions receptions, TimeProvider clock, Lang lang)
    : PageModel
{
    [BindProperty(SupportsGet = true, Name = "rp")] public int? ReceptionPage { get; set; }
    [TempData] public string? Flash { get; set; }

    public StationDetail Station { get; private set; } = null!;
    public StationCalendar Calendar { get; private set; } = null!;
    public Paged<ReceptionView> Receptions { get; private set; } = new([], 0, 1, 10);
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var detail = await directory.DetailAsync(id, lang.IsEnglish, ct);
        if (!detail.Ok) return NotFound();
        Station = detail.Value!;
        Today = ChinaTime.Today(clock);
        Calendar = (await schedule.CalendarAsync(id, null, null, lang.IsEnglish, ct)).Value!;
        Receptions = (await receptions.ListAsync(id, null, null, ReceptionPage, 10, lang.IsEnglish, ct)).Value!;
        return Page();
    }
}
