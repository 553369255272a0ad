using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Opinions;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.Opinions;

/// <summary>The people of the staff-side tests on the demo county, and opinions arranged in a given state.</summary>
public static class StaffSupport
{
    public const string Staff = "demo-staff", Unit = "demo-unit", Leader = "demo-leader", Rep = "demo-rep",
        Auditor = "demo-auditor", Security = "demo-security", OtherUnit = "op-other-unit";

    private static readonly ConcurrentDictionary<(RendaApp, string), Lazy<Task<HttpClient>>> Clients = new();

    /// <summary>A signed-in client per app and account (signing in is deliberately slow).</summary>
    public static Task<HttpClient> As(this RendaApp app, string user) =>
        Clients.GetOrAdd((app, user), k => new Lazy<Task<HttpClient>>(() => SignInAsync(k.Item1, k.Item2))).Value;

    private static async Task<HttpClient> SignInAsync(RendaApp app, string user)
    {
        if (user == OtherUnit)
        {
            var other = await app.OtherUnitIdAsync();
            var account = await app.CreateUserAsync(OtherUnit, "330523", Roles.HandlingUnit);
            await using var scope = app.Scope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var u = (await users.FindByNameAsync(account.UserName!))!;
            u.UnitId = other;
            await users.UpdateAsync(u);
            return await app.SignedInAsync(OtherUnit);
        }
        return await app.SignedInAsync(user, RendaApp.DemoPassword);
    }

    /// <summary>The unit of demo-unit (县住房和城乡建设局).</summary>
    public static async Task<long> StaffUnitIdAsync(this RendaApp app)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Users.SingleAsync(u => u.UserName == Unit)).UnitId!.Value;
    }

    /// <summary>Another unit of the demo county.</summary>
    public static async Task<long> OtherUnitIdAsync(this RendaApp app)
    {
        var mine = await app.StaffUnitIdAsync();
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<HandlingUnit>().Where(u => u.Id != mine && u.JurisdictionCode == "330523").OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
    }

    public static async Task<long> DemoRepIdAsync(this RendaApp app)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Users.SingleAsync(u => u.UserName == Rep)).RepresentativeId!.Value;
    }

    /// <summary>Creates an opinion through the one submit use case (no HTTP: arranging, not the behaviour under
    /// test), received by demo-rep, then moves it to <paramref name="state"/> with demo-unit as its unit.</summary>
    public static async Task<(long Id, string Code)> OpinionInAsync(this RendaApp app, string state, string content = "小区门口路灯坏了，晚上出行不便",
        Action<Opinion>? change = null, bool withUnit = true, bool withRep = true)
    {
        var unit = await app.StaffUnitIdAsync();
        var rep = await app.DemoRepIdAsync();
        await using var scope = app.Scope();
        var submit = scope.ServiceProvider.GetRequiredService<SubmitOpinion>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var repCode = await db.Set<Representative>().Where(r => r.Id == rep).Select(r => r.JurisdictionCode).FirstAsync();
        var result = await submit.SubmitAsync(new OpinionInput { Content = content, Phone = OpinionTestSupport.Phone, SubmitterName = "王小明" },
            new OpinionOrigin(OpinionChannels.Reception, RepresentativeId: withRep ? rep : null, JurisdictionCode: repCode), new SystemUser("test"));
        Assert.True(result.Ok, result.Message(false));
        var o = await db.Set<Opinion>().IgnoreQueryFilters().SingleAsync(x => x.Id == result.Value!.Id);
        o.State = state;
        if (withUnit && state is "assigned" or "in_progress" or "replied" or "closed")
        {
            o.UnitId = unit;
            o.AssignedAt = o.CreatedAt;
            o.DueDate = DateOnly.FromDateTime(o.CreatedAt).AddDays(30);
            db.Add(new OpinionUnitLink { OpinionId = o.Id, UnitId = unit, JurisdictionCode = o.JurisdictionCode, FirstAssignedAt = o.CreatedAt });
        }
        if (state is "replied" or "closed")
        {
            o.ReplyContent = "已修复";
            o.RepliedAt = o.CreatedAt;
        }
        change?.Invoke(o);
        await db.SaveChangesAsync();
        return (o.Id, o.TrackingCode);
    }

    public static Task<HttpResponseMessage> ActAsync(this HttpClient http, long id, string action, object? body = null) =>
        http.PostAsJsonAsync($"/api/opinions/{id}/actions/{action}", body ?? new { });

    public static async Task<Opinion> LoadAsync(this RendaApp app, long id)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<Opinion>().IgnoreQueryFilters().AsNoTracking().SingleAsync(o => o.Id == id);
    }
}
