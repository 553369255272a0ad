using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Contacts;
using Renda.Platform.Data;
using static Renda.IntegrationTests.Contacts.ContactsApp;

namespace Renda.IntegrationTests.Contacts;

/// <summary>Committee members and the pairing rules of 双联: one member keeps in touch with many
/// representatives, a representative with one member at a time, no duplicates, no pairing across counties.</summary>
public sealed class PairingTests(ContactsApp app) : IClassFixture<ContactsApp>
{
    [Fact]
    public async Task One_committee_member_keeps_in_touch_with_several_representatives_but_not_twice_with_one()
    {
        var staff = await app.As("aj-staff");
        var member = await MarkMemberAsync(staff, "委员", name: "钱卫东");

        var first = await PairCommitteeAsync(staff, member, app.Reps["张志强"]);
        var second = await PairCommitteeAsync(staff, member, app.Reps["刘丽华"]);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var created = await first.JsonAsync();
        Assert.Equal("committee", created.GetProperty("level").GetString());
        Assert.Equal("钱卫东", created.GetProperty("committeeMember").GetProperty("name").GetString());
        Assert.Equal("张志强", created.GetProperty("representative").GetProperty("name").GetString());

        var again = await PairCommitteeAsync(staff, member, app.Reps["张志强"]);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("urn:renda:problem:duplicate-pairing", (await again.JsonAsync()).GetProperty("type").GetString());

        var list = await GetJsonAsync(staff, $"/api/contacts/pairings?level=committee&committeeMemberId={member}");
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.Equal(["刘丽华", "张志强"], list.GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("representative").GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        var members = await GetJsonAsync(staff, "/api/contacts/committee-members");
        Assert.Equal(2, members.EnumerateArray().Single(m => m.GetProperty("id").GetInt64() == member).GetProperty("representatives").GetInt32());
    }

    [Fact]
    public async Task A_representative_has_one_committee_member_at_a_time_and_can_be_reassigned_after_the_pairing_ends()
    {
        var staff = await app.As("aj-staff");
        var first = await MarkMemberAsync(staff, "副主任", name: "孙立平");
        var second = await MarkMemberAsync(staff, "委员", name: "马晓东");
        var pairing = await IdOf(await PairCommitteeAsync(staff, first, app.Reps["陈永明"]));

        var taken = await PairCommitteeAsync(staff, second, app.Reps["陈永明"]);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("urn:renda:problem:already-paired", (await taken.JsonAsync()).GetProperty("type").GetString());

        var ended = await staff.PostAsync($"/api/contacts/pairings/{pairing}/end", null);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal("2026-03-02", (await ended.JsonAsync()).GetProperty("endedOn").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/contacts/pairings/{pairing}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PairCommitteeAsync(staff, second, app.Reps["陈永明"])).StatusCode);

        // The ended pairing stays, for its log; the active list shows the new one only.
        var active = await GetJsonAsync(staff, $"/api/contacts/pairings?level=committee&representativeId={app.Reps["陈永明"]}");
        Assert.Equal("马晓东", Assert.Single(active.GetProperty("items").EnumerateArray()).GetProperty("committeeMember").GetProperty("name").GetString());
        var all = await GetJsonAsync(staff, $"/api/contacts/pairings?level=committee&representativeId={app.Reps["陈永明"]}&includeEnded=true");
        Assert.Equal(2, all.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_committee_member_with_pairings_cannot_be_ended_and_one_without_can()
    {
        var staff = await app.As("aj-staff");
        var busy = await MarkMemberAsync(staff, "委员", name: "冯建华");
        var idle = await MarkMemberAsync(staff, "委员", name: "韩志刚");
        await IdOf(await PairCommitteeAsync(staff, busy, app.Reps["杨春燕"]));

        var refused = await staff.PostAsync($"/api/contacts/committee-members/{busy}/end", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/api/contacts/committee-members/{idle}/end", null)).StatusCode);

        var pairAfterEnd = await PairCommitteeAsync(staff, idle, app.Reps["赵德明"]);
        Assert.Equal(HttpStatusCode.BadRequest, pairAfterEnd.StatusCode);
        Assert.Contains("committeeMemberId", (await FieldErrorsAsync(pairAfterEnd)).Keys);
    }

    [Fact]
    public async Task Only_accounts_of_staff_or_leaders_of_this_congress_can_be_marked_and_only_once()
    {
        var staff = await app.As("aj-staff");

        var leader = await staff.PostAsJsonAsync("/api/contacts/committee-members", new { title = "副主任", userName = "aj-leader" });
        Assert.Equal(HttpStatusCode.Created, leader.StatusCode);
        var body = await leader.JsonAsync();
        Assert.Equal("aj-leader", body.GetProperty("userName").GetString());
        Assert.Equal("测试 aj-leader", body.GetProperty("name").GetString());   // the account's display name
        Assert.Equal("第十八届", body.GetProperty("term").GetString());

        var twice = await staff.PostAsJsonAsync("/api/contacts/committee-members", new { title = "委员", userName = "aj-leader" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);

        var unit = await staff.PostAsJsonAsync("/api/contacts/committee-members", new { title = "委员", userName = "aj-unit" });
        Assert.Equal(HttpStatusCode.BadRequest, unit.StatusCode);
        Assert.Contains("userName", (await FieldErrorsAsync(unit)).Keys);

        // 长兴县's leader is not visible from 安吉县: no such account.
        var neighbour = await staff.PostAsJsonAsync("/api/contacts/committee-members", new { title = "委员", userName = "cx-leader" });
        Assert.Equal(HttpStatusCode.BadRequest, neighbour.StatusCode);

        var untitled = await staff.PostAsJsonAsync("/api/contacts/committee-members", new { name = "无职务" });
        Assert.Contains("title", (await FieldErrorsAsync(untitled)).Keys);
        var nameless = await staff.PostAsJsonAsync("/api/contacts/committee-members", new { title = "委员" });
        Assert.Contains("name", (await FieldErrorsAsync(nameless)).Keys);

        var leaderMarks = await (await app.As("aj-leader")).PostAsJsonAsync("/api/contacts/committee-members", new { title = "委员", name = "某某" });
        Assert.Equal(HttpStatusCode.Forbidden, leaderMarks.StatusCode);
    }

    [Fact]
    public async Task Staff_of_the_neighbouring_county_see_none_and_cannot_pair_across_counties()
    {
        var anji = await app.As("aj-staff");
        var anjiMember = await MarkMemberAsync(anji, "委员", name: "褚光明");
        await IdOf(await PairCommitteeAsync(anji, anjiMember, app.Reps["周海涛"]));
        await IdOf(await PairVoterAsync(anji, app.Reps["周海涛"], "蒋大伯", XiaofengVillage, "13900001111"));

        var cx = await app.As("cx-staff");
        var cxMember = await MarkMemberAsync(cx, "委员", name: "沈长兴");
        foreach (var url in new[] { "/api/contacts/pairings", "/api/contacts/log" })
            Assert.Equal(0, (await GetJsonAsync(cx, url)).GetProperty("total").GetInt32());
        Assert.DoesNotContain((await GetJsonAsync(cx, "/api/contacts/committee-members")).EnumerateArray(),
            m => m.GetProperty("name").GetString() == "褚光明");
        Assert.Equal(0, (await GetJsonAsync(cx, "/api/contacts/report")).GetProperty("totals").GetProperty("pairings").GetInt32());

        // From 长兴县, 安吉县's representative does not exist.
        var across = await PairCommitteeAsync(cx, cxMember, app.Reps["周海涛"]);
        Assert.Equal(HttpStatusCode.BadRequest, across.StatusCode);
        Assert.Contains("representativeId", (await FieldErrorsAsync(across)).Keys);

        // The city sees both counties, and still cannot pair one county's member with the other's representative.
        var city = await app.As("hz-staff");
        var mixed = await PairCommitteeAsync(city, cxMember, app.Reps["吴晓红"]);
        Assert.Equal(HttpStatusCode.Conflict, mixed.StatusCode);
        Assert.Equal("urn:renda:problem:different-congress", (await mixed.JsonAsync()).GetProperty("type").GetString());

        // Nor give 安吉县's representative a voter who lives in 长兴县.
        var voter = await PairVoterAsync(city, app.Reps["吴晓红"], "外县人", ChangxingVillage);
        Assert.Equal(HttpStatusCode.BadRequest, voter.StatusCode);
        Assert.Contains("voter.jurisdictionCode", (await FieldErrorsAsync(voter)).Keys);

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.Set<ContactPairing>().AnyAsync(p => p.CommitteeMemberId != null && p.RepresentativeId == app.Reps["吴晓红"]));
    }

    [Fact]
    public async Task A_voter_is_paired_once_per_representative_and_a_representative_adds_only_their_own()
    {
        var staff = await app.As("aj-staff");
        var rep = await app.As("aj-rep");   // 王建国

        var own = await PairVoterAsync(rep, null, "许阿姨", DipuVillage, "138 1234 8000", "独居老人");
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var voter = (await own.JsonAsync()).GetProperty("voter");
        Assert.Equal("许阿姨", voter.GetProperty("name").GetString());
        Assert.Equal("三官村", voter.GetProperty("village").GetString());
        Assert.Equal("138****8000", voter.GetProperty("phone").GetString());

        var duplicate = await PairVoterAsync(staff, app.Reps["王建国"], "许阿姨", DipuVillage);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var sameVoter = await staff.PostAsJsonAsync("/api/contacts/pairings",
            new { level = "representative", representativeId = app.Reps["王建国"], voterId = voter.GetProperty("id").GetInt64() });
        Assert.Equal(HttpStatusCode.Conflict, sameVoter.StatusCode);

        // The same person may keep in touch with a second representative.
        var shared = await staff.PostAsJsonAsync("/api/contacts/pairings",
            new { level = "representative", representativeId = app.Reps["张志强"], voterId = voter.GetProperty("id").GetInt64() });
        Assert.Equal(HttpStatusCode.Created, shared.StatusCode);

        var others = await PairVoterAsync(rep, app.Reps["李秀英"], "别人的选民", DipuVillage);
        Assert.Equal(HttpStatusCode.Forbidden, others.StatusCode);
        var committee = await PairCommitteeAsync(rep, 1, app.Reps["王建国"]);
        Assert.Equal(HttpStatusCode.Forbidden, committee.StatusCode);
    }

    [Theory]
    [InlineData("""{}""", "level")]
    [InlineData("""{"level":"household"}""", "level")]
    [InlineData("""{"level":"committee"}""", "committeeMemberId")]
    [InlineData("""{"level":"committee","committeeMemberId":1}""", "representativeId")]
    [InlineData("""{"level":"representative","representativeId":1}""", "voter")]
    [InlineData("""{"level":"representative","representativeId":1,"voter":{"jurisdictionCode":"330523001201"}}""", "voter.name")]
    [InlineData("""{"level":"representative","representativeId":1,"voter":{"name":"王五"}}""", "voter.jurisdictionCode")]
    [InlineData("""{"level":"representative","representativeId":1,"voter":{"name":"王五","jurisdictionCode":"3305x"}}""", "voter.jurisdictionCode")]
    [InlineData("""{"level":"representative","representativeId":1,"voter":{"name":"王五","jurisdictionCode":"330523999999"}}""", "voter.jurisdictionCode")]
    [InlineData("""{"level":"representative","representativeId":1,"voter":{"name":"王五","jurisdictionCode":"330523001201","phone":"12345"}}""", "voter.phone")]
    [InlineData("""{"level":"representative","representativeId":1,"voter":{"name":"王五\u0007","jurisdictionCode":"330523001201"}}""", "voter.name")]
    [InlineData("""{"level":"representative","representativeId":1,"voter":{"name":"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十X","jurisdictionCode":"330523001201"}}""", "voter.name")]
    [InlineData("""{"level":"representative","representativeId":999999,"voter":{"name":"王五","jurisdictionCode":"330523001201"}}""", "representativeId")]
    public async Task Bad_pairings_get_a_400_naming_the_field_and_create_nothing(string json, string field)
    {
        var staff = await app.As("aj-staff");
        int before;
        await using (var scope = app.Scope())
            before = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<ContactPairing>().CountAsync();

        var res = await staff.PostAsync("/api/contacts/pairings", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, (await FieldErrorsAsync(res)).Keys);
        await using (var scope = app.Scope())
            Assert.Equal(before, await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<ContactPairing>().CountAsync());
    }

    [Fact]
    public async Task Roles_outside_keeping_in_touch_are_refused()
    {
        await app.CreateUserAsync("aj-auditor", Anji, Platform.Auth.Roles.Auditor);
        foreach (var user in new[] { "aj-unit", "aj-auditor" })
        {
            var http = await app.As(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/contacts/pairings")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/contacts/report")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/contacts/pairings")).StatusCode);
        var station = await app.As("aj-station");
        Assert.Equal(HttpStatusCode.Forbidden, (await PairCommitteeAsync(station, 1, app.Reps["王建国"])).StatusCode);
    }
}
