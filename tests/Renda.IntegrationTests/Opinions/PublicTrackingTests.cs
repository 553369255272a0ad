using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.HandlingUnits;
using Renda.Modules.Opinions;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.Opinions;

/// <summary>The tracking page and the tracking API: masking, rating through the page, merged opinions.</summary>
[Collection(OpinionsCollection.Name)]
public sealed class PublicTrackingTests(DemoApp app)
{
    private async Task<long> UnitAsync(string nameContains)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<HandlingUnit>().IgnoreQueryFilters().Where(u => u.Name.Contains(nameContains)).Select(u => u.Id).FirstAsync();
    }

    [Fact]
    public async Task The_tracking_page_masks_like_the_api_and_never_shows_the_submitters_name_or_phone()
    {
        var code = await app.SubmitOpinionAsCitizenAsync("楼下噪音扰民，物业电话13955556666，身份证330523199001011234", name: "钱七");
        var unit = await UnitAsync("住房");
        await app.ForceStateAsync(code, "in_progress", o => { o.UnitId = unit; o.DueDate = new DateOnly(2026, 3, 20); });
        var html = await app.PageClient().GetStringAsync($"/p/t/{code.ToLowerInvariant()}");

        Assert.Contains("139****6666", html);
        Assert.Contains("3305**********1234", html);
        Assert.DoesNotContain("13955556666", html);
        Assert.DoesNotContain("330523199001011234", html);
        Assert.DoesNotContain("钱七", html);
        Assert.DoesNotContain(OpinionTestSupport.Phone, html);
        Assert.Contains("住房", html);
        Assert.Contains("2026-03-20", html);
        Assert.Contains("办理中", html);
        Assert.DoesNotContain("对答复作出评价", html);   // nothing to rate yet
    }

    [Fact]
    public async Task The_lookup_form_finds_a_code_typed_any_way_and_says_so_when_there_is_none()
    {
        var code = await app.SubmitOpinionAsCitizenAsync("查询表单测试");
        var http = app.PageClient();
        Assert.Contains("name=\"code\"", await http.GetStringAsync("/p/t"));
        var found = await http.GetAsync($"/p/t?code=+{code.ToLowerInvariant()[..5]}-{code.ToLowerInvariant()[5..]}+");
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        Assert.Equal($"/p/t/{TrackingCodes.Display(code)}", found.Headers.Location!.OriginalString);
        var missing = await http.GetAsync("/p/t/AAAAA-AAAAA");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("没有找到这个查询码", await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/p/t?code=%3Cscript%3E")).StatusCode);
    }

    [Fact]
    public async Task The_rating_form_shows_only_when_it_can_be_rated_and_posts_through_the_same_rule()
    {
        var code = await app.SubmitOpinionAsCitizenAsync("页面评价测试：路灯不亮");
        var http = app.PageClient();
        Assert.DoesNotContain("name=\"Rating\"", await http.GetStringAsync($"/p/t/{code}"));

        await app.ForceStateAsync(code, "replied", o => { o.ReplyContent = "已更换灯泡，维修电话13811112222"; o.RepliedAt = app.Clock.GetUtcNow().UtcDateTime; });
        var page = await http.GetStringAsync($"/p/t/{code}");
        Assert.Contains("name=\"Rating\"", page);
        Assert.Contains("138****2222", page);

        var bad = await http.PostFormAsync($"/p/t/{code}?handler=Rate", new Dictionary<string, string> { ["Rating"] = "great" }, $"/p/t/{code}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("请选择满意、基本满意或不满意", await bad.Content.ReadAsStringAsync());

        var ok = await http.PostFormAsync($"/p/t/{code}?handler=Rate",
            new Dictionary<string, string> { ["Rating"] = "unsatisfied", ["Comment"] = "还是不亮" }, $"/p/t/{code}");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var o = await app.OpinionAsync(code);
        Assert.Equal(("in_progress", "unsatisfied", "还是不亮", 1), (o.State, o.Rating, o.RatingComment, o.Round));
        var after = await http.GetStringAsync($"/p/t/{code}");
        Assert.Contains("感谢您的评价", after);
        Assert.DoesNotContain("name=\"Rating\"", after);
    }

    [Fact]
    public async Task A_merged_opinions_submitter_follows_the_opinion_it_was_merged_into()
    {
        var target = await app.SubmitOpinionAsCitizenAsync("合并目标：东门路口红绿灯时间太短", name: "目标人");
        var merged = await app.SubmitOpinionAsCitizenAsync("被合并：东门路口行人过马路不安全，电话13700001111", name: "合并人");
        var unit = await UnitAsync("交通");
        var targetId = await app.ForceStateAsync(target, "replied", o =>
        {
            o.UnitId = unit; o.ReplyContent = "已将绿灯时长延长至45秒"; o.RepliedAt = app.Clock.GetUtcNow().UtcDateTime;
        });
        await app.ForceStateAsync(merged, "merged", o => o.MergedIntoId = targetId);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var m = await db.Set<Opinion>().IgnoreQueryFilters().SingleAsync(o => o.TrackingCode == merged);
            db.WorkflowHistory.Add(new Renda.Platform.Workflow.WorkflowHistoryEntry
            {
                Workflow = "opinion", EntityId = m.Id, FromState = "submitted", Action = "merge", ToState = "merged", Actor = "demo-staff",
                ActorRole = "congress_staff", At = app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1), JurisdictionCode = m.JurisdictionCode,
            });
            await db.SaveChangesAsync();
        }

        var view = await app.TrackAsync(merged);
        Assert.Equal("replied", view.GetProperty("state").GetString());
        Assert.Equal("已与同类意见合并办理", view.GetProperty("mergedNote").GetString());
        Assert.Equal("已将绿灯时长延长至45秒", view.GetProperty("reply").GetString());
        Assert.Contains("137****1111", view.GetProperty("content").GetString());
        Assert.False(view.GetProperty("canRate").GetBoolean());
        Assert.Equal(TrackingCodes.Display(merged), view.GetProperty("trackingCode").GetString());
        Assert.Contains(view.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "merge");
        var raw = view.GetRawText();
        Assert.DoesNotContain("合并目标", raw);   // the other citizen's words are not shown
        Assert.DoesNotContain("目标人", raw);

        var html = await app.PageClient().GetStringAsync($"/p/t/{merged}");
        Assert.Contains("已与同类意见合并办理", html);
        Assert.Contains("已将绿灯时长延长至45秒", html);
        Assert.DoesNotContain("name=\"Rating\"", html);
        // The merged submitter cannot rate the target through the API either.
        Assert.Equal(HttpStatusCode.Conflict, (await app.CreateClient().PostAsJsonAsync($"/api/public/opinions/{merged}/rating", new { rating = "satisfied" })).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await app.TrackAsync(target)).GetProperty("mergedNote").ValueKind);
    }
}
