using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Renda.Modules.Stations;
using Renda.Platform.Ui;
using Renda.Platform.Calendar;

namespace Renda.Pages.Stations;

public sealed class ReceptionForm
{
    public string? Date { get; set; }
    public string? StartTime { get; set; }
    public string? EndTime { get; set; }
    public string? Kind { get; set; } = "reception_day";
    public long? ScheduleRuleId { get; set; }
    public List<long> Receivers { get; set; } = [];
    public int? CitizenCount { get; set; }
    public string? Summary { get; set; }
    /// <summary>One matter per line.</summary>
    public string? Items { get; set; }
}

/// <summary>Logging a reception; opened from the calendar, it is filled in from the schedule rule.</summary>
[Authorize(Roles = StationPages.EditorRoles)]
public sealed class NewReceptionModel(StationDirectory directory, StationReceptions receptions, TimeProvider clock, Lang lang) : PageModel
{
    [BindProperty] public ReceptionForm Form { get; set; } = new();
    public StationDetail Station { get; private set; } = null!;
    public IReadOnlyList<NamedRepresentative> Choices { get; private set; } = [];
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, string? date, long? rule, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Form.Date = ChinaTime.TryDate(date, out var d) ? ChinaTime.Format(d) : ChinaTime.Format(ChinaTime.Today(clock));
        if (Station.ScheduleRules.FirstOrDefault(r => r.Id == rule) is { } r)
        {
            Form.ScheduleRuleId = r.Id;
            Form.StartTime = r.StartTime;
            Form.EndTime = r.EndTime;
            Form.Receivers = r.OnDuty.Select(x => x.Id).ToList();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var items = (Form.Items ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var result = await receptions.RecordAsync(id, new ReceptionInput(Form.Date, Form.StartTime, Form.EndTime, Form.Kind, Form.Receivers,
            Form.CitizenCount, Form.Summary, items, Form.ScheduleRuleId), lang.IsEnglish, ct);
        if (result.Ok)
        {
            TempData["Flash"] = lang[$"已登记接待，并记入 {result.Value!.Receivers.Count} 名代表的履职档案",
                $"Reception logged and added to the archive of {result.Value!.Receivers.Count} representative(s)"];
            return Redirect($"/stations/{id}#log");
        }
        Error = result.Message(lang.IsEnglish);
        Errors = result.Errors ?? new Dictionary<string, string[]>();
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken ct)
    {
        var detail = await directory.DetailAsync(id, lang.IsEnglish, ct);
        if (!detail.Ok) return NotFound();
        Station = detail.Value!;
        if (!Station.CanEdit) return Forbid();
        Choices = Station.Representatives.Select(r => new NamedRepresentative(r.Id, r.Name))
            .Concat(Station.ScheduleRules.SelectMany(r => r.OnDuty))
            .DistinctBy(r => r.Id).OrderBy(r => r.Id).ToList();
        return null;
    }

    public string? Err(string field) => Errors.TryGetValue(field, out var e) ? string.Join(" ", e) : null;
}
