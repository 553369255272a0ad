using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Renda.IntegrationTests.Infrastructure;
using Renda.IntegrationTests.Stations;
using Renda.Modules.Performance;
using Renda.Platform.Calendar;
using static Renda.IntegrationTests.Stations.StationTestSupport;

namespace Renda.IntegrationTests.Performance;

/// <summary>自主登记 and its review, activities with invitation balancing and attendance, 述职 with one vote per code.</summary>
[Collection(StationsCollection.Name)]
public sealed class SelfRegistrationAndActivitiesTests(DemoApp app)
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private string Today => ChinaTime.Format(ChinaTime.Today(app.Clock));
    private int ThisYear => ChinaTime.Today(app.Clock).Year;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient http, long id, byte[] bytes, string name)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", name);
        return await http.PostAsync($"/api/duty-records/{id}/evidence", form);
    }

    [Fact]
    public async Task A_self_registered_record_is_pending_until_staff_approve_it_and_only_then_scores()
    {
        var staff = await app.StaffAsync();
        var (rep, http) = await app.RepresentativeAccountAsync("self-rep");
        var res = await http.PostJsonAsync("/api/duty-records", new { kind = "self_reported", date = Today, description = "走访辖区企业，了解用工情况" });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var created = await res.JsonAsync();
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("pending", created.GetProperty("state").GetString());
        Assert.Equal($"/api/duty-records/{id}", res.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(http, id, Png, "照片.png")).StatusCode);

        var demoBook = await staff.ScoreAsync(rep, ThisYear);
        Assert.Equal(0, demoBook.Line("ZZ").GetProperty("records").GetInt32());

        var view = await staff.OkJsonAsync($"/api/duty-records/{id}");
        Assert.Equal(["approve", "return"], view.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("image/png", view.GetProperty("evidenceType").GetString());
        var evidence = await staff.GetAsync($"/api/duty-records/{id}/evidence");
        Assert.Equal(Png, await evidence.Content.ReadAsByteArrayAsync());
        // A representative may not approve their own: refused (409, the workflow's answer) and still pending.
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostJsonAsync($"/api/duty-records/{id}/actions/approve", new { })).StatusCode);
        Assert.Equal("pending", (await staff.OkJsonAsync($"/api/duty-records/{id}")).GetProperty("state").GetString());

        var approved = await staff.PostJsonAsync($"/api/duty-records/{id}/actions/approve", new { });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("approved", (await approved.JsonAsync()).GetProperty("state").GetString());
        var after = await http.ScoreAsync(rep, ThisYear);
        Assert.Equal(1, after.Line("ZZ").GetProperty("records").GetInt32());
        Assert.Equal(1m, after.Line("ZZ").Dec("points"));
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostJsonAsync($"/api/duty-records/{id}/actions/return", new { reason = "迟了" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await UploadAsync(http, id, Png, "again.png")).StatusCode);
    }

    [Fact]
    public async Task A_returned_record_needs_a_reason_and_never_scores()
    {
        var staff = await app.StaffAsync();
        var (rep, http) = await app.RepresentativeAccountAsync("returned-rep");
        var id = (await (await http.PostJsonAsync("/api/duty-records", new { date = Today, description = "参加社区活动" })).JsonAsync()).GetProperty("id").GetInt64();

        await AssertInvalidAsync(await staff.PostJsonAsync($"/api/duty-records/{id}/actions/return", new { reason = "  " }), "reason");
        var returned = await staff.PostJsonAsync($"/api/duty-records/{id}/actions/return", new { reason = "请补充活动照片" });
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        var body = await returned.JsonAsync();
        Assert.Equal("returned", body.GetProperty("state").GetString());
        Assert.Equal("请补充活动照片", body.GetProperty("returnReason").GetString());
        Assert.Equal(0, (await http.ScoreAsync(rep, ThisYear)).Line("ZZ").GetProperty("records").GetInt32());
        var archive = await http.OkJsonAsync($"/api/representatives/{rep}/archive?kind=self_reported");
        Assert.Equal("rejected", archive.GetProperty("items")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Bad_registrations_are_400_per_field_and_only_representatives_register()
    {
        var (_, http) = await app.RepresentativeAccountAsync("bad-self-rep");
        var future = ChinaTime.Format(ChinaTime.Today(app.Clock).AddDays(3));
        await AssertInvalidAsync(await http.PostJsonAsync("/api/duty-records", new { kind = "reception", date = future, description = "" }),
            "kind", "date", "description");
        await AssertInvalidAsync(await http.PostJsonAsync("/api/duty-records", new { kind = "self_reported", date = "2026-13-45", description = new string('长', 1001) }),
            "date", "description");
        var id = (await (await http.PostJsonAsync("/api/duty-records", new { date = Today, description = "<script>alert(1)</script>" })).JsonAsync()).GetProperty("id").GetInt64();
        await AssertInvalidAsync(await UploadAsync(http, id, "<html><body>not a photo</body></html>"u8.ToArray(), "photo.png"), "evidence");
        var staff = await app.StaffAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostJsonAsync("/api/duty-records", new { date = Today, description = "工作人员代登" })).StatusCode);
        var listed = await staff.OkJsonAsync("/api/duty-records?state=pending&pageSize=100");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == id && i.GetProperty("description").GetString() == "<script>alert(1)</script>");
    }

    [Fact]
    public async Task Attendance_writes_the_duty_record_of_the_activity_kind_and_a_correction_withdraws_it()
    {
        var staff = await app.StaffAsync();
        var rep = await app.NewRepresentativeAsync("出勤代表");
        var a = await (await staff.PostJsonAsync("/api/activities", new { type = "training", title = "履职能力培训", date = "2026-01-20", place = "县委党校", organiser = "代表工委" })).JsonAsync();
        var id = a.GetProperty("id").GetInt64();
        await staff.PostJsonAsync($"/api/activities/{id}/invitations", new { representativeIds = new[] { rep } });

        await AssertInvalidAsync(await staff.PutAsJsonAsync($"/api/activities/{id}/attendance", new { entries = new[] { new { representativeId = rep, status = "excused", reason = (string?)null } } }),
            "entries[0].reason");
        await AssertInvalidAsync(await staff.PutAsJsonAsync($"/api/activities/{id}/attendance", new { entries = new[] { new { representativeId = 987654321L, status = "present", reason = (string?)null } } }),
            "entries[0].representativeId");
        var present = await staff.PutAsJsonAsync($"/api/activities/{id}/attendance", new { entries = new[] { new { representativeId = rep, status = "present", reason = (string?)null } } });
        Assert.Equal(HttpStatusCode.OK, present.StatusCode);
        var archive = await staff.OkJsonAsync($"/api/representatives/{rep}/archive");
        var item = Assert.Single(archive.GetProperty("items").EnumerateArray());
        Assert.Equal("training", item.GetProperty("kind").GetString());
        Assert.Equal("培训：履职能力培训", item.GetProperty("title").GetString());

        await staff.PutAsJsonAsync($"/api/activities/{id}/attendance", new { entries = new[] { new { representativeId = rep, status = "absent", reason = (string?)null } } });
        Assert.Equal(0, (await staff.OkJsonAsync($"/api/representatives/{rep}/archive")).GetProperty("total").GetInt32());
        var view = await staff.OkJsonAsync($"/api/activities/{id}");
        Assert.Equal("absent", view.GetProperty("invitations")[0].GetProperty("attendance").GetString());
        await AssertInvalidAsync(await staff.PostJsonAsync("/api/activities", new { type = "picnic", title = "", date = "x", place = "", organiser = "" }),
            "type", "title", "date", "place", "organiser");
    }

    [Fact]
    public async Task The_invitation_picker_lists_those_who_took_part_least_this_term_first()
    {
        var staff = await app.StaffAsync();
        var often = await app.NewRepresentativeAsync("常参加代表");
        var never = await app.NewRepresentativeAsync("从未参加代表");
        for (var i = 0; i < 2; i++)
        {
            var id = (await (await staff.PostJsonAsync("/api/activities", new { type = "research", title = $"调研 {i}", date = "2026-02-0" + (i + 1), place = "乡镇", organiser = "代表工委" })).JsonAsync()).GetProperty("id").GetInt64();
            await staff.PostJsonAsync($"/api/activities/{id}/invitations", new { representativeIds = new[] { often } });
            await staff.PutAsJsonAsync($"/api/activities/{id}/attendance", new { entries = new[] { new { representativeId = often, status = "present", reason = (string?)null } } });
        }
        var next = (await (await staff.PostJsonAsync("/api/activities", new { type = "meeting_day", title = "统一见面日", date = "2026-02-15", place = "联络站", organiser = "代表工委" })).JsonAsync()).GetProperty("id").GetInt64();

        var candidates = (await staff.OkJsonAsync($"/api/activities/{next}/candidates?take=1000")).EnumerateArray().ToList();
        var attended = candidates.Select(c => c.GetProperty("attended").GetInt32()).ToList();
        Assert.Equal(attended.Order(), attended);
        var iNever = candidates.FindIndex(c => c.GetProperty("representativeId").GetInt64() == never);
        var iOften = candidates.FindIndex(c => c.GetProperty("representativeId").GetInt64() == often);
        Assert.True(iNever >= 0 && iOften > iNever, $"never at {iNever}, often at {iOften}");
        Assert.Equal(2, candidates[iOften].GetProperty("attended").GetInt32());
        Assert.Equal(0, candidates[0].GetProperty("attended").GetInt32());
    }

    [Fact]
    public async Task Each_attendee_code_votes_once_on_paper_or_phone_and_closing_tallies_into_the_archive()
    {
        var staff = await app.StaffAsync();
        var (rep, http) = await app.RepresentativeAccountAsync("reporting-rep");
        await app.RecordsAsync(rep, DutyKinds.Reception, 3, "2026-01-05");
        var res = await staff.PostJsonAsync("/api/reporting-meetings", new { representativeId = rep, date = "2026-02-10", place = "递铺街道代表联络站", audience = "选区选民", attendees = 4 });
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        var meeting = await res.JsonAsync();
        var id = meeting.GetProperty("id").GetInt64();
        var codes = meeting.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        var publicCode = meeting.GetProperty("publicCode").GetString();
        Assert.Equal(4, codes.Distinct().Count());
        Assert.Contains("接待选民 3 次", meeting.GetProperty("draft").GetString());

        var phone = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await phone.PostAsJsonAsync($"/api/public/evaluations/{publicCode}", new { code = codes[0].ToLowerInvariant(), rating = "satisfied" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await phone.PostAsJsonAsync($"/api/public/evaluations/{publicCode}", new { code = codes[0], rating = "unsatisfied" })).StatusCode);
        await AssertInvalidAsync(await phone.PostAsJsonAsync($"/api/public/evaluations/{publicCode}", new { code = "NOPE99", rating = "great" }), "code", "rating");
        Assert.Equal(HttpStatusCode.NotFound, (await phone.PostAsJsonAsync("/api/public/evaluations/XXXXXXXXXX", new { code = codes[1], rating = "satisfied" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostJsonAsync($"/api/reporting-meetings/{id}/votes", new { code = codes[1], rating = "basically_satisfied" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostJsonAsync($"/api/reporting-meetings/{id}/votes", new { code = codes[0], rating = "satisfied" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.PostAsJsonAsync($"/api/public/evaluations/{publicCode}", new { code = codes[2], rating = "unsatisfied" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostJsonAsync($"/api/reporting-meetings/{id}/close", new { })).StatusCode);

        var closed = await (await staff.PostJsonAsync($"/api/reporting-meetings/{id}/close", new { })).JsonAsync();
        Assert.Equal((1, 1, 1, 3), (closed.GetProperty("satisfied").GetInt32(), closed.GetProperty("basicallySatisfied").GetInt32(),
            closed.GetProperty("unsatisfied").GetInt32(), closed.GetProperty("cast").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, (await phone.PostAsJsonAsync($"/api/public/evaluations/{publicCode}", new { code = codes[3], rating = "satisfied" })).StatusCode);
        var archive = await http.OkJsonAsync($"/api/representatives/{rep}/archive?kind=evaluation");
        Assert.Contains("满意率 66.7%", archive.GetProperty("items")[0].GetProperty("detail").GetString());
        var mine = await http.OkJsonAsync($"/api/reporting-meetings/{id}");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, mine.GetProperty("codes").ValueKind);
    }
}
