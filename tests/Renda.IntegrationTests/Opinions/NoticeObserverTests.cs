using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Opinions;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Notifications;

namespace Renda.IntegrationTests.Opinions;

/// <summary>Workflow actions turn into notices and SMS through the observer, in the action's transaction.</summary>
[Collection(OpinionsCollection.Name)]
public sealed class NoticeObserverTests(DemoApp app)
{
    private static readonly TestActor Staff = new("demo-staff", Roles.CongressStaff);

    private async Task<(long Id, string Code, long Unit)> AssignedAsync(string content)
    {
        var code = await app.SubmitOpinionAsCitizenAsync(content);
        var id = await app.IdOfAsync(code);
        var unit = await app.DemoUnitIdAsync();
        Assert.True((await app.ActAsync(id, "triage", Staff)).Succeeded);
        var assigned = await app.ActAsync(id, "assign", Staff, o =>
        {
            o.UnitId = unit;
            o.AssignedAt = app.Clock.GetUtcNow().UtcDateTime;
            o.DueDate = ChinaTime.Today(app.Clock).AddDays(21);
        });
        Assert.True(assigned.Succeeded);
        return (id, code, unit);
    }

    [Fact]
    public async Task Assigning_notifies_the_unit_and_the_unit_reads_it_on_notices()
    {
        var (id, _, unit) = await AssignedAsync("菜市场门口<script>alert(1)</script>占道经营");
        var notice = Assert.Single(await app.NoticesOfAsync(id));
        Assert.Equal((NoticeAudiences.Unit, unit.ToString(), "opinion.assigned"), (notice.Audience, notice.Recipient, notice.Kind));
        Assert.Equal($"/opinions/{id}", notice.Link);

        var http = await app.SignedInAsync("demo-unit", RendaApp.DemoPassword);
        var list = await (await http.GetAsync("/api/notices?unread=true&pageSize=200")).JsonAsync();
        Assert.Contains(list.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetInt64() == notice.Id);
        var before = (await (await http.GetAsync("/api/notices/unread-count")).JsonAsync()).GetProperty("unread").GetInt32();
        Assert.True(before >= 1);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync($"/api/notices/{notice.Id}/read", null)).StatusCode);
        var after = (await (await http.GetAsync("/api/notices/unread-count")).JsonAsync()).GetProperty("unread").GetInt32();
        Assert.Equal(before - 1, after);

        // Staff do not see the unit's notice; the page shows it to the unit, encoded.
        var staff = await app.SignedInAsync("demo-staff", RendaApp.DemoPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsync($"/api/notices/{notice.Id}/read", null)).StatusCode);
        var page = app.PageClient();
        await page.SignInWithFormAsync("demo-unit", RendaApp.DemoPassword);
        var html = await page.GetStringAsync("/notices");
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("class=\"notice-badge\"", html);      // the layout links to /notices with the count
        Assert.DoesNotContain("<script>alert(1)", html);
    }

    [Fact]
    public async Task A_reply_queues_an_sms_with_the_tracking_link_and_a_return_notifies_staff()
    {
        var (id, code, unit) = await AssignedAsync("村道坑洼需要修补");
        var unitActor = new TestActor("demo-unit", Roles.HandlingUnit, unit);
        Assert.True((await app.ActAsync(id, "acknowledge", unitActor, o => o.AcknowledgedAt = app.Clock.GetUtcNow().UtcDateTime)).Succeeded);
        Assert.Empty(await app.OutboxOfAsync(id));
        Assert.True((await app.ActAsync(id, "reply", unitActor, o => { o.ReplyContent = "已修补"; o.RepliedAt = app.Clock.GetUtcNow().UtcDateTime; })).Succeeded);

        var sms = Assert.Single(await app.OutboxOfAsync(id));
        Assert.Equal((NotificationChannels.Sms, "opinion.replied", OutboxStates.Pending), (sms.Channel, sms.Kind, sms.State));
        Assert.Contains($"/p/t/{code}", sms.Body);
        Assert.Equal("138****8000", sms.RecipientMasked);
        await using (var scope = app.Scope())
            Assert.Equal(OpinionTestSupport.Phone, scope.ServiceProvider.GetRequiredService<PersonalData>().Unprotect(sms.RecipientCipher));

        var (other, _, _) = await AssignedAsync("河道垃圾漂浮");
        Assert.True((await app.ActAsync(other, "return", unitActor, comment: "不属于本单位职责")).Succeeded);
        var returned = Assert.Single(await app.NoticesOfAsync(other), n => n.Kind == "opinion.returned");
        Assert.Equal((NoticeAudiences.Role, Roles.CongressStaff), (returned.Audience, returned.Recipient));
        Assert.Equal("不属于本单位职责", returned.Body);
    }

    [Fact]
    public async Task A_refused_action_queues_nothing()
    {
        var code = await app.SubmitOpinionAsCitizenAsync("公交站台缺少遮雨棚");
        var id = await app.IdOfAsync(code);
        var refused = await app.ActAsync(id, "reply", new TestActor("demo-unit", Roles.HandlingUnit, await app.DemoUnitIdAsync()));
        Assert.False(refused.Succeeded);
        Assert.Empty(await app.OutboxOfAsync(id));
        Assert.True((await app.ActAsync(id, "decline", Staff, o => o.DeclineReason = "不属于受理范围")).Succeeded);
        Assert.Equal("opinion.declined", Assert.Single(await app.OutboxOfAsync(id)).Kind);
    }
}
