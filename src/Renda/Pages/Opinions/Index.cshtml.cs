using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Opinions;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Ui;

namespace Renda.Pages.Opinions;

/// <summary>民意直通车 inbox: each role's share of opinions (staff and leaders all of their jurisdiction, a unit
/// what is assigned to it, a representative what they received), with state tabs, filters, the search box,
/// the overdue flag and paging; the same use case as <c>GET /api/opinions</c>.</summary>
[Authorize(Roles = OpinionPages.ReaderRoles)]
public sealed class IndexModel(OpinionsInbox inbox, AppDbContext db, ICurrentUser user, Lang lang) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public long? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public long? Station { get; set; }
    [BindProperty(SupportsGet = true)] public long? Representative { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int? PageNumber { get; set; }

    public Paged<OpinionListItem> Opinions { get; private set; } = new([], 0, 1, Paging.DefaultPageSize);
    public IReadOnlyList<(long Id, string Name)> Units { get; private set; } = [];
    public IReadOnlyList<(long Id, string Name)> Stations { get; private set; } = [];
    public string? Error { get; private set; }
    public bool SeesAll => OpinionsAccess.SeesAll(user);
    public bool IsUnit => user.IsInRole(Roles.HandlingUnit) && !SeesAll;

    /// <summary>The state tabs: all, then the states in the order of the loop.</summary>
    public static readonly string[] Tabs = ["submitted", "triaged", "assigned", "in_progress", "replied", "closed", "merged", "declined", "escalated"];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var result = await inbox.ListAsync(new OpinionFilter(State, Category, Unit, Overdue, Station, Representative, From, To, Q), PageNumber, null, ct);
        if (result.Ok) Opinions = result.Value!;
        else Error = result.Message(lang.IsEnglish);
        if (SeesAll)
        {
            Units = (await db.Set<HandlingUnit>().AsNoTracking().OrderBy(u => u.Kind).ThenBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
                .Select(u => (u.Id, u.Name)).ToList();
            Stations = (await db.Set<Station>().AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
                .Select(s => (s.Id, s.Name)).ToList();
        }
    }

    public string Link(int? page = null, string? state = "\0", bool? overdue = null, bool keepOverdue = true)
    {
        var s = state == "\0" ? State : state;
        var o = keepOverdue ? Overdue : overdue;
        var pairs = new (string, string?)[]
        {
            ("state", s), ("category", Category), ("unit", Num(Unit)), ("overdue", o is null ? null : o.Value ? "true" : "false"),
            ("station", Num(Station)), ("representative", Num(Representative)), ("from", From), ("to", To), ("q", Q),
            ("p", page is null ? null : Num(page)),
        };
        return "/opinions?" + string.Join("&", pairs.Where(x => !string.IsNullOrEmpty(x.Item2)).Select(x => x.Item1 + "=" + Uri.EscapeDataString(x.Item2!)));
    }

    private static string? Num(long? v) => v?.ToString(CultureInfo.InvariantCulture);

    public static string Date(DateTime utc) => Renda.Platform.Calendar.ChinaTime.FormatInstant(utc);
    public static string Date(DateOnly? d) => d is { } x ? Renda.Platform.Calendar.ChinaTime.Format(x) : "";

    /// <summary>The first line of a content for a list cell.</summary>
    public static string Excerpt(string content, int length = 60)
    {
        var one = content.ReplaceLineEndings(" ");
        return one.Length <= length ? one : one[..length] + "…";
    }
}

public static class OpinionPages
{
    public const string ReaderRoles = Roles.CongressStaff + "," + Roles.HandlingUnit + "," + Roles.Leader + "," + Roles.Representative;
}
