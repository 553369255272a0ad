using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Platform.Notifications;

public sealed record NoticeRow(long Id, string Title, string? Body, string? Link, string Kind, DateTime CreatedAt, DateTime? ReadAt, string? ReadBy);

/// <summary>The caller's in-app notices: list (newest first, optionally unread only), count, mark read.
/// Serves the /notices page and <c>/api/notices</c>.</summary>
public sealed class NoticeInbox(AppDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Paged<NoticeRow>> ListAsync(bool unreadOnly, int? page, int? pageSize, CancellationToken ct = default)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var q = Notifications.For(db, user);
        if (unreadOnly) q = q.Where(n => n.ReadAt == null);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip((p - 1) * size).Take(size)
            .Select(n => new NoticeRow(n.Id, n.Title, n.Body, n.Link, n.Kind, n.CreatedAt, n.ReadAt, n.ReadBy)).ToListAsync(ct);
        return new Paged<NoticeRow>(items, total, p, size);
    }

    public Task<int> UnreadAsync(CancellationToken ct = default) => Notifications.UnreadCountAsync(db, user, ct);

    /// <summary>Marks one notice (or, with null, all of the caller's unread) as read; 404 for a notice the caller cannot see.</summary>
    public async Task<UseCaseResult<int>> MarkReadAsync(long? id, CancellationToken ct = default)
    {
        var q = Notifications.For(db, user).Where(n => n.ReadAt == null);
        if (id is { } one)
        {
            if (!await Notifications.For(db, user).AnyAsync(n => n.Id == one, ct)) return UseCaseResult<int>.NotFound();
            q = q.Where(n => n.Id == one);
        }
        var rows = await q.ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var n in rows)
        {
            n.ReadAt = now;
            n.ReadBy = user.UserName;
        }
        await db.SaveChangesAsync(ct);
        return UseCaseResult<int>.Success(rows.Count);
    }
}

public static class NoticesApi
{
    /// <summary>Every signed-in role that gets notices; auditor and security_admin read no module data.</summary>
    public static readonly string[] Readers =
        [Roles.CongressStaff, Roles.HandlingUnit, Roles.Leader, Roles.StationManager, Roles.Representative, Roles.SystemAdmin];

    public static IEndpointRouteBuilder MapNoticesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notices").WithTags("Notices").RequireAuthorization(p => p.RequireRole(Readers));
        api.MapGet("/", async (NoticeInbox inbox, [FromQuery] bool? unread, [FromQuery] int? page, [FromQuery] int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await inbox.ListAsync(unread ?? false, page, pageSize, ct)));
        api.MapGet("/unread-count", async (NoticeInbox inbox, CancellationToken ct) => TypedResults.Ok(new { unread = await inbox.UnreadAsync(ct) }));
        api.MapPost("/{id:long}/read", async (long id, NoticeInbox inbox, CancellationToken ct) =>
            (await inbox.MarkReadAsync(id, ct)).ToHttp(n => TypedResults.Ok(new { marked = n })));
        api.MapPost("/read-all", async (NoticeInbox inbox, CancellationToken ct) =>
            (await inbox.MarkReadAsync(null, ct)).ToHttp(n => TypedResults.Ok(new { marked = n })));
        return app;
    }
}

/// <summary>The unread count next to the user's name in the workbench layout.</summary>
public sealed class NoticeBadgeViewComponent(AppDbContext db, ICurrentUser user) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var count = user.UserName is not null && NoticesApi.Readers.Any(user.IsInRole) ? await Notifications.UnreadCountAsync(db, user) : -1;
        return View("~/Pages/Notices/_NoticeBadge.cshtml", count);
    }
}
