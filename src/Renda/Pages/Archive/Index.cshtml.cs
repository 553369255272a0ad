using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.Performance;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Ui;

namespace Renda.Pages.Archive;

/// <summary>Role list of the archive pages for <c>[Authorize]</c>.</summary>
public static class ArchivePages
{
    public const string ReaderRoles = Roles.CongressStaff + "," + Roles.Leader + "," + Roles.Representative;
}

/// <summary>/archive: a representative goes straight to their own archive; staff find one by name.</summary>
[Authorize(Roles = ArchivePages.ReaderRoles)]
public sealed class IndexModel(AppDbContext db, ICurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public IReadOnlyList<(long Id, string Name, string Group)> Found { get; private set; } = [];
    public bool Searched { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var staff = RepresentativeArchive.StaffReaders.Any(me.IsInRole);
        if (!staff) return me.RepresentativeId is { } own ? Redirect($"/archive/{own}") : Forbid();
        if (!RosterAccess.TryQuery(Q, out var q)) { Error = "最多 50 字符 / at most 50 characters"; return Page(); }
        if (q is null) return Page();
        Searched = true;
        var rows = await db.Set<Representative>().AsNoTracking().Where(r => r.Name.Contains(q)).OrderBy(r => r.Id).Take(Paging.DefaultPageSize)
            .Select(r => new { r.Id, r.Name, Group = r.DelegationGroup!.Name }).ToListAsync(ct);
        Found = rows.Select(r => (r.Id, r.Name, r.Group)).ToList();
        return Page();
    }
}
