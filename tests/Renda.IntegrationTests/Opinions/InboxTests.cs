using System.Net;
using System.Text.Json;
using Renda.IntegrationTests.Infrastructure;
using static Renda.IntegrationTests.Opinions.StaffSupport;

namespace Renda.IntegrationTests.Opinions;

/// <summary>The list of <c>/api/opinions</c>: the one list shape, each role's share, the filters.</summary>
[Collection(OpinionsCollection.Name)]
public sealed class InboxTests(DemoApp app)
{
    private async Task<JsonElement> ListAsync(string who, string query)
    {
        var res = await (await app.As(who)).GetAsync("/api/opinions?" + query);
        Assert.True(res.StatusCode == HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        return await res.JsonAsync();
    }

    private static long[] Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray();

    [Fact]
    public async Task The_list_has_the_one_shape_newest_first_with_the_promised_fields()
    {
        var marker = "列表标记" + Guid.NewGuid().ToString("N")[..6];
        var (older, _) = await app.OpinionInAsync("submitted", "较早的意见 " + marker);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var (newer, code) = await app.OpinionInAsync("assigned", "较新的意见 " + marker);
        var page = await ListAsync(Staff, "q=" + Uri.EscapeDataString(marker) + "&pageSize=1");
        Assert.Equal((2, 1, 1), (page.GetProperty("total").GetInt32(), page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32()));
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(newer, item.GetProperty("id").GetInt64());
        Assert.Equal("assigned", item.GetProperty("state").GetString());
        Assert.Equal("较新的意见 " + marker, item.GetProperty("content").GetString());
        Assert.True(item.TryGetProperty("createdAt", out _));
        Assert.Equal("138****8000", item.GetProperty("phoneMasked").GetString());
        Assert.Equal(code, item.GetProperty("trackingCode").GetString()!.Replace("-", ""));
        Assert.False(string.IsNullOrEmpty(item.GetProperty("unitName").GetString()));
        Assert.True(item.TryGetProperty("dueDate", out _) && item.TryGetProperty("overdue", out _) && item.TryGetProperty("channel", out _));
        Assert.DoesNotContain(OpinionTestSupport.Phone, page.GetRawText());
        Assert.DoesNotContain("王小明", page.GetRawText());
        Assert.Equal([older], Ids(await ListAsync(Staff, "q=" + Uri.EscapeDataString(marker) + "&pageSize=1&page=2")));
    }

    [Fact]
    public async Task Each_role_sees_its_share()
    {
        var marker = "份额" + Guid.NewGuid().ToString("N")[..6];
        var (mine, _) = await app.OpinionInAsync("assigned", "交给住建局 " + marker);
        var (notAssigned, _) = await app.OpinionInAsync("triaged", "还没交办 " + marker, withRep: false);
        var (returned, _) = await app.OpinionInAsync("assigned", "退回过的 " + marker);
        Assert.Equal(HttpStatusCode.OK, (await (await app.As(Unit)).ActAsync(returned, "return", new { reason = "非本单位职责" })).StatusCode);
        var q = "q=" + Uri.EscapeDataString(marker);

        Assert.Equal(new long[] { notAssigned, returned, mine }.Order(), Ids(await ListAsync(Staff, q)).Order());
        Assert.Equal(new long[] { notAssigned, returned, mine }.Order(), Ids(await ListAsync(Leader, q)).Order());
        Assert.Equal(new long[] { returned, mine }.Order(), Ids(await ListAsync(Unit, q)).Order());
        Assert.Equal(new long[] { returned, mine }.Order(), Ids(await ListAsync(Rep, q)).Order());
        Assert.Empty(Ids(await ListAsync(OtherUnit, q)));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As(Unit)).GetAsync($"/api/opinions/{notAssigned}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As(Rep)).GetAsync($"/api/opinions/{notAssigned}")).StatusCode);
        foreach (var admin in new[] { Auditor, Security })
        {
            var http = await app.SignedInAsync(admin, RendaApp.DemoPassword);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/opinions")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/api/opinions/{mine}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/opinions")).StatusCode);
    }

    [Fact]
    public async Task Filters_narrow_the_list()
    {
        var marker = "筛选" + Guid.NewGuid().ToString("N")[..6];
        var unit = await app.StaffUnitIdAsync();
        var (overdue, _) = await app.OpinionInAsync("in_progress", "逾期 " + marker, o => { o.Overdue = true; o.Category = "transport"; });
        var (fresh, _) = await app.OpinionInAsync("submitted", "新的 " + marker, o => o.Category = "education");
        var q = "q=" + Uri.EscapeDataString(marker);
        Assert.Equal([overdue], Ids(await ListAsync(Staff, q + "&overdue=true")));
        Assert.Equal([fresh], Ids(await ListAsync(Staff, q + "&state=submitted")));
        Assert.Equal([fresh], Ids(await ListAsync(Staff, q + "&category=education")));
        Assert.Equal([overdue], Ids(await ListAsync(Staff, q + $"&unit={unit}")));
        Assert.Equal(new long[] { overdue, fresh }.Order(), Ids(await ListAsync(Staff, q + $"&representative={await app.DemoRepIdAsync()}")).Order());
        var today = Renda.Platform.Calendar.ChinaTime.Format(Renda.Platform.Calendar.ChinaTime.Today(app.Clock));
        Assert.Equal(2, Ids(await ListAsync(Staff, q + $"&from={today}&to={today}")).Length);
        Assert.Empty(Ids(await ListAsync(Staff, q + "&to=2020-01-01")));

        var bad = await (await app.As(Staff)).GetAsync("/api/opinions?state=nonsense&category=x&from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("state", out _) && errors.TryGetProperty("category", out _) && errors.TryGetProperty("from", out _));
    }

    [Fact]
    public async Task Similar_open_opinions_of_the_jurisdiction_are_found_through_the_index()
    {
        var tag = Guid.NewGuid().ToString("N")[..4];
        var (id, _) = await app.OpinionInAsync("submitted", $"翠竹苑小区东门路灯坏了两个月，晚上出行很不安全 {tag}");
        var (alike, _) = await app.OpinionInAsync("triaged", $"翠竹苑小区东门的路灯一直不亮，晚上出行不安全 {tag}");
        var (closedAlike, _) = await app.OpinionInAsync("closed", $"翠竹苑小区东门路灯坏了，晚上出行不安全 {tag}");
        var (other, _) = await app.OpinionInAsync("submitted", $"希望增加学校门口的公交班次 {tag}");
        var similar = await (await (await app.As(Staff)).GetAsync($"/api/opinions/{id}/similar")).JsonAsync();
        var ids = similar.EnumerateArray().Select(s => s.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(alike, ids.First());
        Assert.DoesNotContain(closedAlike, ids);
        Assert.DoesNotContain(other, ids);
        Assert.DoesNotContain(id, ids);
    }
}
