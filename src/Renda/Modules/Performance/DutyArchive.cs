using Microsoft.EntityFrameworkCore;
using Renda.Modules.Representatives;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Modules.Performance;

/// <summary>What a module reports about one activity of one representative.</summary>
/// <param name="SourceModule">The writing module, e.g. <c>stations</c>.</param>
/// <param name="SourceId">The id of the source row in that module, e.g. the reception's id.</param>
public sealed record DutyEntry(long RepresentativeId, string Kind, DateOnly Date, string Title, string SourceModule,
    string SourceId, string? Detail = null, DutyRecordState State = DutyRecordState.Approved);

/// <summary>一人一档: the one way into a representative's duty archive.</summary>
public static class DutyArchive
{
    /// <summary>Adds (or brings up to date) the record of one activity in the caller's DbContext
    /// <b>without saving</b>: the caller's SaveChanges writes it in the same transaction as the activity
    /// itself, so there is never a reception without its records or a record without its reception.
    /// Idempotent per (source module, source id, representative, kind): recording the same activity
    /// again updates its date, title and detail and keeps its state (a record staff approved stays
    /// approved). The representative must be visible to the caller; anything else is a programming
    /// error of the calling module and throws.</summary>
    public static async Task<DutyRecord> RecordAsync(AppDbContext db, DutyEntry entry, CancellationToken ct = default)
    {
        if (!DutyKinds.IsKnown(entry.Kind)) throw new ArgumentException($"Unknown duty kind '{entry.Kind}'.", nameof(entry));
        if (string.IsNullOrWhiteSpace(entry.SourceModule) || entry.SourceModule.Length > 32)
            throw new ArgumentException("A duty record needs its source module (at most 32 characters).", nameof(entry));
        if (string.IsNullOrWhiteSpace(entry.SourceId) || entry.SourceId.Length > 64)
            throw new ArgumentException("A duty record needs its source id (at most 64 characters).", nameof(entry));
        var title = string.IsNullOrWhiteSpace(entry.Title) ? DutyKinds.Label(entry.Kind, false) : Clip(entry.Title.Trim(), 200);
        var detail = string.IsNullOrWhiteSpace(entry.Detail) ? null : Clip(entry.Detail.Trim(), 1000);

        var set = db.Set<DutyRecord>();
        bool Same(DutyRecord d) => d.SourceModule == entry.SourceModule && d.SourceId == entry.SourceId
            && d.RepresentativeId == entry.RepresentativeId && d.Kind == entry.Kind;
        var existing = set.Local.FirstOrDefault(Same)
            ?? await set.FirstOrDefaultAsync(d => d.SourceModule == entry.SourceModule && d.SourceId == entry.SourceId
                && d.RepresentativeId == entry.RepresentativeId && d.Kind == entry.Kind, ct);
        if (existing is not null)
        {
            existing.Date = entry.Date;
            existing.Title = title;
            existing.Detail = detail;
            return existing;
        }

        var jurisdiction = await db.Set<Representative>().Where(r => r.Id == entry.RepresentativeId)
            .Select(r => r.JurisdictionCode).SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Representative {entry.RepresentativeId} does not exist or is outside the caller's jurisdiction.");
        var record = new DutyRecord
        {
            RepresentativeId = entry.RepresentativeId,
            JurisdictionCode = jurisdiction,
            Kind = entry.Kind,
            Date = entry.Date,
            Title = title,
            Detail = detail,
            SourceModule = entry.SourceModule,
            SourceId = entry.SourceId,
            State = entry.State,
            RecordedAt = db.Clock.GetUtcNow().UtcDateTime,
            RecordedBy = Clip(db.CurrentUser.UserName ?? "system", 256),
        };
        set.Add(record);
        return record;
    }

    /// <summary>Removes the record of an activity that did not happen after all (e.g. attendance corrected from
    /// present to absent), without saving; nothing to remove is fine.</summary>
    public static async Task WithdrawAsync(AppDbContext db, string sourceModule, string sourceId, long representativeId, string kind,
        CancellationToken ct = default)
    {
        var set = db.Set<DutyRecord>();
        var existing = set.Local.FirstOrDefault(d => d.SourceModule == sourceModule && d.SourceId == sourceId
                && d.RepresentativeId == representativeId && d.Kind == kind)
            ?? await set.FirstOrDefaultAsync(d => d.SourceModule == sourceModule && d.SourceId == sourceId
                && d.RepresentativeId == representativeId && d.Kind == kind, ct);
        if (existing is not null) set.Remove(existing);
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}

/// <summary>Who a representative's archive belongs to, as its page heads it.</summary>
public sealed record ArchiveOwner(long Id, string Name, string JurisdictionCode, string JurisdictionName, string DelegationGroup,
    string? ProfessionalGroup, IReadOnlyList<ArchiveStation> Stations);

public sealed record ArchiveStation(long Id, string Name);

public sealed record ArchiveItem(long Id, string Kind, string KindLabel, DateOnly Date, string Title, string? Detail,
    DutyRecordState State, string SourceModule, string SourceId);

public sealed record ArchiveKindCount(string Kind, string Label, int Count);

/// <summary>Counts of one year (or of all years when <see cref="Year"/> is null) by kind, and the years
/// that have records, newest first.</summary>
public sealed record ArchiveSummary(long RepresentativeId, int? Year, int Total, IReadOnlyList<ArchiveKindCount> ByKind, IReadOnlyList<int> Years);

/// <summary>Reading one representative's archive, for its page and <c>/api/representatives/{id}/archive</c>.
/// Staff and leaders read the archives of the representatives in their jurisdiction (the global
/// filter hides the others: 404); a representative reads their own only (403 for anyone else's).</summary>
public sealed class RepresentativeArchive(AppDbContext db, ICurrentUser me)
{
    /// <summary>Roles that may open archives in their jurisdiction.</summary>
    public static readonly string[] StaffReaders = [Roles.CongressStaff, Roles.Leader];

    /// <summary>Roles that may call the archive endpoints at all (a representative: their own).</summary>
    public static readonly string[] Readers = [Roles.CongressStaff, Roles.Leader, Roles.Representative];

    public async Task<UseCaseResult<ArchiveOwner>> OwnerAsync(long representativeId, CancellationToken ct = default)
    {
        if (!StaffReaders.Any(me.IsInRole) && me.RepresentativeId != representativeId)
            return UseCaseResult<ArchiveOwner>.Refused(403, "not-own-archive", "只能查看本人的履职档案",
                "A representative can open only their own archive");
        var rep = await db.Set<Representative>().AsNoTracking().Where(r => r.Id == representativeId)
            .Select(r => new { r.Id, r.Name, r.JurisdictionCode, Group = r.DelegationGroup!.Name, Professional = r.ProfessionalGroup == null ? null : r.ProfessionalGroup.Name })
            .SingleOrDefaultAsync(ct);
        if (rep is null) return UseCaseResult<ArchiveOwner>.NotFound();
        var place = await db.Jurisdictions.AsNoTracking().Where(j => j.Code == rep.JurisdictionCode).Select(j => j.Name).SingleOrDefaultAsync(ct);
        var stations = await db.Set<StationRepresentative>().AsNoTracking().Where(x => x.RepresentativeId == representativeId)
            .OrderBy(x => x.StationId).Select(x => new ArchiveStation(x.StationId, x.Station!.Name)).ToListAsync(ct);
        return UseCaseResult<ArchiveOwner>.Success(new ArchiveOwner(rep.Id, rep.Name, rep.JurisdictionCode, place ?? rep.JurisdictionCode,
            rep.Group, rep.Professional, stations));
    }

    /// <summary>The records, newest first, filtered by year and kind.</summary>
    public async Task<UseCaseResult<Paged<ArchiveItem>>> ListAsync(long representativeId, string? year, string? kind, int? page, int? pageSize,
        bool english = false, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var y = ParseYear(year, errors);
        var k = string.IsNullOrWhiteSpace(kind) ? null : kind.Trim();
        if (k is not null && !DutyKinds.IsKnown(k)) errors["kind"] = ["未知的履职类别 / unknown kind"];
        if (errors.Count > 0) return UseCaseResult<Paged<ArchiveItem>>.Invalid(errors);
        var owner = await OwnerAsync(representativeId, ct);
        if (!owner.Ok) return Fail<Paged<ArchiveItem>>(owner);

        var (p, size) = Paging.Normalize(page, pageSize);
        var records = Records(representativeId, y);
        if (k is not null) records = records.Where(d => d.Kind == k);
        var total = await records.CountAsync(ct);
        var rows = await records.OrderByDescending(d => d.Date).ThenByDescending(d => d.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var items = rows.Select(d => new ArchiveItem(d.Id, d.Kind, DutyKinds.Label(d.Kind, english), d.Date, d.Title, d.Detail, d.State,
            d.SourceModule, d.SourceId)).ToList();
        return UseCaseResult<Paged<ArchiveItem>>.Success(new Paged<ArchiveItem>(items, total, p, size));
    }

    /// <summary>Counts by kind (every kind listed, zeros included, in the order of <see cref="DutyKinds.All"/>)
    /// for the year, and the years that have records.</summary>
    public async Task<UseCaseResult<ArchiveSummary>> SummaryAsync(long representativeId, string? year, bool english = false,
        CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var y = ParseYear(year, errors);
        if (errors.Count > 0) return UseCaseResult<ArchiveSummary>.Invalid(errors);
        var owner = await OwnerAsync(representativeId, ct);
        if (!owner.Ok) return Fail<ArchiveSummary>(owner);

        var counts = await Records(representativeId, y).GroupBy(d => d.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var dates = await db.Set<DutyRecord>().AsNoTracking().Where(d => d.RepresentativeId == representativeId)
            .Select(d => d.Date).Distinct().ToListAsync(ct);
        var byKind = DutyKinds.All.Select(kd => new ArchiveKindCount(kd.Id, english ? kd.En : kd.Zh,
            counts.FirstOrDefault(c => c.Key == kd.Id)?.Count ?? 0)).ToList();
        var years = dates.Select(d => d.Year).Distinct().OrderDescending().ToList();
        return UseCaseResult<ArchiveSummary>.Success(new ArchiveSummary(representativeId, y, byKind.Sum(c => c.Count), byKind, years));
    }

    private IQueryable<DutyRecord> Records(long representativeId, int? year)
    {
        var records = db.Set<DutyRecord>().AsNoTracking().Where(d => d.RepresentativeId == representativeId);
        if (year is { } yy)
        {
            var from = new DateOnly(yy, 1, 1);
            var to = new DateOnly(yy, 12, 31);
            records = records.Where(d => d.Date >= from && d.Date <= to);
        }
        return records;
    }

    private static int? ParseYear(string? year, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(year)) return null;
        if (int.TryParse(year.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y)
            && y is >= 1950 and <= 2100)
            return y;
        errors["year"] = ["年份应为四位数字，如 2026 / a four-digit year such as 2026"];
        return null;
    }

    private static UseCaseResult<T> Fail<T>(UseCaseResult<ArchiveOwner> owner) =>
        owner.Status == 404 ? UseCaseResult<T>.NotFound() : UseCaseResult<T>.Refused(owner.Status, owner.Slug!, owner.Zh!, owner.En!, owner.Detail);
}
