using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.IntegrationTests.Stations;
using Renda.Modules.Suggestions;
using Renda.Platform.Data;
using Renda.Platform.Documents;

namespace Renda.IntegrationTests.Suggestions;

/// <summary>--demo: a session's worth of suggestions and motions in every state, and the pages over them.</summary>
[Collection(StationsCollection.Name)]
public sealed class DemoSuggestionsTests(DemoApp app)
{
    private Task<HttpClient> As(string user) => app.SignedInAsync(user, RendaApp.DemoPassword);

    [Fact]
    public async Task The_demo_has_suggestions_in_every_state_and_the_rates_and_compilation_show_them()
    {
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var states = await db.Set<Suggestion>().Select(s => s.State).Distinct().ToListAsync();
            Assert.Equal(SuggestionWorkflow.Definition.States.Order(), states.Order());
            Assert.True(await db.Set<Suggestion>().AnyAsync(s => s.Kind == SuggestionTerms.Motion));
            Assert.True(await db.Set<Suggestion>().AnyAsync(s => s.CarriedOver && s.State == "in_progress"));
            Assert.True(await db.Set<Suggestion>().AnyAsync(s => s.Round > 1 && s.State == "closed"));
        }
        var staff = await As("demo-staff");
        var stats = await staff.GetFromJsonAsync<JsonElement>("/api/suggestions/stats");
        Assert.True(stats.GetProperty("total").GetProperty("replied").GetInt32() > 5);
        Assert.True(stats.GetProperty("total").GetProperty("satisfactionRate").GetDouble() > 0);
        Assert.True(stats.GetProperty("total").GetProperty("overdue").GetInt32() > 0);
        var docx = await staff.GetByteArrayAsync("/api/suggestions/compilation.docx");
        var text = DocxText.Paragraphs(docx);
        Assert.StartsWith("安吉县第十八届人民代表大会第五次会议", text[0]);
        Assert.Contains(text, p => p.StartsWith("建议第1号", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_pages_show_the_demo_to_each_role()
    {
        var staff = app.PageClient();
        await staff.SignInWithFormAsync("demo-staff", RendaApp.DemoPassword);
        var list = await staff.GetStringAsync("/suggestions");
        Assert.Contains("关于支持竹产业转型升级的建议", list);           // newest first, on the first page
        Assert.DoesNotContain("关于加快县城老旧小区加装电梯的建议", list);   // the demo-rep's draft is theirs alone
        Assert.Contains("超期", list);
        Assert.Contains("县住房和城乡建设局", await staff.GetStringAsync("/suggestions/board"));
        Assert.Contains("办成率", await staff.GetStringAsync("/suggestions/dashboard"));

        long id;
        await using (var scope = app.Scope())
            id = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Suggestion>().Where(s => s.State == "submitted" && s.Kind == "motion").Select(s => s.Id).FirstAsync();
        var detail = await staff.GetStringAsync($"/suggestions/{id}");
        Assert.Contains("data-action=\"register\"", detail);
        Assert.Contains("转为建议", detail);

        var rep = app.PageClient();
        await rep.SignInWithFormAsync("demo-rep", RendaApp.DemoPassword);
        var mine = await rep.GetStringAsync("/suggestions");
        Assert.Contains("草稿", mine);
        Assert.Contains("提出建议或议案", mine);

        var anonymous = app.CreateClient();
        var pub = await anonymous.GetAsync("/p/suggestions");
        Assert.Equal(HttpStatusCode.OK, pub.StatusCode);
        Assert.Contains("领衔代表", await pub.Content.ReadAsStringAsync());
    }
}
