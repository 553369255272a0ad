using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Opinions;
using Renda.Modules.Stations;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.Opinions;

/// <summary>The opinion tests share one demo county; each test submits the opinions whose numbers it asserts.</summary>
[CollectionDefinition(Name)]
public sealed class OpinionsCollection : ICollectionFixture<DemoApp>
{
    public const string Name = "opinions on the demo county";
}

public static class OpinionTestSupport
{
    public const string Phone = "13812348000";

    /// <summary>A working station code of the demo county.</summary>
    public static async Task<string> StationCodeAsync(this RendaApp app)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<Station>().IgnoreQueryFilters().Where(s => s.JurisdictionCode.StartsWith("330523"))
            .OrderBy(s => s.Id).Select(s => s.PublicCode).FirstAsync();
    }

    /// <summary>Submits as a citizen without an account and returns the tracking code.</summary>
    public static async Task<string> SubmitOpinionAsCitizenAsync(this RendaApp app, string content, string? stationCode = null,
        string phone = Phone, string? name = "王小明", string? category = null)
    {
        var http = app.CreateClient();
        var res = await http.PostAsJsonAsync("/api/public/opinions", new { content, category, stationCode, submitterName = name, phone });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        return (await res.JsonAsync()).GetProperty("trackingCode").GetString()!;
    }

    /// <summary>Moves an opinion straight to a state (arranging a test's starting point, not the behaviour under test).</summary>
    public static async Task<long> ForceStateAsync(this RendaApp app, string trackingCode, string state, Action<Opinion>? change = null)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var o = await db.Set<Opinion>().IgnoreQueryFilters().SingleAsync(x => x.TrackingCode == TrackingCodes.Normalize(trackingCode));
        o.State = state;
        change?.Invoke(o);
        await db.SaveChangesAsync();
        return o.Id;
    }

    public static async Task<JsonElement> TrackAsync(this RendaApp app, string trackingCode)
    {
        var res = await app.CreateClient().GetAsync($"/api/public/opinions/{trackingCode}");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return await res.JsonAsync();
    }
}
