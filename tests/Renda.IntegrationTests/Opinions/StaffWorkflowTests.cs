using System.Net;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Opinions;
using static Renda.IntegrationTests.Opinions.StaffSupport;

namespace Renda.IntegrationTests.Opinions;

/// <summary>Every row of DOMAIN.md's Opinion table through <c>POST /api/opinions/{id}/actions/{action}</c>:
/// allowed for the roles of the row, refused (409, nothing changed) for the others who can see the opinion.</summary>
[Collection(OpinionsCollection.Name)]
public sealed class StaffWorkflowTests(DemoApp app)
{
    public static readonly string[] Actors = [Staff, Unit, Leader, Rep];

    /// <summary>(from, action, the one actor allowed besides leaders for supervise, expected state after).</summary>
    private static readonly (string From, string Action, string[] Allowed, string To)[] Rows =
    [
        ("submitted", "triage", [Staff], "triaged"),
        ("submitted", "merge", [Staff], "merged"),
        ("triaged", "merge", [Staff], "merged"),
        ("submitted", "decline", [Staff], "declined"),
        ("triaged", "decline", [Staff], "declined"),
        ("triaged", "assign", [Staff], "assigned"),
        ("triaged", "escalate", [Staff], "escalated"),
        ("assigned", "acknowledge", [Unit], "in_progress"),
        ("assigned", "return", [Unit], "triaged"),
        ("in_progress", "reply", [Unit], "replied"),
        ("replied", "rate", [Rep], "closed"),
        ("replied", "close", [], "closed"),
        ("submitted", "supervise", [Staff, Leader], "submitted"),
        ("assigned", "supervise", [Staff, Leader], "assigned"),
        ("in_progress", "supervise", [Staff, Leader], "in_progress"),
        ("replied", "supervise", [Staff, Leader], "replied"),
        ("closed", "publish", [Staff], "closed"),
    ];

    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        for (var i = 0; i < Rows.Length; i++) foreach (var a in Actors) data.Add(i, a);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_row_is_allowed_for_its_roles_and_refused_for_the_others(int row, string actor)
    {
        var (from, action, allowed, to) = Rows[row];
        var (id, _) = await app.OpinionInAsync(from, withUnit: from is not ("submitted" or "triaged"));
        var before = await app.LoadAsync(id);
        var res = await (await app.As(actor)).ActAsync(id, action, await BodyAsync(action));
        var after = await app.LoadAsync(id);
        if (allowed.Contains(actor))
        {
            Assert.True(res.StatusCode == HttpStatusCode.OK, $"{actor} {action}: {(int)res.StatusCode} {await res.Content.ReadAsStringAsync()}");
            var json = await res.JsonAsync();
            Assert.Equal(to, json.GetProperty("state").GetString());
            Assert.Equal(to, after.State);
            Assert.Equal(before.Version + 1, after.Version);
            Assert.Equal(action, json.GetProperty("history").EnumerateArray().Last().GetProperty("action").GetString());
        }
        else if (actor == Unit && from is "submitted" or "triaged")
            Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);   // never assigned to it: not even visible
        else
        {
            Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
            Assert.EndsWith(":role-not-allowed", (await res.JsonAsync()).GetProperty("type").GetString());
        }
        if (!allowed.Contains(actor)) Assert.Equal((before.State, before.Version), (after.State, after.Version));
    }

    private async Task<object> BodyAsync(string action) => action switch
    {
        "merge" => new { targetId = (await app.OpinionInAsync("triaged", "另一条同样反映路灯坏了的意见")).Id },
        "decline" or "return" => new { reason = "不属于本单位职责" },
        "assign" => new { unitId = await app.StaffUnitIdAsync() },
        "escalate" => new { kind = "upper_level", reason = "涉及省道，需上级协调" },
        "reply" => new { content = "已安排维修，路灯已恢复照明。" },
        "rate" => new { rating = "satisfied" },
        "supervise" => new { note = "请加快办理" },
        _ => new { },
    };

    [Theory]
    [InlineData("in_progress", "acknowledge")]
    [InlineData("submitted", "assign")]
    [InlineData("closed", "supervise")]
    [InlineData("replied", "publish")]
    [InlineData("merged", "triage")]
    public async Task An_action_outside_its_states_is_refused_and_changes_nothing(string state, string action)
    {
        var (id, _) = await app.OpinionInAsync(state);
        var actor = action is "acknowledge" ? Unit : Staff;
        var res = await (await app.As(actor)).ActAsync(id, action, await BodyAsync(action));
        Assert.Equal(HttpStatusCode.Conflict, res.StatusCode);
        Assert.EndsWith(":action-not-allowed", (await res.JsonAsync()).GetProperty("type").GetString());
        Assert.Equal(state, (await app.LoadAsync(id)).State);
    }

    [Fact]
    public async Task Allowed_actions_follow_the_caller()
    {
        var (id, _) = await app.OpinionInAsync("assigned");
        async Task<string[]> Allowed(string who) =>
            (await (await (await app.As(who)).GetAsync($"/api/opinions/{id}")).JsonAsync())
            .GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!).ToArray();
        Assert.Equal(["supervise"], await Allowed(Staff));
        Assert.Equal(["acknowledge", "return"], (await Allowed(Unit)).Order().ToArray());
        Assert.Equal(["supervise"], await Allowed(Leader));
        Assert.Empty(await Allowed(Rep));
    }
}
