using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Contacts;
using Renda.Platform.Audit;
using Renda.Platform.Data;
using static Renda.IntegrationTests.Contacts.ContactsApp;

namespace Renda.IntegrationTests.Contacts;

/// <summary>Voters' personal data: names in full for staff and for the representative who keeps the
/// contact, masked for anyone else who may read (station managers); phones encrypted at rest and masked
/// for everyone until an audited reveal; notes masked of phone numbers outside staff eyes.</summary>
public sealed class VoterPrivacyTests(ContactsApp app) : IClassFixture<ContactsApp>, IAsyncLifetime
{
    private long _pairing;
    private long _voter;

    public async Task InitializeAsync()
    {
        var staff = await app.As("aj-staff");
        var existing = await GetJsonAsync(staff, $"/api/contacts/pairings?level=representative&representativeId={app.Reps["王建国"]}");
        if (existing.GetProperty("total").GetInt32() == 0)
        {
            var created = await PairVoterAsync(staff, app.Reps["王建国"], "欧阳娜娜", DipuVillage, "+86 139-0572-1234", "三口之家，种植白茶");
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            existing = await GetJsonAsync(staff, $"/api/contacts/pairings?level=representative&representativeId={app.Reps["王建国"]}");
            var id = existing.GetProperty("items")[0].GetProperty("id").GetInt64();
            Assert.Equal(HttpStatusCode.Created,
                (await LogAsync(staff, id, "call", new DateOnly(2025, 10, 20), "回电 13905721234，反映路灯不亮")).StatusCode);
        }
        var item = existing.GetProperty("items")[0];
        _pairing = item.GetProperty("id").GetInt64();
        _voter = item.GetProperty("voter").GetProperty("id").GetInt64();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> VoterAs(string user)
    {
        var list = await GetJsonAsync(await app.As(user), $"/api/contacts/pairings?level=representative&representativeId={app.Reps["王建国"]}");
        return Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("voter");
    }

    private async Task<JsonElement> LogAs(string user)
    {
        var list = await GetJsonAsync(await app.As(user), $"/api/contacts/log?pairingId={_pairing}");
        return Assert.Single(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Staff_and_the_representative_see_the_name_a_station_manager_sees_it_masked_and_nobody_the_phone()
    {
        var staff = await VoterAs("aj-staff");
        var leader = await VoterAs("aj-leader");
        var own = await VoterAs("aj-rep");
        var station = await VoterAs("aj-station");

        Assert.Equal("欧阳娜娜", staff.GetProperty("name").GetString());
        Assert.Equal("欧阳娜娜", leader.GetProperty("name").GetString());
        Assert.Equal("欧阳娜娜", own.GetProperty("name").GetString());
        Assert.Equal("欧***", station.GetProperty("name").GetString());
        foreach (var v in new[] { staff, leader, own, station }) Assert.Equal("139****1234", v.GetProperty("phone").GetString());

        Assert.Contains("13905721234", (await LogAs("aj-staff")).GetProperty("notes").GetString());
        Assert.Contains("13905721234", (await LogAs("aj-rep")).GetProperty("notes").GetString());
        var masked = await LogAs("aj-station");
        Assert.Equal("回电 139****1234，反映路灯不亮", masked.GetProperty("notes").GetString());
        Assert.Equal("欧***", masked.GetProperty("contacted").GetString());

        var report = await GetJsonAsync(await app.As("aj-station"), "/api/contacts/report?level=representative&months=3");
        Assert.Contains(report.GetProperty("notContacted").EnumerateArray(), r => r.GetProperty("contacted").GetString() == "欧***");
        Assert.DoesNotContain("欧阳娜娜", report.GetRawText());
    }

    [Fact]
    public async Task Another_representative_sees_none_of_it()
    {
        var other = await app.As("aj-rep2");
        var list = await GetJsonAsync(other, $"/api/contacts/pairings?representativeId={app.Reps["王建国"]}");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/contacts/pairings/{_pairing}")).StatusCode);
        Assert.Equal(0, (await GetJsonAsync(other, $"/api/contacts/log?pairingId={_pairing}")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"/api/contacts/voters/{_voter}/reveal", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/contacts/pairings/{_pairing}/end", null)).StatusCode);
    }

    [Fact]
    public async Task Revealing_a_phone_is_audited_and_refused_to_those_who_may_not()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = _voter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var before = await db.AuditEntries.CountAsync(e => e.Action == AuditActions.Reveal && e.EntityId == id);

        var staff = await app.As("aj-staff");
        var revealed = await staff.PostAsync($"/api/contacts/voters/{_voter}/reveal", null);
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Equal("13905721234", (await revealed.JsonAsync()).GetProperty("phone").GetString());
        var own = await (await app.As("aj-rep")).PostAsync($"/api/contacts/voters/{_voter}/reveal", null);
        Assert.Equal("13905721234", (await own.JsonAsync()).GetProperty("phone").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("aj-station")).PostAsync($"/api/contacts/voters/{_voter}/reveal", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.As("cx-staff")).PostAsync($"/api/contacts/voters/{_voter}/reveal", null)).StatusCode);

        var entries = await db.AuditEntries.Where(e => e.Action == AuditActions.Reveal && e.EntityId == id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(before + 2, entries.Count);
        Assert.Equal(["aj-staff", "aj-rep"], entries.TakeLast(2).Select(e => e.Actor));
        Assert.All(entries, e => Assert.DoesNotContain("13905721234", e.Summary));
    }

    [Fact]
    public async Task The_phone_is_encrypted_at_rest_and_the_audit_trail_holds_neither_name_nor_phone()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var voter = await db.Set<Voter>().SingleAsync(v => v.Id == _voter);
        Assert.StartsWith("v1:", voter.PhoneCipher);
        Assert.DoesNotContain("13905721234", voter.PhoneCipher);
        Assert.Equal(scope.ServiceProvider.GetRequiredService<PersonalData>().BlindIndex("13905721234"), voter.PhoneIndex);
        Assert.Equal("139****1234", voter.PhoneMasked);

        var trail = await db.AuditEntries.Where(e => e.EntityType == nameof(Voter) || e.EntityType == nameof(ContactLogEntry)
            || e.EntityType == nameof(ContactPairing)).Select(e => e.Summary).ToListAsync();
        Assert.NotEmpty(trail);
        Assert.All(trail, s =>
        {
            Assert.DoesNotContain("欧阳娜娜", s);
            Assert.DoesNotContain("13905721234", s);
            Assert.DoesNotContain("三口之家", s);
            Assert.DoesNotContain("路灯", s);
        });
    }
}
