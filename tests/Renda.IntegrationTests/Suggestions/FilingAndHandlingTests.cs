using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Suggestions;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Documents;

namespace Renda.IntegrationTests.Suggestions;

/// <summary>Co-signers of motions, conversion, duplicates, several units, reply documents, the opinions hook.</summary>
[Collection(SuggestionsCollection.Name)]
public sealed class FilingAndHandlingTests(SuggestionsApp app)
{
    private async Task ConfirmAsync(long id, string name) =>
        Assert.Equal(HttpStatusCode.OK, (await (await app.As(SuggestionsApp.UserOf(name))).PostAsync($"/api/suggestions/{id}/co-sign", null)).StatusCode);

    [Fact]
    public async Task A_county_motion_needs_ten_signers_counting_only_confirmed_co_signers()
    {
        var others = SuggestionsApp.Names.Skip(1).Take(10).ToArray();
        var id = await app.DraftAsync(kind: "motion", title: "关于制定《安吉县竹林保护条例》的议案", coSigners: others.Select(n => app.Reps[n]).ToArray());
        var view = await app.GetAsync("sg-rep", id);
        Assert.Equal(10, view.GetProperty("requiredSigners").GetInt32());
        Assert.Equal(1, view.GetProperty("signers").GetInt32());

        foreach (var n in others.Take(8)) await ConfirmAsync(id, n);      // 1 + 8 = 9 signers
        var refused = await app.ActAsync("sg-rep", id, "submit");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Equal("motion-needs-co-signers", SuggestionsApp.ProblemType(problem));
        Assert.Contains("10", problem.GetProperty("reasonZh").GetString());
        Assert.Equal("draft", (await app.GetAsync("sg-rep", id)).GetProperty("state").GetString());

        await ConfirmAsync(id, others[8]);                                  // 10 signers
        Assert.Equal("submitted", (await app.MustActAsync("sg-rep", id, "submit")).GetProperty("state").GetString());
        // Co-signing closes at submission.
        Assert.Equal(HttpStatusCode.Conflict, (await (await app.As(SuggestionsApp.UserOf(others[9]))).PostAsync($"/api/suggestions/{id}/co-sign", null)).StatusCode);
    }

    [Fact]
    public async Task Only_invited_representatives_confirm_and_only_the_filer_invites_before_submission()
    {
        var id = await app.DraftAsync(coSigners: [app.Reps["李秀英"]]);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("sg-rep3")).PostAsync($"/api/suggestions/{id}/co-sign", null)).StatusCode);
        var invite = await (await app.As("sg-rep")).PostAsJsonAsync($"/api/suggestions/{id}/co-signers", new { representativeIds = new[] { app.Reps["张志强"] } });
        Assert.Equal(HttpStatusCode.OK, invite.StatusCode);
        await ConfirmAsync(id, "张志强");
        var byOther = await (await app.As("sg-rep2")).PostAsJsonAsync($"/api/suggestions/{id}/co-signers", new { representativeIds = new[] { app.Reps["刘丽华"] } });
        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        var outsider = await (await app.As("sg-rep")).PostAsJsonAsync($"/api/suggestions/{id}/co-signers", new { representativeIds = new[] { app.ChangxingRep } });
        Assert.Equal(HttpStatusCode.BadRequest, outsider.StatusCode);
    }

    [Fact]
    public async Task A_township_congress_needs_five_signers_and_the_numbers_are_settings()
    {
        var options = new SuggestionOptions();
        Assert.Equal(5, options.RequiredMotionSigners(Renda.Platform.Jurisdictions.JurisdictionLevel.Township));
        Assert.Equal(10, options.RequiredMotionSigners(Renda.Platform.Jurisdictions.JurisdictionLevel.County));
        options.MotionSigners["County"] = 12;
        Assert.Equal(12, options.RequiredMotionSigners(Renda.Platform.Jurisdictions.JurisdictionLevel.County));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Staff_convert_a_motion_into_a_suggestion_when_registering_it()
    {
        var others = SuggestionsApp.Names.Skip(1).Take(9).ToArray();
        var id = await app.DraftAsync(kind: "motion", title: "关于加强西苕溪流域生态保护的议案", coSigners: others.Select(n => app.Reps[n]).ToArray());
        foreach (var n in others) await ConfirmAsync(id, n);
        await app.MustActAsync("sg-rep", id, "submit");
        var view = await app.MustActAsync("sg-staff", id, "register", new { convertToSuggestion = true });
        Assert.Equal("suggestion", view.GetProperty("kind").GetString());
        Assert.True(view.GetProperty("convertedFromMotion").GetBoolean());
        Assert.Equal(1, view.GetProperty("requiredSigners").GetInt32());

        var plain = await app.DraftAsync();
        await app.MustActAsync("sg-rep", plain, "submit");
        var bad = await app.ActAsync("sg-staff", plain, "register", new { convertToSuggestion = true });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty("convertToSuggestion", out _));
        var wrongType = await app.ActAsync("sg-staff", plain, "register", new { convertToSuggestion = "yes" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
    }

    [Fact]
    public async Task Duplicates_by_other_representatives_are_found_for_registration()
    {
        var mine = await app.DraftAsync(title: "关于解决天荒坪镇农村生活污水处理问题的建议");
        await app.MustActAsync("sg-rep", mine, "submit");
        var theirs = await app.DraftAsync(filer: "sg-rep2", title: "关于天荒坪镇农村生活污水处理设施提升的建议");
        await app.MustActAsync("sg-rep2", theirs, "submit");
        var unrelated = await app.DraftAsync(filer: "sg-rep3", title: "关于增加中小学体育课时的建议", category: "教科文卫");
        await app.MustActAsync("sg-rep3", unrelated, "submit");

        var found = await (await app.As("sg-staff")).GetFromJsonAsync<JsonElement>($"/api/suggestions/{theirs}/duplicates");
        var ids = found.EnumerateArray().Select(d => d.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(mine, ids);
        Assert.DoesNotContain(unrelated, ids);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("sg-rep")).GetAsync($"/api/suggestions/{theirs}/duplicates")).StatusCode);
    }

    [Fact]
    public async Task A_co_unit_sends_its_opinion_to_the_lead_unit_which_replies_for_all()
    {
        var id = await app.InProgressAsync();
        var byLead = await (await app.As("sg-lead")).PostAsJsonAsync($"/api/suggestions/{id}/co-opinion", new { content = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, byLead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("sg-other-unit")).PostAsJsonAsync($"/api/suggestions/{id}/co-opinion", new { content = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await (await app.As("sg-co")).PostAsJsonAsync($"/api/suggestions/{id}/co-opinion", new { content = "" })).StatusCode);
        var sent = await (await app.As("sg-co")).PostAsJsonAsync($"/api/suggestions/{id}/co-opinion", new { content = "可结合公交首末站建设同步配建停车位。" });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        var seenByLead = await app.GetAsync("sg-lead", id);
        var co = seenByLead.GetProperty("units").EnumerateArray().Single(u => u.GetProperty("role").GetString() == "co");
        Assert.Equal("可结合公交首末站建设同步配建停车位。", co.GetProperty("opinion").GetString());
        // The co-unit sees the suggestion, but the reply is the lead unit's.
        Assert.DoesNotContain("reply", (await app.GetAsync("sg-co", id)).GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("reply", seenByLead.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        var coList = await (await app.As("sg-co")).GetFromJsonAsync<JsonElement>($"/api/suggestions?pageSize=200");
        Assert.Contains(id, coList.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
    }

    private static MultipartFormDataContent Upload(byte[] bytes, string name, string declared)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(declared);
        return new MultipartFormDataContent { { content, "file", name } };
    }

    [Fact]
    public async Task A_reply_document_is_checked_by_its_bytes_and_can_stand_for_the_written_reply()
    {
        var id = await app.InProgressAsync();
        var lead = await app.As("sg-lead");
        var liar = await lead.PostAsync($"/api/suggestions/{id}/documents", Upload("<html>not a pdf</html>"u8.ToArray(), "答复.pdf", "application/pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, liar.StatusCode);
        var fakeZip = await lead.PostAsync($"/api/suggestions/{id}/documents", Upload([0x50, 0x4B, 0x03, 0x04, 1, 2, 3], "答复.docx", DocxDocument.ContentType));
        Assert.Equal(HttpStatusCode.BadRequest, fakeZip.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("sg-co")).PostAsync($"/api/suggestions/{id}/documents",
            Upload("%PDF-1.4\n"u8.ToArray(), "a.pdf", "application/pdf"))).StatusCode);

        var docx = new DocxDocument().Title("关于王建国代表建议的答复").Paragraph("已办理。").ToBytes();
        var ok = await lead.PostAsync($"/api/suggestions/{id}/documents", Upload(docx, "答复函.pdf", "application/pdf"));   // the name lies; the bytes decide
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var doc = await ok.JsonAsync();
        Assert.Equal(DocxDocument.ContentType, doc.GetProperty("contentType").GetString());
        Assert.Equal("答复函.docx", doc.GetProperty("fileName").GetString());

        var view = await app.MustActAsync("sg-lead", id, "reply", new { resultClass = "solved" });     // no text: the document is the reply
        Assert.Equal("replied", view.GetProperty("state").GetString());
        var back = await (await app.As("sg-rep")).GetByteArrayAsync($"/api/suggestions/{id}/documents/{doc.GetProperty("id").GetInt64()}");
        Assert.Contains("已办理。", DocxText.Paragraphs(back));
    }

    [Fact]
    public async Task An_escalated_opinion_becomes_a_recess_draft_that_keeps_its_origin_saved_by_the_caller()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var draft = await EscalatedOpinions.DraftAsync(db, new EscalatedOpinion(4711, app.Reps["王建国"], "村口路灯损坏多年未修", "群众反映：村口路灯损坏。", "城乡建设"));
        Assert.Equal(EntityState.Added, db.Entry(draft).State);
        await using (var check = app.Scope())
            Assert.False(await check.ServiceProvider.GetRequiredService<AppDbContext>().Set<Suggestion>().AnyAsync(s => s.OriginOpinionId == 4711));
        await db.SaveChangesAsync();

        Assert.Equal("recess", draft.Period);
        Assert.Equal("draft", draft.State);
        Assert.Equal(SuggestionsApp.Anji, draft.JurisdictionCode);
        var view = await app.GetAsync("sg-rep", draft.Id);
        Assert.Equal(4711, view.GetProperty("originOpinionId").GetInt64());
        Assert.Equal("来自选民意见 #4711", view.GetProperty("originLabel").GetString());
        Assert.Contains("submit", view.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            EscalatedOpinions.DraftAsync(db, new EscalatedOpinion(1, 99999999, "t", "b", null)));
    }

    [Fact]
    public async Task The_unit_board_counts_what_each_unit_holds_and_what_is_overdue()
    {
        var overdue = await app.AssignedAsync(deadline: 1);
        app.Clock.Advance(TimeSpan.FromDays(7));
        try
        {
            var board = await (await app.As("sg-staff")).GetFromJsonAsync<JsonElement>("/api/suggestions/board");
            var row = board.EnumerateArray().Single(r => r.GetProperty("unitId").GetInt64() == app.Units["县住房和城乡建设局"]);
            Assert.True(row.GetProperty("overdue").GetInt32() >= 1);
            Assert.True(row.GetProperty("lead").GetInt32() >= 1);
            Assert.True(row.GetProperty("oldestDays").GetInt32() >= 7);
            var co = board.EnumerateArray().Single(r => r.GetProperty("unitId").GetInt64() == app.Units["县交通运输局"]);
            Assert.True(co.GetProperty("co").GetInt32() >= 1);
            var list = await (await app.As("sg-staff")).GetFromJsonAsync<JsonElement>("/api/suggestions?overdue=true&pageSize=200");
            Assert.Contains(overdue, list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("sg-lead")).GetAsync("/api/suggestions/board")).StatusCode);
        }
        finally { app.Clock.Advance(TimeSpan.FromDays(-7)); }
    }
}
