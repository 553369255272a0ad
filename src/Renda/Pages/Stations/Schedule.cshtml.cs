using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Stations;
using Renda.Platform.Ui;

namespace Renda.Pages.Stations;

public sealed class ScheduleRuleForm
{
    public string? Title { get; set; } = "每月接待日";
    public string? Kind { get; set; } = "monthly_day";
    public int? DayOfMonth { get; set; } = 10;
    public int? Weekday { get; set; } = 5;
    public int? WeekOfMonth { get; set; } = 1;
    public string? Date { get; set; }
    public string? StartTime { get; set; } = "9:00";
    public string? EndTime { get; set; } = "11:30";
    public string? ValidFrom { get; set; }
    public string? ValidUntil { get; set; }
    public bool SkipHolidays { get; set; } = true;
    public List<long> OnDuty { get; set; } = [];
}

/// <summary>A station's reception rules: add one (monthly on a day, weekly, the n-th weekday, once), remove one.</summary>
[Authorize(Roles = StationPages.EditorRoles)]
public sealed class ScheduleModel(StationDirectory directory, StationSchedule schedule, Lang lang) : PageModel
{
    [BindProperty] public ScheduleRuleForm Form { get; set; } = new();
    public StationDetail Station { get; private set; } = null!;
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Message { get; private set; }
    public bool MessageOk { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAddAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var f = Form;
        var result = await schedule.AddRuleAsync(id, new ScheduleRuleInput(f.Title, f.Kind, f.DayOfMonth, f.Weekday, f.WeekOfMonth, f.Date,
            f.StartTime, f.EndTime, f.ValidFrom, f.ValidUntil, f.SkipHolidays, f.OnDuty), ct);
        if (result.Ok)
        {
            TempData["Flash"] = lang["已添加接待规则", "Rule added"];
            return Redirect($"/stations/{id}/schedule");
        }
        (Message, MessageOk, Errors) = (result.Message(lang.IsEnglish), false, result.Errors ?? new Dictionary<string, string[]>());
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id, long ruleId, CancellationToken ct)
    {
        var result = await schedule.RemoveRuleAsync(id, ruleId, ct);
        if (await LoadAsync(id, ct) is { } refused) return refused;
        (Message, MessageOk) = (result.Ok ? lang["已删除接待规则", "Rule removed"] : result.Message(lang.IsEnglish), result.Ok);
        return Page();
    }

    [TempData] public string? Flash { get; set; }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var detail = await directory.DetailAsync(id, lang.IsEnglish, ct);
        if (!detail.Ok) return NotFound();
        Station = detail.Value!;
        return Station.CanEdit ? null : Forbid();
    }

    public string? Err(string field) => Errors.TryGetValue(field, out var e) ? string.Join(" ", e) : null;
}
