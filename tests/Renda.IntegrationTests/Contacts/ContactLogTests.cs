using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Contacts;
using Renda.Platform.Data;
using static Renda.IntegrationTests.Contacts.ContactsApp;

namespace Renda.IntegrationTests.Contacts;

/// <summary>Recording contacts: who may record which, and bad input that loses nothing.</summary>
public sealed class ContactLogTests(ContactsApp app) : IClassFixture<ContactsApp>, IAsyncLifetime
{
    private long _leaderPairing, _otherPairing, _voterPairing;

    public async Task InitializeAsync()
    {
        var staff = await app.As("aj-staff");
        var pairings = await GetJsonAsync(staff, "/api/contacts/pairings?pageSize=200");
        if (pairings.GetProperty("total").GetInt32() == 0)
        {
            var leader = await MarkMemberAsync(staff, "副主任", userName: "aj-leader");
            var other = await MarkMemberAsync(staff, "委员", userName: "aj-leader2");
            await IdOf(await PairCommitteeAsync(staff, leader, app.Reps["王建国"]));
            await IdOf(await PairCommitteeAsync(staff, other, app.Reps["李秀英"]));
            await IdOf(await PairVoterAsync(staff, app.Reps["王建国"], "许阿姨", DipuVillage));
            pairings = await GetJsonAsync(staff, "/api/contacts/pairings?pageSize=200");
        }
        foreach (var p in pairings.GetProperty("items").EnumerateArray())
        {
            var id = p.GetProperty("id").GetInt64();
            var rep = p.GetProperty("representative").GetProperty("name").GetString();
            if (p.GetProperty("level").GetString() == "representative") _voterPairing = id;
            else if (rep == "王建国") _leaderPairing = id;
            else _otherPairing = id;
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<int> CountAsync()
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<ContactLogEntry>().CountAsync();
    }

    [Fact]
    public async Task Each_records_their_own_contacts_staff_record_any()
    {
        var leader = await app.As("aj-leader");
        var rep = await app.As("aj-rep");
        var staff = await app.As("aj-staff");
        var station = await app.As("aj-station");

        var own = await LogAsync(leader, _leaderPairing, "visit", new DateOnly(2026, 2, 27), "走访了解代表履职情况");
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var entry = await own.JsonAsync();
        Assert.Equal("visit", entry.GetProperty("kind").GetString());
        Assert.Equal("2026-02-27", entry.GetProperty("on").GetString());
        Assert.Equal("副主任 测试 aj-leader", entry.GetProperty("contactor").GetString());
        Assert.Equal("王建国", entry.GetProperty("contacted").GetString());
        Assert.Equal("aj-leader", entry.GetProperty("recordedBy").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await LogAsync(leader, _otherPairing, "call", new DateOnly(2026, 2, 27))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await LogAsync(rep, _voterPairing, "online", new DateOnly(2026, 3, 1), "微信联系")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await LogAsync(rep, _leaderPairing, "meeting", new DateOnly(2026, 3, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await LogAsync(staff, _otherPairing, "meeting", new DateOnly(2026, 3, 2))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await LogAsync(station, _otherPairing, "visit", new DateOnly(2026, 3, 2))).StatusCode);
        // Another representative does not see 王建国's voter at all.
        var other = await LogAsync(await app.As("aj-rep2"), _voterPairing, "visit", new DateOnly(2026, 3, 2));
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("pairingId", (await FieldErrorsAsync(other)).Keys);

        var log = await GetJsonAsync(staff, $"/api/contacts/log?level=committee&from=2026-02-01&to=2026-03-31");
        Assert.All(log.GetProperty("items").EnumerateArray(), i => Assert.Equal("committee", i.GetProperty("level").GetString()));
        var days = log.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("on").GetString()).ToList();
        Assert.Equal(days.OrderDescending(), days);   // newest first
    }

    [Fact]
    public async Task A_contact_with_a_voter_enters_the_representatives_duty_archive_without_the_voters_name()
    {
        var staff = await app.As("aj-staff");
        var wang = app.Reps["王建国"];
        async Task<List<System.Text.Json.JsonElement>> Archive() =>
            (await GetJsonAsync(staff, $"/api/representatives/{wang}/archive?kind=voter_contact&pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        var before = await Archive();

        var logged = await IdOf(await LogAsync(staff, _voterPairing, "visit", new DateOnly(2026, 2, 14), "许阿姨反映路灯不亮"));
        Assert.Equal(HttpStatusCode.Created, (await LogAsync(staff, _leaderPairing, "visit", new DateOnly(2026, 2, 14))).StatusCode);

        var after = await Archive();
        var record = Assert.Single(after, r => r.GetProperty("sourceId").GetString() == $"contact:{logged}");
        Assert.Equal(before.Count + 1, after.Count);   // the committee member's visit is not the representative's duty
        Assert.Equal("contacts", record.GetProperty("sourceModule").GetString());
        Assert.Equal("2026-02-14", record.GetProperty("date").GetString());
        Assert.Equal("走访联系选民（三官村）", record.GetProperty("title").GetString());
        Assert.DoesNotContain("许阿姨", record.GetRawText());
        Assert.DoesNotContain("路灯", record.GetRawText());
    }

    [Theory]
    [InlineData("""{"kind":"visit","on":"2026-03-01"}""", "pairingId")]
    [InlineData("""{"pairingId":PAIRING,"on":"2026-03-01"}""", "kind")]
    [InlineData("""{"pairingId":PAIRING,"kind":"letter","on":"2026-03-01"}""", "kind")]
    [InlineData("""{"pairingId":PAIRING,"kind":"visit"}""", "on")]
    [InlineData("""{"pairingId":PAIRING,"kind":"visit","on":"2026/03/01"}""", "on")]
    [InlineData("""{"pairingId":PAIRING,"kind":"visit","on":"2026-02-30"}""", "on")]
    [InlineData("""{"pairingId":PAIRING,"kind":"visit","on":"2026-03-03"}""", "on")]
    [InlineData("""{"pairingId":PAIRING,"kind":"visit","on":"1999-12-31"}""", "on")]
    [InlineData("""{"pairingId":PAIRING,"kind":"visit","on":"2026-03-01","notes":"NOTES"}""", "notes")]
    [InlineData("""{"pairingId":PAIRING,"kind":"visit","on":"2026-03-01","notes":"bell\u0007"}""", "notes")]
    [InlineData("""{"pairingId":999999,"kind":"visit","on":"2026-03-01"}""", "pairingId")]
    public async Task Bad_contacts_get_a_400_naming_the_field_and_record_nothing(string template, string field)
    {
        var staff = await app.As("aj-staff");
        var json = template.Replace("PAIRING", _otherPairing.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("NOTES", new string('记', ContactLog.MaxNotes + 1));
        var before = await CountAsync();

        var res = await staff.PostAsync("/api/contacts/log", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Contains(field, (await FieldErrorsAsync(res)).Keys);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Markup_and_sql_in_notes_are_kept_as_text()
    {
        var staff = await app.As("aj-staff");
        const string notes = "<script>alert(1)</script>'; DROP TABLE contact_log; --\n第二行";
        var res = await LogAsync(staff, _otherPairing, "call", new DateOnly(2026, 3, 2), notes);
        Assert.Equal(HttpStatusCode.Created, res.StatusCode);
        Assert.Equal(notes, (await res.JsonAsync()).GetProperty("notes").GetString());

        var page = app.PageClient();
        await page.SignInWithFormAsync("aj-staff");
        var html = await page.GetStringAsync("/contacts/log");
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public async Task A_contact_after_the_pairing_ended_is_refused()
    {
        var staff = await app.As("aj-staff");
        var member = await MarkMemberAsync(staff, "委员", name: "临时委员");
        var pairing = await IdOf(await PairCommitteeAsync(staff, member, app.Reps["赵德明"]));
        Assert.Equal(HttpStatusCode.Created, (await LogAsync(staff, pairing, "visit", new DateOnly(2026, 3, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/contacts/pairings/{pairing}/end", null)).StatusCode);

        app.Clock.Advance(TimeSpan.FromDays(2));
        try
        {
            var staffLater = await app.As("aj-staff");
            var late = await LogAsync(staffLater, pairing, "visit", new DateOnly(2026, 3, 4));
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            Assert.Equal("urn:renda:problem:pairing-ended", (await late.JsonAsync()).GetProperty("type").GetString());
            // A contact made before the end may still be recorded afterwards.
            Assert.Equal(HttpStatusCode.Created, (await LogAsync(staffLater, pairing, "call", new DateOnly(2026, 3, 2))).StatusCode);
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromDays(-2));
        }
    }

    [Fact]
    public async Task Bad_log_filters_get_a_400()
    {
        var staff = await app.As("aj-staff");
        foreach (var (query, field) in new[] { ("from=yesterday", "from"), ("to=2026-13-01", "to"), ("level=x", "level"), ("pairingId=abc", "pairingId") })
        {
            var res = await staff.GetAsync("/api/contacts/log?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
            Assert.Contains(field, (await FieldErrorsAsync(res)).Keys);
        }
        var before = await CountAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync("/api/contacts/log", new { pairingId = "not a number" })).StatusCode);
        // A lone surrogate is not text: the body cannot be read at all.
        var broken = await staff.PostAsync("/api/contacts/log", new StringContent(
            $$"""{"pairingId":{{_otherPairing}},"kind":"visit","on":"2026-03-01","notes":"\ud800"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("application/problem+json", broken.Content.Headers.ContentType?.MediaType);
        var malformed = await staff.PostAsync("/api/contacts/log", new ByteArrayContent([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) { Headers = { { "Content-Type", "application/json" } } });
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(before, await CountAsync());
    }
}
