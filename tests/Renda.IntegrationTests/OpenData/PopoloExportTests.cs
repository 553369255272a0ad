using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.Contacts;
using Renda.Modules.Representatives;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Jurisdictions;
using CongressEntity = Renda.Modules.Congress.Congress;
using Term = Renda.Modules.Congress.Term;

namespace Renda.IntegrationTests.OpenData;

/// <summary><c>GET /api/export/popolo</c> on the demo county, with the neighbouring 长兴县 given a small
/// congress of its own: valid against the Popolo schemas, public fields only, narrowed by jurisdiction,
/// the same for everyone, the same whatever the batch size.</summary>
public sealed partial class PopoloExportTests(DemoApp app) : IClassFixture<DemoApp>, IAsyncLifetime
{
    private const string Anji = "330523", Changxing = "330522";
    private static readonly string[] NeighbourNames = ["长兴甲代表", "长兴乙代表"];
    private const string NeighbourStation = "雉城街道人大代表联络站";

    public async Task InitializeAsync()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Set<CongressEntity>().AnyAsync(c => c.JurisdictionCode == Changxing)) return;
        var town = await db.Jurisdictions.Where(j => j.ParentCode == Changxing).OrderBy(j => j.Code).FirstAsync();
        var congress = new CongressEntity { JurisdictionCode = Changxing, Name = "长兴县人民代表大会", Level = JurisdictionLevel.County };
        var term = new Term { Congress = congress, JurisdictionCode = Changxing, Number = 18, IsCurrent = true, StartsOn = new(2022, 1, 6), EndsOn = new(2026, 12, 31) };
        var group = new DelegationGroup { Term = term, JurisdictionCode = town.Code, Name = town.Name + "代表小组" };
        var station = new Station { JurisdictionCode = town.Code, Kind = StationKind.Station, Name = NeighbourStation, Address = "浙江省湖州市长兴县雉城街道1号", Grade = 3, PublicCode = Modules.Representatives.PublicCodes.New() };
        db.AddRange(congress, term, group, station);
        foreach (var name in NeighbourNames)
        {
            var rep = new Representative
            {
                Term = term, JurisdictionCode = town.Code, Name = name, Gender = Gender.Female, Ethnicity = "汉族", BirthDate = new(1975, 5, 5),
                Occupation = "教师", Employer = "长兴县某小学", Constituency = town.Name + "第1选区", DelegationGroup = group, PublicCode = Modules.Representatives.PublicCodes.New(),
            };
            db.Add(rep);
            station.Representatives.Add(new StationRepresentative { Station = station, Representative = rep, JurisdictionCode = town.Code });
        }
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<(string Text, JsonElement Json)> ExportAsync(HttpClient http, string query = "")
    {
        var res = await http.GetAsync("/api/export/popolo" + query);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("application/json", res.Content.Headers.ContentType?.MediaType);
        var text = await res.Content.ReadAsStringAsync();
        return (text, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static IEnumerable<JsonElement> Items(JsonElement doc, string name) => doc.GetProperty(name).EnumerateArray();

    private static HashSet<string> Ids(JsonElement doc, string name) => Items(doc, name).Select(i => i.GetProperty("id").GetString()!).ToHashSet();

    [Fact]
    public async Task Anyone_without_signing_in_gets_a_document_valid_against_the_Popolo_schemas()
    {
        var (text, doc) = await ExportAsync(app.CreateClient());

        var errors = JsonSchemaValidatorTests.Popolo().Validate(text, JsonSchemaValidatorTests.Envelope);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        Assert.True(Items(doc, "persons").Count() >= 310);
        foreach (var name in new[] { "memberships", "posts", "areas", "events" }) Assert.NotEmpty(Items(doc, name));
    }

    [Fact]
    public async Task Representatives_are_members_of_the_congress_for_the_term_and_of_their_groups_and_stations()
    {
        var (_, doc) = await ExportAsync(app.CreateClient(), "?jurisdiction=" + Anji);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var reps = await db.Set<Representative>().Where(r => r.JurisdictionCode.StartsWith(Anji)).Include(r => r.Term).ToListAsync();
        var stations = await db.Set<Station>().CountAsync(s => s.JurisdictionCode.StartsWith(Anji));
        var assignments = await db.Set<StationRepresentative>().CountAsync(x => x.JurisdictionCode.StartsWith(Anji));

        var orgs = Items(doc, "organizations").ToList();
        var congress = Assert.Single(orgs, o => o.GetProperty("classification").GetString() == "legislature");
        Assert.Equal("安吉县人民代表大会", congress.GetProperty("name").GetString());
        Assert.Equal(await db.Set<DelegationGroup>().CountAsync(g => g.JurisdictionCode.StartsWith(Anji)),
            orgs.Count(o => o.GetProperty("classification").GetString() == "delegation_group"));
        Assert.Equal(ProfessionalGroup.Standard.Order(), orgs.Where(o => o.GetProperty("classification").GetString() == "professional_group")
            .Select(o => o.GetProperty("name").GetString()).Order());
        Assert.Equal(stations, orgs.Count(o => o.GetProperty("classification").GetString() == "liaison_station"));
        Assert.All(orgs.Where(o => o.GetProperty("classification").GetString() is "delegation_group" or "professional_group"),
            o => Assert.Equal(congress.GetProperty("id").GetString(), o.GetProperty("parent_id").GetString()));

        var memberships = Items(doc, "memberships").ToList();
        var inCongress = memberships.Where(m => m.GetProperty("organization_id").GetString() == congress.GetProperty("id").GetString()).ToList();
        Assert.Equal(reps.Count, inCongress.Count);
        var first = reps.OrderBy(r => r.Id).First();
        var his = inCongress.Single(m => m.GetProperty("person_id").GetString() == $"person/{first.Id}");
        Assert.Equal("代表", his.GetProperty("role").GetString());
        Assert.Equal(first.Term!.StartsOn.ToString("yyyy-MM-dd"), his.GetProperty("start_date").GetString());
        Assert.Equal(first.Term.EndsOn.ToString("yyyy-MM-dd"), his.GetProperty("end_date").GetString());
        Assert.Equal("安吉县人民代表大会第十八届代表", his.GetProperty("label").GetString());
        var post = Items(doc, "posts").Single(p => p.GetProperty("id").GetString() == his.GetProperty("post_id").GetString());
        Assert.Equal($"安吉县人民代表大会第十八届代表（{first.Constituency}）", post.GetProperty("label").GetString());
        var area = Items(doc, "areas").Single(a => a.GetProperty("id").GetString() == his.GetProperty("area_id").GetString());
        Assert.Equal(first.Constituency, area.GetProperty("name").GetString());
        Assert.Equal("constituency", area.GetProperty("classification").GetString());
        Assert.Equal(assignments, memberships.Count(m => m.GetProperty("role").GetString() == "进站代表"));
        Assert.Equal(reps.Count * 2, memberships.Count(m => m.GetProperty("role").GetString() == "成员"));   // delegation + professional group
    }

    [Fact]
    public async Task Every_reference_points_at_something_in_the_document()
    {
        foreach (var query in new[] { "", "?jurisdiction=330523", "?jurisdiction=330523105" })
        {
            var (_, doc) = await ExportAsync(app.CreateClient(), query);
            var persons = Ids(doc, "persons");
            var orgs = Ids(doc, "organizations");
            var posts = Ids(doc, "posts");
            var areas = Ids(doc, "areas");
            var events = Ids(doc, "events");
            foreach (var m in Items(doc, "memberships"))
            {
                Assert.Contains(m.GetProperty("person_id").GetString()!, persons);
                Assert.Contains(m.GetProperty("organization_id").GetString()!, orgs);
                if (m.TryGetProperty("post_id", out var p)) Assert.Contains(p.GetString()!, posts);
                if (m.TryGetProperty("area_id", out var a)) Assert.Contains(a.GetString()!, areas);
                if (m.TryGetProperty("legislative_period_id", out var e)) Assert.Contains(e.GetString()!, events);
            }
            foreach (var o in Items(doc, "organizations"))
            {
                if (o.TryGetProperty("parent_id", out var parent)) Assert.Contains(parent.GetString()!, orgs);
                Assert.Contains(o.GetProperty("area_id").GetString()!, areas);
            }
            foreach (var p in Items(doc, "posts"))
            {
                Assert.Contains(p.GetProperty("organization_id").GetString()!, orgs);
                Assert.Contains(p.GetProperty("area_id").GetString()!, areas);
            }
            foreach (var a in Items(doc, "areas"))
                if (a.TryGetProperty("parent_id", out var parent)) Assert.Contains(parent.GetString()!, areas);
            Assert.Equal(persons.Count, Items(doc, "persons").Count());   // ids are unique
        }
    }

    [Fact]
    public async Task Only_public_fields_no_phone_id_number_or_birth_date_anywhere()
    {
        var (text, doc) = await ExportAsync(app.CreateClient());
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var birthDates = await db.Set<Representative>().Select(r => r.BirthDate).Distinct().ToListAsync();
        var voters = await db.Set<Voter>().Select(v => v.Name).Take(200).ToListAsync();
        var phones = (await db.Set<Voter>().Where(v => v.PhoneCipher != null).Select(v => v.PhoneCipher).Take(50).ToListAsync())
            .Select(c => scope.ServiceProvider.GetRequiredService<PersonalData>().Unprotect(c)!).ToList();
        Assert.NotEmpty(voters);
        Assert.NotEmpty(phones);

        Assert.DoesNotMatch(MobilePhone(), text);
        Assert.DoesNotMatch(IdNumber(), text);
        Assert.All(birthDates, d => Assert.DoesNotContain(d.ToString("yyyy-MM-dd"), text));
        Assert.All(phones, p => Assert.DoesNotContain(p, text));
        Assert.All(voters, v => Assert.DoesNotContain($"\"{v}\"", text));
        foreach (var word in new[] { "birth_date", "national_identity", "畲族", "汉族", "村党组织书记", "email", "phone" })
            Assert.DoesNotContain(word, text);
        Assert.All(Items(doc, "persons"), p => Assert.Subset(new HashSet<string> { "id", "name", "gender", "image" },
            p.EnumerateObject().Select(x => x.Name).ToHashSet()));
        Assert.All(Items(doc, "persons"), p => Assert.Contains(p.GetProperty("gender").GetString(), new[] { "male", "female" }));
    }

    [Fact]
    public async Task Narrowed_to_a_county_the_neighbouring_county_is_absent_and_without_it_present()
    {
        var (all, _) = await ExportAsync(app.CreateClient());
        var (anji, anjiDoc) = await ExportAsync(app.CreateClient(), "?jurisdiction=" + Anji);
        var (changxing, cxDoc) = await ExportAsync(app.CreateClient(), "?jurisdiction=" + Changxing);

        foreach (var name in NeighbourNames.Append(NeighbourStation).Append("长兴县人民代表大会"))
        {
            Assert.Contains(name, all);
            Assert.DoesNotContain(name, anji);
            Assert.Contains(name, changxing);
        }
        Assert.DoesNotContain("安吉县人民代表大会", changxing);
        Assert.Equal(NeighbourNames.Order(), Items(cxDoc, "persons").Select(p => p.GetProperty("name").GetString()).Order());
        Assert.All(Items(anjiDoc, "areas").Select(a => a.GetProperty("id").GetString()!), id => Assert.False(id.StartsWith("area/" + Changxing, StringComparison.Ordinal)));
        Assert.Empty(JsonSchemaValidatorTests.Popolo().Validate(changxing, JsonSchemaValidatorTests.Envelope));
    }

    [Fact]
    public async Task Narrowed_to_a_township_it_keeps_the_congress_its_representatives_belong_to()
    {
        var (text, doc) = await ExportAsync(app.CreateClient(), "?jurisdiction=330523105");
        await using var scope = app.Scope();
        var expected = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Representative>()
            .CountAsync(r => r.JurisdictionCode.StartsWith("330523105"));

        Assert.Equal(expected, Items(doc, "persons").Count());
        Assert.Single(Items(doc, "organizations"), o => o.GetProperty("classification").GetString() == "legislature");
        Assert.Single(Items(doc, "organizations"), o => o.GetProperty("classification").GetString() == "delegation_group");
        Assert.All(Items(doc, "organizations").Where(o => o.GetProperty("classification").GetString() == "liaison_station"),
            o => Assert.StartsWith("area/330523105", o.GetProperty("area_id").GetString()));
        Assert.Empty(JsonSchemaValidatorTests.Popolo().Validate(text, JsonSchemaValidatorTests.Envelope));
    }

    [Fact]
    public async Task A_signed_in_caller_gets_the_same_public_document_whatever_their_jurisdiction()
    {
        await app.CreateUserAsync("cx-popolo", Changxing, Roles.CongressStaff);
        var signedIn = await app.SignedInAsync("cx-popolo");

        var (mine, _) = await ExportAsync(signedIn);
        var (anonymous, _) = await ExportAsync(app.CreateClient());

        Assert.Equal(anonymous, mine);
        Assert.Contains("安吉县人民代表大会", mine);
    }

    [Fact]
    public async Task Small_batches_give_the_same_document()
    {
        using var small = app.WithWebHostBuilder(b => b.UseSetting("OpenData:BatchSize", "7"));
        var (batched, _) = await ExportAsync(small.CreateClient());
        var (whole, _) = await ExportAsync(app.CreateClient());
        Assert.Equal(whole, batched);
    }

    [Theory]
    [InlineData("?jurisdiction=33052", HttpStatusCode.BadRequest)]
    [InlineData("?jurisdiction=abc", HttpStatusCode.BadRequest)]
    [InlineData("?jurisdiction=%27%20OR%201%3D1--", HttpStatusCode.BadRequest)]
    [InlineData("?jurisdiction=330599", HttpStatusCode.NotFound)]
    public async Task A_bad_or_unknown_jurisdiction_is_refused_with_a_problem(string query, HttpStatusCode expected)
    {
        var res = await app.CreateClient().GetAsync("/api/export/popolo" + query);
        Assert.Equal(expected, res.StatusCode);
        Assert.Equal("application/problem+json", res.Content.Headers.ContentType?.MediaType);
        if (expected == HttpStatusCode.BadRequest)
            Assert.True((await res.JsonAsync()).GetProperty("errors").TryGetProperty("jurisdiction", out _));
    }

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")]
    private static partial Regex MobilePhone();

    [GeneratedRegex(@"(?<!\d)\d{17}[\dXx](?!\d)")]
    private static partial Regex IdNumber();
}
