using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Congress;
using Renda.Modules.Representatives;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Jurisdictions;
using Renda.Platform.Spreadsheets;
using Renda.Platform.Validation;
using static Renda.IntegrationTests.Representatives.RosterFiles;

namespace Renda.IntegrationTests.Representatives;

/// <summary>/api/representatives: the list contract, filters and pinyin search, detail, create, edit
/// with versions, end of office, audited reveal, export, photos, groups, scoping and hostile text.</summary>
public sealed class RosterApiTests(DemoApp app) : IClassFixture<DemoApp>
{
    private Task<HttpClient> Staff() => app.SignedInAsync("demo-staff", RendaApp.DemoPassword);

    private static object Body(RosterLine p, long? version = null, string? group = null) => new
    {
        name = p.Name, gender = p.Gender, ethnicity = p.Ethnicity, birthDate = p.BirthDate, idNumber = p.IdNumber, phone = p.Phone,
        occupation = p.Occupation, employer = p.Employer, constituency = p.Constituency, delegationGroup = group ?? p.DelegationGroup,
        professionalGroup = p.ProfessionalGroup, version,
    };

    private static async Task<(long Id, long Version)> CreateAsync(HttpClient http, RosterLine p)
    {
        var res = await http.PostAsJsonAsync("/api/representatives", Body(p));
        Assert.True(res.StatusCode == HttpStatusCode.Created, await res.Content.ReadAsStringAsync());
        var saved = await res.JsonAsync();
        return (saved.GetProperty("id").GetInt64(), saved.GetProperty("version").GetInt64());
    }

    private static async Task<JsonElement> DetailAsync(HttpClient http, long id)
    {
        var res = await http.GetAsync($"/api/representatives/{id}");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return await res.JsonAsync();
    }

    private static async Task<JsonElement> ListAsync(HttpClient http, string query)
    {
        var res = await http.GetAsync("/api/representatives?" + query);
        Assert.True(res.StatusCode == HttpStatusCode.OK, await res.Content.ReadAsStringAsync());
        return await res.JsonAsync();
    }

    private static IEnumerable<JsonElement> Items(JsonElement list) => list.GetProperty("items").EnumerateArray();

    [Fact]
    public async Task The_list_keeps_its_contract_and_masks_phones_and_id_numbers()
    {
        var list = await ListAsync(await Staff(), "pageSize=50");

        Assert.True(list.GetProperty("total").GetInt32() >= 300);
        Assert.Equal(50, list.GetProperty("pageSize").GetInt32());
        Assert.All(Items(list), i =>
        {
            Assert.True(i.GetProperty("id").GetInt64() > 0);
            Assert.False(string.IsNullOrEmpty(i.GetProperty("name").GetString()));
            Assert.Matches("^[0-9a-z]{12}$", i.GetProperty("publicCode").GetString());
            Assert.Matches(@"^1\d{2}\*{4}\d{4}$", i.GetProperty("phone").GetString());
            Assert.Matches(@"^3305\*{10}\d{3}[\dX]$", i.GetProperty("idNumber").GetString());
            Assert.Contains("county", i.GetProperty("levels").EnumerateArray().Select(l => l.GetString()));
        });
    }

    [Fact]
    public async Task Pinyin_initials_find_a_representative()
    {
        var http = await Staff();
        var (id, _) = await CreateAsync(http, Person("张卫华"));
        var (other, _) = await CreateAsync(http, Person("单田芳"));

        var found = Items(await ListAsync(http, "q=zwh&pageSize=200")).Select(i => i.GetProperty("id").GetInt64()).ToList();
        var upper = Items(await ListAsync(http, "q=ZWH&pageSize=200")).Select(i => i.GetProperty("id").GetInt64()).ToList();
        var surname = Items(await ListAsync(http, "q=stf&pageSize=200")).Select(i => i.GetProperty("id").GetInt64()).ToList();
        var byName = Items(await ListAsync(http, "q=卫华")).Select(i => i.GetProperty("id").GetInt64()).ToList();

        Assert.Contains(id, found);
        Assert.Equal(found, upper);
        Assert.Contains(other, surname);   // 单 as a surname is shàn
        Assert.Contains(id, byName);
        Assert.DoesNotContain(id, Items(await ListAsync(http, "q=zwx&pageSize=200")).Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(0, (await ListAsync(http, "q=%27%20OR%201%3D1%20--")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Filters_narrow_the_list_and_bad_filters_are_400()
    {
        var http = await Staff();
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var group = await db.Set<DelegationGroup>().OrderBy(g => g.Id).FirstAsync();
        var professional = await db.Set<ProfessionalGroup>().SingleAsync(g => g.Name == "农业农村" && g.Term!.IsCurrent);

        var byGroup = await ListAsync(http, $"group={group.Id}&pageSize=200");
        Assert.Equal(await db.Set<Representative>().CountAsync(r => r.DelegationGroupId == group.Id), byGroup.GetProperty("total").GetInt32());
        Assert.All(Items(byGroup), i => Assert.Equal(group.Name, i.GetProperty("delegationGroup").GetString()));

        Assert.All(Items(await ListAsync(http, $"professionalGroup={professional.Id}&pageSize=200")),
            i => Assert.Equal("农业农村", i.GetProperty("professionalGroup").GetString()));
        var township = await ListAsync(http, "township=330523105&pageSize=200");
        Assert.True(township.GetProperty("total").GetInt32() > 0);
        Assert.All(Items(township), i => Assert.StartsWith("330523105", i.GetProperty("jurisdictionCode").GetString()));
        var townshipLevel = await ListAsync(http, "level=township&pageSize=200");
        Assert.InRange(townshipLevel.GetProperty("total").GetInt32(), 1, (await ListAsync(http, "")).GetProperty("total").GetInt32() - 1);
        Assert.All(Items(townshipLevel), i => Assert.Contains("township", i.GetProperty("levels").EnumerateArray().Select(l => l.GetString())));
        Assert.Equal((await ListAsync(http, "")).GetProperty("total").GetInt32(),
            (await ListAsync(http, "status=in_office")).GetProperty("total").GetInt32() + (await ListAsync(http, "status=resigned")).GetProperty("total").GetInt32()
            + (await ListAsync(http, "status=terminated")).GetProperty("total").GetInt32());

        foreach (var bad in new[] { "level=galaxy", "status=asleep", "township=33x", "q=" + new string('a', 51) })
        {
            var res = await http.GetAsync("/api/representatives?" + bad);
            Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
            Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Create_and_detail_mask_personal_data_and_bad_input_gets_a_reason_per_field()
    {
        var http = await Staff();
        var p = Person("冯新建", male: false);
        var (id, version) = await CreateAsync(http, p);

        var detail = await DetailAsync(http, id);

        Assert.Equal("冯新建", detail.GetProperty("name").GetString());
        Assert.Equal(Masking.Phone(p.Phone), detail.GetProperty("phone").GetString());
        Assert.Equal(Masking.IdNumber(p.IdNumber), detail.GetProperty("idNumber").GetString());
        Assert.DoesNotContain(p.Phone, detail.GetRawText());
        Assert.DoesNotContain(p.IdNumber, detail.GetRawText());
        Assert.Equal(p.BirthDate, detail.GetProperty("birthDate").GetString());
        Assert.Equal("female", detail.GetProperty("gender").GetString());
        Assert.Equal("in_office", detail.GetProperty("status").GetString());
        Assert.Equal(version, detail.GetProperty("version").GetInt64());
        Assert.Contains("reveal_phone", detail.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(2, detail.GetProperty("memberships").GetArrayLength());

        var res = await http.PostAsJsonAsync("/api/representatives", new
        {
            name = "", gender = "未知", ethnicity = "汉族", birthDate = "1980-13-01", idNumber = "330521198001010010", phone = "12345",
            constituency = "x", delegationGroup = "y", professionalGroup = "航空航天",
        });
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        var errors = (await res.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "name", "gender", "birthDate", "idNumber", "phone", "professionalGroup" })
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");

        var duplicate = await http.PostAsJsonAsync("/api/representatives", Body(p with { Name = "冯重复" }));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.True((await duplicate.JsonAsync()).GetProperty("errors").TryGetProperty("idNumber", out _));
    }

    [Fact]
    public async Task Editing_needs_the_current_version_and_a_stale_one_is_412()
    {
        var http = await Staff();
        var p = Person("陈版本");
        var (id, version) = await CreateAsync(http, p);

        var ok = await http.PutAsJsonAsync($"/api/representatives/{id}", Body(p with { Occupation = "校长" }, version));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var next = (await ok.JsonAsync()).GetProperty("version").GetInt64();
        Assert.True(next > version);
        Assert.Equal("校长", (await DetailAsync(http, id)).GetProperty("occupation").GetString());

        var stale = await http.PutAsJsonAsync($"/api/representatives/{id}", Body(p with { Occupation = "教师" }, version));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("urn:renda:problem:stale-version", (await stale.JsonAsync()).GetProperty("type").GetString());
        Assert.Equal("校长", (await DetailAsync(http, id)).GetProperty("occupation").GetString());

        var missing = await http.PutAsJsonAsync($"/api/representatives/{id}", Body(p));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PutAsJsonAsync("/api/representatives/99999999", Body(p, 0))).StatusCode);
    }

    [Fact]
    public async Task Changing_the_group_closes_the_old_membership_and_opens_a_new_one()
    {
        var http = await Staff();
        var p = Person("褚换组");
        var (id, version) = await CreateAsync(http, p);
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().AddHours(8).DateTime);
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46];
        var photoUrl = (await (await http.PutAsync($"/api/representatives/{id}/photo", Upload(jpeg, "p.jpg", "image/jpeg"))).JsonAsync())
            .GetProperty("photoUrl").GetString()!;

        var res = await http.PutAsJsonAsync($"/api/representatives/{id}", Body(p, version, group: "孝丰镇代表小组") );
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        // the photo moved with the representative: the new township's staff see it
        await app.CreateUserAsync("cg-xf", "330523105", Roles.CongressStaff);
        var township = await app.SignedInAsync("cg-xf");
        var seen = await DetailAsync(township, id);
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("congress").ValueKind);   // the county's rows are above them
        Assert.Equal(jpeg, await (await township.GetAsync(photoUrl)).Content.ReadAsByteArrayAsync());
        // and the county's roster is kept by the county's staff
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PutAsJsonAsync($"/api/representatives/{id}", Body(p, version + 1))).StatusCode);

        var detail = await DetailAsync(http, id);
        Assert.Equal("孝丰镇代表小组", detail.GetProperty("delegationGroup").GetProperty("name").GetString());
        Assert.Equal("330523105", detail.GetProperty("jurisdictionCode").GetString());
        var delegation = detail.GetProperty("memberships").EnumerateArray().Where(m => m.GetProperty("kind").GetString() == "delegation").ToList();
        Assert.Equal(2, delegation.Count);
        Assert.Equal("递铺街道代表小组", delegation[0].GetProperty("groupName").GetString());
        Assert.Equal(today.AddDays(-1).ToString("yyyy-MM-dd"), delegation[0].GetProperty("endsOn").GetString());
        Assert.Equal("孝丰镇代表小组", delegation[1].GetProperty("groupName").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd"), delegation[1].GetProperty("startsOn").GetString());
        Assert.Equal(JsonValueKind.Null, delegation[1].GetProperty("endsOn").ValueKind);

        var groupId = detail.GetProperty("delegationGroup").GetProperty("id").GetInt64();
        var history = await (await http.GetAsync($"/api/representatives/groups/delegation/{groupId}")).JsonAsync();
        Assert.Contains(history.GetProperty("memberships").EnumerateArray(), m => m.GetProperty("representativeId").GetInt64() == id);
        var overview = await (await http.GetAsync("/api/representatives/groups")).JsonAsync();
        var group = overview.GetProperty("delegationGroups").EnumerateArray().Single(g => g.GetProperty("id").GetInt64() == groupId);
        Assert.Contains(group.GetProperty("members").EnumerateArray(), m => m.GetProperty("id").GetInt64() == id);
        Assert.Equal(7, overview.GetProperty("professionalGroups").GetArrayLength());
    }

    [Fact]
    public async Task End_of_office_records_status_date_and_reason_once()
    {
        var http = await Staff();
        var (id, _) = await CreateAsync(http, Person("蒋离任"));

        var bad = await http.PostAsJsonAsync($"/api/representatives/{id}/end-of-office", new { status = "retired", date = "2099-01-01", reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("status", out _) && errors.TryGetProperty("date", out _) && errors.TryGetProperty("reason", out _));

        var ok = await http.PostAsJsonAsync($"/api/representatives/{id}/end-of-office", new { status = "resigned", date = "2026-02-28", reason = "因工作调动辞去代表职务" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var detail = await DetailAsync(http, id);
        Assert.Equal("resigned", detail.GetProperty("status").GetString());
        Assert.Equal("2026-02-28", detail.GetProperty("officeEndedOn").GetString());
        Assert.Equal("因工作调动辞去代表职务", detail.GetProperty("endOfOfficeReason").GetString());
        Assert.All(detail.GetProperty("memberships").EnumerateArray(), m => Assert.Equal("2026-02-28", m.GetProperty("endsOn").GetString()));
        Assert.DoesNotContain("end_of_office", detail.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains(Items(await ListAsync(http, "status=resigned&pageSize=200")), i => i.GetProperty("id").GetInt64() == id);

        var again = await http.PostAsJsonAsync($"/api/representatives/{id}/end-of-office", new { status = "terminated", date = "2026-03-01", reason = "x" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Staff_reveal_is_audited_with_the_field_not_the_value_and_other_roles_are_refused()
    {
        var http = await Staff();
        var p = Person("沈揭示");
        var (id, _) = await CreateAsync(http, p);

        var res = await http.PostAsJsonAsync($"/api/representatives/{id}/reveal", new { field = "phone" });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(p.Phone, (await res.JsonAsync()).GetProperty("value").GetString());
        var idRes = await http.PostAsJsonAsync($"/api/representatives/{id}/reveal", new { field = "idNumber" });
        Assert.Equal(p.IdNumber, (await idRes.JsonAsync()).GetProperty("value").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync($"/api/representatives/{id}/reveal", new { field = "birthDate" })).StatusCode);

        await app.CreateUserAsync("rv-leader", "330523", Roles.Leader);
        var leader = await app.SignedInAsync("rv-leader");
        var refused = await leader.PostAsJsonAsync($"/api/representatives/{id}/reveal", new { field = "phone" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain(p.Phone, await refused.Content.ReadAsStringAsync());
        var auditor = await app.SignedInAsync("demo-auditor", RendaApp.DemoPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync($"/api/representatives/{id}/reveal", new { field = "phone" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/api/representatives/{id}")).StatusCode);

        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entries = await db.AuditEntries.Where(e => e.Action == AuditActions.Reveal && e.EntityId == id.ToString()).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(3, entries.Count);
        Assert.Equal(("demo-staff", AuditOutcomes.Success), (entries[0].Actor, entries[0].Outcome));
        Assert.Contains("\"field\":\"phone\"", entries[0].Summary);
        Assert.Contains("\"field\":\"idNumber\"", entries[1].Summary);
        Assert.Equal(("rv-leader", AuditOutcomes.Denied), (entries[2].Actor, entries[2].Outcome));
        Assert.All(entries, e =>
        {
            Assert.DoesNotContain(p.Phone, e.Summary);
            Assert.DoesNotContain(p.IdNumber, e.Summary);
            Assert.Equal(nameof(Representative), e.EntityType);
        });
        // and the change audit of the create never carries them either
        var created = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.Create && e.EntityType == nameof(Representative) && e.EntityId == id.ToString());
        Assert.DoesNotContain(p.Phone, created.Summary);
        Assert.DoesNotContain(p.IdNumber, created.Summary);
        Assert.DoesNotContain("沈揭示", created.Summary);
    }

    [Fact]
    public async Task The_neighbouring_county_sees_none_of_it()
    {
        var http = await Staff();
        var (id, version) = await CreateAsync(http, Person("韩邻县"));
        await app.CreateUserAsync("rs-cx", "330522", Roles.CongressStaff);
        var neighbour = await app.SignedInAsync("rs-cx");

        Assert.Equal(0, (await ListAsync(neighbour, "q=韩邻县")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await ListAsync(neighbour, "")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"/api/representatives/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.PostAsJsonAsync($"/api/representatives/{id}/reveal", new { field = "phone" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.PutAsJsonAsync($"/api/representatives/{id}", Body(Person("韩邻县"), version))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.PostAsJsonAsync($"/api/representatives/{id}/end-of-office", new { status = "resigned", date = "2026-03-01", reason = "x" })).StatusCode);
        var export = await neighbour.GetAsync("/api/representatives/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Single(XlsxReader.Read(new MemoryStream(await export.Content.ReadAsByteArrayAsync())));   // the header only
        var groups = await (await neighbour.GetAsync("/api/representatives/groups")).JsonAsync();
        Assert.Equal(0, groups.GetProperty("delegationGroups").GetArrayLength());
    }

    [Fact]
    public async Task Hostile_text_is_stored_as_given_and_encoded_on_output()
    {
        var http = await Staff();
        const string hostile = "<script>alert(1)</script>";
        var (id, _) = await CreateAsync(http, Person(hostile) with { Employer = "\"'><img src=x onerror=alert(2)>" });

        var detail = await DetailAsync(http, id);
        Assert.Equal(hostile, detail.GetProperty("name").GetString());

        var page = app.PageClient();
        await page.SignInWithFormAsync("demo-staff", RendaApp.DemoPassword);
        var html = await page.GetStringAsync($"/representatives/{id}");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain(hostile, html);
        Assert.DoesNotContain("<img src=x", html);

        var export = await http.GetByteArrayAsync("/api/representatives/export.xlsx?q=" + Uri.EscapeDataString(hostile));
        var rows = XlsxReader.Read(new MemoryStream(export)).ToList();
        Assert.Equal(hostile, rows[1].Cells[0]);
    }

    [Fact]
    public async Task The_export_is_the_filtered_roster_with_phone_and_id_masked_and_is_audited()
    {
        var http = await Staff();
        var p = Person("朱导出", group: "天荒坪镇代表小组");
        await CreateAsync(http, p);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var group = await db.Set<DelegationGroup>().SingleAsync(g => g.Name == "天荒坪镇代表小组");

        var res = await http.GetAsync($"/api/representatives/export.xlsx?group={group.Id}");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(XlsxWriter.ContentType, res.Content.Headers.ContentType?.MediaType);
        Assert.Contains("filename*=UTF-8''", res.Content.Headers.GetValues("Content-Disposition").Single());
        var rows = XlsxReader.Read(new MemoryStream(await res.Content.ReadAsByteArrayAsync())).ToList();

        Assert.Equal(RosterExport.Columns.Select(c => c.Header), rows[0].Cells);
        Assert.Equal(await db.Set<Representative>().CountAsync(r => r.DelegationGroupId == group.Id), rows.Count - 1);
        Assert.All(rows.Skip(1), r => Assert.Equal("天荒坪镇代表小组", r.Cells[10]));
        var mine = rows.Single(r => r.Cells[0] == "朱导出");
        Assert.Equal(Masking.IdNumber(p.IdNumber), mine.Cells[4]);
        Assert.Equal(Masking.Phone(p.Phone), mine.Cells[5]);
        Assert.Equal(p.BirthDate, mine.Cells[3]);   // a real date cell, read back as a date
        Assert.DoesNotContain(rows.SelectMany(r => r.Cells), c => c == p.Phone || c == p.IdNumber);
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == RosterExport.ExportAction && e.Actor == "demo-staff"));

        await app.CreateUserAsync("ex-rep", "330523", Roles.Representative);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInAsync("ex-rep")).GetAsync("/api/representatives/export.xlsx")).StatusCode);
    }

    [Fact]
    public async Task Photos_are_JPEG_or_PNG_by_their_bytes_at_most_5_MB_and_only_for_signed_in_staff()
    {
        var http = await Staff();
        var (id, _) = await CreateAsync(http, Person("杨照片"));
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];

        var up = await http.PutAsync($"/api/representatives/{id}/photo", Upload(png, "me.png", "image/png"));
        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        var url = (await up.JsonAsync()).GetProperty("photoUrl").GetString()!;
        Assert.Equal(url, (await DetailAsync(http, id)).GetProperty("photoUrl").GetString());
        var get = await http.GetAsync(url);
        Assert.Equal("image/png", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await get.Content.ReadAsByteArrayAsync());

        var lying = await http.PutAsync($"/api/representatives/{id}/photo", Upload("<svg onload=alert(1)>"u8.ToArray(), "me.jpg", "image/jpeg"));
        Assert.Equal(HttpStatusCode.BadRequest, lying.StatusCode);
        var big = new byte[RepresentativePhotos.MaxBytes + 1];
        big[0] = 0xFF; big[1] = 0xD8; big[2] = 0xFF;
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PutAsync($"/api/representatives/{id}/photo", Upload(big, "big.jpg", "image/jpeg"))).StatusCode);
        Assert.Equal(png, await (await http.GetAsync(url)).Content.ReadAsByteArrayAsync());   // the refused ones changed nothing

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(url)).StatusCode);
        var auditor = await app.SignedInAsync("demo-auditor", RendaApp.DemoPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync(url)).StatusCode);
        await app.CreateUserAsync("ph-cx", "330522", Roles.CongressStaff);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync("ph-cx")).GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_same_person_in_another_congress_is_recognised_by_the_id_number()
    {
        var http = await Staff();
        var p = Person("吕两级", group: "孝丰镇代表小组");
        var (id, _) = await CreateAsync(http, p);

        // 孝丰镇 has its own congress; the same person sits in it.
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var pd = scope.ServiceProvider.GetRequiredService<PersonalData>();
            var congress = new Congress { JurisdictionCode = "330523105", Name = "孝丰镇人民代表大会", Level = JurisdictionLevel.Township };
            var term = new Term { Congress = congress, JurisdictionCode = "330523105", Number = 18, StartsOn = new(2022, 1, 1), EndsOn = new(2026, 12, 31), IsCurrent = true };
            var group = new DelegationGroup { Term = term, JurisdictionCode = "330523105", Name = "孝丰镇第一代表小组" };
            var rep = new Representative
            {
                Term = term, JurisdictionCode = "330523105", Gender = Gender.Male, Ethnicity = "汉族", BirthDate = ChineseId.BirthDate(p.IdNumber)!.Value,
                Levels = RepresentativeLevels.Township, Constituency = "孝丰镇第1选区", DelegationGroup = group, PublicCode = Renda.Modules.Representatives.PublicCodes.New(),
            };
            rep.SetName(p.Name);
            rep.SetIdNumber(pd, p.IdNumber);
            db.AddRange(congress, rep);
            await db.SaveChangesAsync();
        }

        var seats = (await DetailAsync(http, id)).GetProperty("otherSeats").EnumerateArray().ToList();
        var seat = Assert.Single(seats);
        Assert.Equal("孝丰镇人民代表大会", seat.GetProperty("congress").GetString());
        Assert.Equal(["township"], seat.GetProperty("levels").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task Demo_representatives_have_consistent_id_numbers_and_phones()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pd = scope.ServiceProvider.GetRequiredService<PersonalData>();
        var reps = await db.Set<Representative>().Where(r => r.PublicCode != "" && r.IdNumberCipher != null && r.Term!.Number == 18)
            .OrderBy(r => r.Id).Take(310).ToListAsync();
        var demo = reps.Where(r => pd.Unprotect(r.IdNumberCipher)!.StartsWith("330523", StringComparison.Ordinal)).ToList();

        Assert.True(demo.Count >= 300, $"{demo.Count} demo representatives with ID numbers");
        Assert.All(demo, r =>
        {
            var id = pd.Unprotect(r.IdNumberCipher)!;
            Assert.Equal(ChineseId.Problem.None, ChineseId.Check(id));
            Assert.Equal(r.BirthDate, ChineseId.BirthDate(id));
            Assert.Equal(r.Gender == Gender.Male ? "male" : "female", ChineseId.Gender(id));
            Assert.True(MobilePhone.IsValid(pd.Unprotect(r.PhoneCipher)));
            Assert.Equal(pd.BlindIndex(id), r.IdNumberIndex);
            Assert.False(string.IsNullOrEmpty(r.PinyinInitials));
            Assert.NotNull(r.ConstituencyId);
        });
        Assert.Equal(demo.Count, demo.Select(r => r.IdNumberIndex).Distinct().Count());
        Assert.Contains(demo, r => r.Levels.HasFlag(RepresentativeLevels.Township));
        // Streets (街道) have no congress of their own: nobody there sits at the township level.
        var streetGroups = await db.Set<DelegationGroup>().Where(g => g.Name.Contains("街道")).Select(g => g.Id).ToListAsync();
        Assert.DoesNotContain(demo, r => r.Levels.HasFlag(RepresentativeLevels.Township) && streetGroups.Contains(r.DelegationGroupId));
    }
}
