using Renda.Platform.Calendar;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.Representatives;
using Renda.Modules.Stations;
using Renda.Platform.Data;

namespace Renda.Modules.PublicCodes;

/// <summary>A representative as the public page shows them: name and groups, never a phone, an ID
/// number or a birth date. <see cref="Code"/> is their working public code, if any (for a link).</summary>
public sealed record PublicRepresentative(string Name, string DelegationGroup, string? ProfessionalGroup, string? Code);

public sealed record PublicStationRef(string Name, StationKind Kind, string Address, string? Code);

public sealed record PublicStationProfile(string Name, StationKind Kind, string Address, int Grade, string? Place,
    IReadOnlyList<PublicRepresentative> Representatives, IReadOnlyList<PublicReception> Upcoming);

/// <summary>A coming reception day of a station: when, and which representatives are on duty (names only).</summary>
public sealed record PublicReception(DateOnly Date, TimeOnly Start, TimeOnly End, string Title, IReadOnlyList<string> OnDuty);

public sealed record PublicRepresentativeProfile(string Name, string? Mandate, string DelegationGroup, string? ProfessionalGroup,
    IReadOnlyList<PublicStationRef> Stations);

/// <summary>What the citizen-facing pages /p/s/{code} and /p/r/{code} show, read for anyone: public
/// fields only, representatives in office only, links only to codes that work.</summary>
public sealed class PublicProfiles(AppDbContext db, PublicCodeRegistry registry, TimeProvider clock, WorkingDayCalendar holidays)
{
    /// <summary>How far ahead, and how many, reception days the public station page lists.</summary>
    public const int UpcomingDays = 60, UpcomingMax = 6;

    public async Task<PublicStationProfile?> StationAsync(long id, CancellationToken ct = default)
    {
        var s = await db.Set<Station>().IgnoreQueryFilters().AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { x.Name, x.Kind, x.Address, x.Grade, x.JurisdictionCode }).SingleOrDefaultAsync(ct);
        if (s is null) return null;
        var place = await db.Jurisdictions.Where(j => j.Code == s.JurisdictionCode).Select(j => j.Name).SingleOrDefaultAsync(ct);
        var reps = await db.Set<StationRepresentative>().IgnoreQueryFilters().AsNoTracking()
            .Where(x => x.StationId == id && x.Representative!.Status == RepresentativeStatus.InOffice)
            .OrderBy(x => x.Representative!.Name).ThenBy(x => x.RepresentativeId)
            .Select(x => new PublicRepresentative(x.Representative!.Name, x.Representative.DelegationGroup!.Name,
                x.Representative.ProfessionalGroup == null ? null : x.Representative.ProfessionalGroup.Name, x.Representative.PublicCode))
            .ToListAsync(ct);
        var revoked = await registry.RevokedAmongAsync(reps.Select(r => r.Code!).ToList(), ct);
        return new PublicStationProfile(s.Name, s.Kind, s.Address, s.Grade, place,
            reps.Select(r => revoked.Contains(r.Code!) ? r with { Code = null } : r).ToList(),
            await UpcomingAsync(id, ct));
    }

    /// <summary>The station's next reception days from its schedule rules, with the in-office
    /// representatives on duty.</summary>
    private async Task<IReadOnlyList<PublicReception>> UpcomingAsync(long stationId, CancellationToken ct)
    {
        var rules = await db.Set<ReceptionScheduleRule>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.StationId == stationId).Include(r => r.OnDuty).ToListAsync(ct);
        if (rules.Count == 0) return [];
        var today = ChinaTime.Today(clock);
        var occurrences = ReceptionCalendar.Generate(rules, today, today.AddDays(UpcomingDays), holidays).Take(UpcomingMax).ToList();
        var ids = occurrences.SelectMany(o => o.RepresentativeIds).Distinct().ToList();
        var names = await db.Set<Representative>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => ids.Contains(r.Id) && r.Status == RepresentativeStatus.InOffice)
            .Select(r => new { r.Id, r.Name }).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        return occurrences.Select(o => new PublicReception(o.Date, o.StartTime, o.EndTime, o.Title,
            o.RepresentativeIds.Where(names.ContainsKey).Select(i => names[i]).ToList())).ToList();
    }

    public async Task<PublicRepresentativeProfile?> RepresentativeAsync(long id, CancellationToken ct = default)
    {
        var r = await db.Set<Representative>().IgnoreQueryFilters().AsNoTracking().Where(x => x.Id == id)
            .Select(x => new
            {
                x.Name,
                Congress = x.Term!.Congress!.Name,
                x.Term.Number,
                Delegation = x.DelegationGroup!.Name,
                Professional = x.ProfessionalGroup == null ? null : x.ProfessionalGroup.Name,
            })
            .SingleOrDefaultAsync(ct);
        if (r is null) return null;
        var stations = await db.Set<StationRepresentative>().IgnoreQueryFilters().AsNoTracking()
            .Where(x => x.RepresentativeId == id)
            .OrderBy(x => x.Station!.Kind).ThenBy(x => x.StationId)
            .Select(x => new PublicStationRef(x.Station!.Name, x.Station.Kind, x.Station.Address, x.Station.PublicCode))
            .ToListAsync(ct);
        var revoked = await registry.RevokedAmongAsync(stations.Select(s => s.Code!).ToList(), ct);
        return new PublicRepresentativeProfile(r.Name, Mandate(r.Congress, r.Number), r.Delegation, r.Professional,
            stations.Select(s => revoked.Contains(s.Code!) ? s with { Code = null } : s).ToList());
    }

    /// <summary>代表之家 / 代表联络站 / 联络点, or their English names.</summary>
    public static string KindLabel(StationKind kind, bool english) => !english ? Station.KindLabel(kind) : kind switch
    {
        StationKind.Home => "Representatives' home",
        StationKind.Station => "Liaison station",
        _ => "Contact point",
    };

    /// <summary>安吉县人民代表大会, term 18 → 安吉县第十八届人民代表大会代表.</summary>
    public static string? Mandate(string congress, int term)
    {
        const string suffix = "人民代表大会";
        if (term is < 1 or > 99 || !congress.EndsWith(suffix, StringComparison.Ordinal)) return null;
        return $"{congress[..^suffix.Length]}第{Congress.ChineseNumerals.Of(term)}届{suffix}代表";
    }
}
