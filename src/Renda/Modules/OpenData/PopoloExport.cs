using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.Representatives;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Jurisdictions;
using CongressEntity = Renda.Modules.Congress.Congress;
using Term = Renda.Modules.Congress.Term;

namespace Renda.Modules.OpenData;

/// <summary>The roster as Popolo JSON (popoloproject.com), in the layout EveryPolitician publishes: one
/// object with <c>persons</c>, <c>organizations</c>, <c>memberships</c>, <c>posts</c>, <c>areas</c> and
/// <c>events</c> (the terms, as legislative periods). Public fields only: a person is an id, a name and
/// a gender; never a birth date, phone, ID number, ethnicity or employer.
///
/// It reads as the anonymous public whoever calls (a signed-in caller gets the same document), through a
/// DbContext of its own without a jurisdiction scope; <c>?jurisdiction=</c> narrows it to a code prefix.
/// The document is streamed with a <see cref="Utf8JsonWriter"/>: representatives and memberships are
/// read in keyset batches and flushed batch by batch, so 100,000 representatives never sit in memory.</summary>
public sealed class PopoloExport(DbContextOptions<AppDbContext> options, TimeProvider clock, IConfiguration config)
{
    /// <summary>The identity the export reads as: unscoped, like the public portal (ADR 0008).</summary>
    public static readonly ICurrentUser PublicReader = new SystemUser("open-data");

    public const string ContentType = "application/json; charset=utf-8";
    public const int DefaultBatchSize = 1000;

    /// <summary>Rows per keyset batch: <c>OpenData:BatchSize</c>, default 1000.</summary>
    public int BatchSize { get; } = Math.Clamp(config.GetValue("OpenData:BatchSize", DefaultBatchSize), 1, 100_000);

    public const string Legislature = "legislature";
    public const string DelegationGroupClass = "delegation_group";
    public const string ProfessionalGroupClass = "professional_group";
    public const string StationClass = "liaison_station";
    public const string RoleRepresentative = "代表";
    public const string RoleMember = "成员";
    public const string RoleStation = "进站代表";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // JSON, not HTML: Chinese is written as characters.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private AppDbContext Open() => new(options, PublicReader, clock);

    /// <summary>Checks <c>jurisdiction</c>: empty (everything) or a known GB/T 2260 code.</summary>
    public async Task<UseCaseResult<string?>> CheckAsync(string? jurisdiction, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(jurisdiction)) return UseCaseResult<string?>.Success(null);
        var code = jurisdiction.Trim();
        if (!Jurisdiction.IsWellFormed(code))
            return UseCaseResult<string?>.Invalid("jurisdiction", "行政区划代码须为 2、4、6、9 或 12 位数字 / a code of 2, 4, 6, 9 or 12 digits");
        await using var db = Open();
        if (!await db.Jurisdictions.AnyAsync(j => j.Code == code, ct))
            return UseCaseResult<string?>.Refused(404, "unknown-jurisdiction", "未知的行政区划", "Unknown jurisdiction", code);
        return UseCaseResult<string?>.Success(code);
    }

    public async Task WriteAsync(Stream output, string? code, CancellationToken ct = default)
    {
        await using var db = Open();
        await using var w = new Utf8JsonWriter(output, WriterOptions);
        var prefix = code ?? "";

        var reps = db.Set<Representative>().AsNoTracking().Where(r => r.JurisdictionCode.StartsWith(prefix));
        var congresses = await db.Set<CongressEntity>().AsNoTracking()
            .Where(c => c.JurisdictionCode.StartsWith(prefix) || reps.Any(r => r.Term!.CongressId == c.Id))
            .OrderBy(c => c.Id).ToListAsync(ct);
        var congressIds = congresses.Select(c => c.Id).ToList();
        var terms = await db.Set<Term>().AsNoTracking().Where(t => congressIds.Contains(t.CongressId))
            .OrderBy(t => t.CongressId).ThenBy(t => t.Number).ToListAsync(ct);
        var termById = terms.ToDictionary(t => t.Id);
        var congressById = congresses.ToDictionary(c => c.Id);

        w.WriteStartObject();

        // persons
        w.WriteStartArray("persons");
        await foreach (var batch in Batches(last => reps.Where(r => r.Id > last).OrderBy(r => r.Id).Take(BatchSize)
                           .Select(r => new { r.Id, r.Name, r.Gender }), r => r.Id, ct))
        {
            foreach (var r in batch)
            {
                w.WriteStartObject();
                w.WriteString("id", PersonId(r.Id));
                w.WriteString("name", r.Name);
                w.WriteString("gender", r.Gender == Gender.Female ? "female" : "male");
                w.WriteEndObject();
            }
            await w.FlushAsync(ct);
        }
        w.WriteEndArray();

        // organizations: congresses, delegation groups, professional groups, stations
        w.WriteStartArray("organizations");
        foreach (var c in congresses)
        {
            w.WriteStartObject();
            w.WriteString("id", CongressId(c.Id));
            w.WriteString("name", c.Name);
            w.WriteString("classification", Legislature);
            w.WriteString("area_id", AreaId(c.JurisdictionCode));
            w.WriteStartArray("identifiers");
            w.WriteStartObject();
            w.WriteString("identifier", c.JurisdictionCode);
            w.WriteString("scheme", "GB/T 2260");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        var groups = db.Set<DelegationGroup>().AsNoTracking()
            .Where(g => g.JurisdictionCode.StartsWith(prefix) || reps.Any(r => r.DelegationGroupId == g.Id))
            .OrderBy(g => g.Id).Select(g => new { g.Id, g.Name, g.JurisdictionCode, g.Term!.CongressId });
        await foreach (var g in groups.AsAsyncEnumerable().WithCancellation(ct))
            WriteGroup(w, DelegationGroupId(g.Id), g.Name, DelegationGroupClass, g.CongressId, g.JurisdictionCode);
        var professional = db.Set<ProfessionalGroup>().AsNoTracking()
            .Where(g => g.JurisdictionCode.StartsWith(prefix) || reps.Any(r => r.ProfessionalGroupId == g.Id))
            .OrderBy(g => g.Id).Select(g => new { g.Id, g.Name, g.JurisdictionCode, g.Term!.CongressId });
        await foreach (var g in professional.AsAsyncEnumerable().WithCancellation(ct))
            WriteGroup(w, ProfessionalGroupId(g.Id), g.Name, ProfessionalGroupClass, g.CongressId, g.JurisdictionCode);
        await w.FlushAsync(ct);
        var stations = db.Set<Station>().AsNoTracking().Where(s => s.JurisdictionCode.StartsWith(prefix)).OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Name, s.Kind, s.Grade, s.Address, s.JurisdictionCode });
        var written = 0;
        await foreach (var s in stations.AsAsyncEnumerable().WithCancellation(ct))
        {
            w.WriteStartObject();
            w.WriteString("id", StationId(s.Id));
            w.WriteString("name", s.Name);
            w.WriteString("classification", StationClass);
            w.WriteString("abstract", $"{Station.KindLabel(s.Kind)}（{GradeLabel(s.Grade)}）");
            w.WriteString("area_id", AreaId(s.JurisdictionCode));
            w.WriteStartArray("contact_details");
            w.WriteStartObject();
            w.WriteString("type", "address");
            w.WriteString("label", "地址");
            w.WriteString("value", s.Address);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            if (++written % BatchSize == 0) await w.FlushAsync(ct);
        }
        w.WriteEndArray();
        await w.FlushAsync(ct);

        // memberships: in the congress (with the term's dates, the post and the constituency), in the
        // delegation and professional groups, and at stations
        w.WriteStartArray("memberships");
        await foreach (var batch in Batches(last => reps.Where(r => r.Id > last).OrderBy(r => r.Id).Take(BatchSize)
                           .Select(r => new { r.Id, r.TermId, r.JurisdictionCode, r.Constituency, r.DelegationGroupId, r.ProfessionalGroupId }),
                           r => r.Id, ct))
        {
            foreach (var r in batch)
            {
                var term = termById[r.TermId];
                var congress = congressById[term.CongressId];
                var hasPost = r.Constituency.Length > 0;
                w.WriteStartObject();
                w.WriteString("person_id", PersonId(r.Id));
                w.WriteString("organization_id", CongressId(congress.Id));
                w.WriteString("role", RoleRepresentative);
                w.WriteString("label", $"{congress.Name}{term.Title}代表");
                w.WriteString("legislative_period_id", TermId(term.Id));
                if (hasPost) w.WriteString("post_id", PostId(term.Id, r.JurisdictionCode, r.Constituency));
                w.WriteString("area_id", hasPost ? ConstituencyId(r.JurisdictionCode, r.Constituency) : AreaId(r.JurisdictionCode));
                WriteDates(w, term);
                w.WriteEndObject();

                WriteGroupMembership(w, r.Id, DelegationGroupId(r.DelegationGroupId), term);
                if (r.ProfessionalGroupId is { } pg) WriteGroupMembership(w, r.Id, ProfessionalGroupId(pg), term);
            }
            await w.FlushAsync(ct);
        }
        var assignments = db.Set<StationRepresentative>().AsNoTracking()
            .Where(x => x.Station!.JurisdictionCode.StartsWith(prefix) && x.Representative!.JurisdictionCode.StartsWith(prefix))
            .OrderBy(x => x.StationId).ThenBy(x => x.RepresentativeId)
            .Select(x => new { x.StationId, x.RepresentativeId });
        written = 0;
        await foreach (var x in assignments.AsAsyncEnumerable().WithCancellation(ct))
        {
            w.WriteStartObject();
            w.WriteString("person_id", PersonId(x.RepresentativeId));
            w.WriteString("organization_id", StationId(x.StationId));
            w.WriteString("role", RoleStation);
            w.WriteEndObject();
            if (++written % BatchSize == 0) await w.FlushAsync(ct);
        }
        w.WriteEndArray();
        await w.FlushAsync(ct);

        // posts: one seat label per constituency (选区) and term
        var seats = reps.Where(r => r.Constituency != "")
            .Select(r => new { r.TermId, r.JurisdictionCode, r.Constituency }).Distinct()
            .OrderBy(s => s.TermId).ThenBy(s => s.JurisdictionCode).ThenBy(s => s.Constituency);
        w.WriteStartArray("posts");
        written = 0;
        await foreach (var s in seats.AsAsyncEnumerable().WithCancellation(ct))
        {
            var term = termById[s.TermId];
            var congress = congressById[term.CongressId];
            w.WriteStartObject();
            w.WriteString("id", PostId(term.Id, s.JurisdictionCode, s.Constituency));
            w.WriteString("label", $"{congress.Name}{term.Title}代表（{s.Constituency}）");
            w.WriteString("role", RoleRepresentative);
            w.WriteString("organization_id", CongressId(congress.Id));
            w.WriteString("area_id", ConstituencyId(s.JurisdictionCode, s.Constituency));
            w.WriteString("start_date", Date(term.StartsOn));
            w.WriteString("end_date", Date(term.EndsOn));
            w.WriteEndObject();
            if (++written % BatchSize == 0) await w.FlushAsync(ct);
        }
        w.WriteEndArray();
        await w.FlushAsync(ct);

        // areas: the jurisdictions referred to, with their ancestors, and the constituencies
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in congresses) codes.Add(c.JurisdictionCode);
        codes.UnionWith(await reps.Select(r => r.JurisdictionCode).Distinct().ToListAsync(ct));
        codes.UnionWith(await db.Set<DelegationGroup>().Where(g => g.JurisdictionCode.StartsWith(prefix) || reps.Any(r => r.DelegationGroupId == g.Id))
            .Select(g => g.JurisdictionCode).Distinct().ToListAsync(ct));
        codes.UnionWith(await db.Set<ProfessionalGroup>().Where(g => g.JurisdictionCode.StartsWith(prefix) || reps.Any(r => r.ProfessionalGroupId == g.Id))
            .Select(g => g.JurisdictionCode).Distinct().ToListAsync(ct));
        codes.UnionWith(await db.Set<Station>().Where(s => s.JurisdictionCode.StartsWith(prefix)).Select(s => s.JurisdictionCode).Distinct().ToListAsync(ct));
        foreach (var c in codes.ToList())
            for (var p = Jurisdiction.IsWellFormed(c) ? Jurisdiction.ParentOf(c) : null; p is not null; p = Jurisdiction.ParentOf(p))
                codes.Add(p);
        var codeList = codes.ToList();
        var places = await db.Jurisdictions.AsNoTracking().Where(j => codeList.Contains(j.Code)).OrderBy(j => j.Code).ToListAsync(ct);
        var known = places.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
        w.WriteStartArray("areas");
        foreach (var p in places)
        {
            w.WriteStartObject();
            w.WriteString("id", AreaId(p.Code));
            w.WriteString("name", p.Name);
            w.WriteString("identifier", p.Code);
            w.WriteString("classification", p.Level.ToString().ToLowerInvariant());
            if (p.ParentCode is { } parent && known.Contains(parent)) w.WriteString("parent_id", AreaId(parent));
            w.WriteEndObject();
        }
        var constituencies = reps.Where(r => r.Constituency != "").Select(r => new { r.JurisdictionCode, r.Constituency }).Distinct()
            .OrderBy(s => s.JurisdictionCode).ThenBy(s => s.Constituency);
        written = 0;
        await foreach (var s in constituencies.AsAsyncEnumerable().WithCancellation(ct))
        {
            w.WriteStartObject();
            w.WriteString("id", ConstituencyId(s.JurisdictionCode, s.Constituency));
            w.WriteString("name", s.Constituency);
            w.WriteString("classification", "constituency");
            if (known.Contains(s.JurisdictionCode)) w.WriteString("parent_id", AreaId(s.JurisdictionCode));
            w.WriteEndObject();
            if (++written % BatchSize == 0) await w.FlushAsync(ct);
        }
        w.WriteEndArray();

        // events: the terms (届) as legislative periods
        w.WriteStartArray("events");
        foreach (var t in terms)
        {
            var congress = congressById[t.CongressId];
            w.WriteStartObject();
            w.WriteString("id", TermId(t.Id));
            w.WriteString("name", congress.Name + t.Title);
            w.WriteString("classification", "legislative period");
            w.WriteString("organization_id", CongressId(congress.Id));
            WriteDates(w, t);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteEndObject();
        await w.FlushAsync(ct);
    }

    /// <summary>Keyset pages: each batch starts after the last key of the one before.</summary>
    private async IAsyncEnumerable<List<T>> Batches<T>(Func<long, IQueryable<T>> page, Func<T, long> key,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var last = 0L;
        while (true)
        {
            var batch = await page(last).ToListAsync(ct);
            if (batch.Count == 0) yield break;
            yield return batch;
            if (batch.Count < BatchSize) yield break;
            last = key(batch[^1]);
        }
    }

    private static void WriteGroup(Utf8JsonWriter w, string id, string name, string classification, long congressId, string code)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("name", name);
        w.WriteString("classification", classification);
        w.WriteString("parent_id", CongressId(congressId));
        w.WriteString("area_id", AreaId(code));
        w.WriteEndObject();
    }

    private static void WriteGroupMembership(Utf8JsonWriter w, long personId, string organizationId, Term term)
    {
        w.WriteStartObject();
        w.WriteString("person_id", PersonId(personId));
        w.WriteString("organization_id", organizationId);
        w.WriteString("role", RoleMember);
        WriteDates(w, term);
        w.WriteEndObject();
    }

    private static void WriteDates(Utf8JsonWriter w, Term term)
    {
        w.WriteString("start_date", Date(term.StartsOn));
        w.WriteString("end_date", Date(term.EndsOn));
    }

    private static string GradeLabel(int grade) => grade is >= 1 and <= 5 ? "一二三四五"[grade - 1] + "星级" : "未评级";

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public static string PersonId(long id) => "person/" + id.ToString(CultureInfo.InvariantCulture);
    public static string CongressId(long id) => "congress/" + id.ToString(CultureInfo.InvariantCulture);
    public static string TermId(long id) => "term/" + id.ToString(CultureInfo.InvariantCulture);
    public static string DelegationGroupId(long id) => "delegation-group/" + id.ToString(CultureInfo.InvariantCulture);
    public static string ProfessionalGroupId(long id) => "professional-group/" + id.ToString(CultureInfo.InvariantCulture);
    public static string StationId(long id) => "station/" + id.ToString(CultureInfo.InvariantCulture);
    public static string AreaId(string code) => "area/" + code;
    public static string ConstituencyId(string code, string constituency) => $"area/{code}/{constituency}";
    public static string PostId(long termId, string code, string constituency) =>
        $"post/{termId.ToString(CultureInfo.InvariantCulture)}/{code}/{constituency}";
}
