using Microsoft.EntityFrameworkCore;
using Renda.Modules.Congress;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Jurisdictions;

namespace Renda.Modules.Representatives;

/// <summary>The filters of the roster list, its page and its export: <c>q</c> (name, pinyin initials,
/// occupation or employer), term, delegation group, professional group, township (a jurisdiction code:
/// that jurisdiction and below), level and status.</summary>
public sealed record RosterFilter(string? Q = null, long? Term = null, long? Group = null, long? ProfessionalGroup = null,
    string? Township = null, string? Level = null, string? Status = null)
{
    /// <summary>The query string of these filters, for links (pages, export).</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string key, object? value)
        {
            if (value is null || value is string { Length: 0 }) return;
            parts.Add(key + "=" + Uri.EscapeDataString(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!));
        }
        Add("q", Q);
        Add("term", Term);
        Add("group", Group);
        Add("professionalGroup", ProfessionalGroup);
        Add("township", Township);
        Add("level", Level);
        Add("status", Status);
        return string.Join("&", parts);
    }
}

public sealed record GroupRef(long Id, string Name);

public sealed record MembershipItem(string Kind, long GroupId, string GroupName, DateOnly StartsOn, DateOnly? EndsOn);

public sealed record SeatItem(long Id, long TermId, string Term, string Congress, IReadOnlyList<string> Levels, RepresentativeStatus Status);

public sealed record ConstituencyItem(long? Id, string Name, ConstituencyKind Kind);

/// <summary>One representative as <c>GET /api/representatives/{id}</c> shows them: phone and ID number
/// masked (reveal is a separate, audited call), birth date only for the staff pages' readers, the
/// group history and the person's seats in other terms or congresses (same ID number). Term and
/// congress are null for a caller below the congress's jurisdiction (township staff reading county deputies).</summary>
public sealed record RepresentativeDetail(
    long Id, string PublicCode, string Name, string PinyinInitials, Gender Gender, string Ethnicity, DateOnly? BirthDate,
    string? IdNumber, string? Phone, string Occupation, string Employer, IReadOnlyList<string> Levels,
    long TermId, string? Term, string? Congress, string JurisdictionCode, string? JurisdictionName,
    ConstituencyItem Constituency, GroupRef DelegationGroup, GroupRef? ProfessionalGroup,
    RepresentativeStatus Status, DateOnly? OfficeStartedOn, DateOnly? OfficeEndedOn, string? EndOfOfficeReason,
    string? PhotoUrl, long Version, IReadOnlyList<string> AllowedActions,
    IReadOnlyList<MembershipItem> Memberships, IReadOnlyList<SeatItem> OtherSeats);

/// <summary>The roster's read side: the filtered list (API, page, export) and one representative's detail.</summary>
public sealed class RosterQueries(AppDbContext db, ICurrentUser me)
{
    /// <summary>An item of <c>GET /api/representatives</c>: <c>id</c>, <c>name</c> and <c>publicCode</c>
    /// as outside clients rely on; phone and ID number masked.</summary>
    public sealed record Item(long Id, string Name, Gender Gender, string PublicCode, string DelegationGroup,
        string? ProfessionalGroup, string Occupation, string Constituency, RepresentativeStatus Status, string JurisdictionCode,
        long TermId, long DelegationGroupId, long? ProfessionalGroupId, string Employer, string Ethnicity, IReadOnlyList<string> Levels,
        string? Phone, string? IdNumber);

    /// <summary>Checks the filters; null when they are fine.</summary>
    public static Dictionary<string, string[]>? Validate(RosterFilter f)
    {
        var errors = new Dictionary<string, string[]>();
        if (!RosterAccess.TryQuery(f.Q, out _)) errors["q"] = ["最多 50 字符 / at most 50 characters"];
        if (f.Township is { Length: > 0 } t && !Jurisdiction.IsWellFormed(t)) errors["township"] = ["须为行政区划代码 / a jurisdiction code"];
        if (f.Level is { Length: > 0 } l && LevelOf(l) is null) errors["level"] = ["national, province, city, county 或 township"];
        if (f.Status is { Length: > 0 } s && StatusOf(s) is null) errors["status"] = ["in_office, resigned 或 terminated"];
        return errors.Count == 0 ? null : errors;
    }

    public static RepresentativeLevels? LevelOf(string name) => name switch
    {
        "national" => RepresentativeLevels.National,
        "province" => RepresentativeLevels.Province,
        "city" => RepresentativeLevels.City,
        "county" => RepresentativeLevels.County,
        "township" => RepresentativeLevels.Township,
        _ => null,
    };

    public static RepresentativeStatus? StatusOf(string name) => name switch
    {
        "in_office" => RepresentativeStatus.InOffice,
        "resigned" => RepresentativeStatus.Resigned,
        "terminated" => RepresentativeStatus.Terminated,
        _ => null,
    };

    /// <summary>The representatives the caller sees (the global filter scopes them), narrowed by the filters.</summary>
    public IQueryable<Representative> Filtered(RosterFilter f)
    {
        var reps = db.Set<Representative>().AsNoTracking();
        if (RosterAccess.TryQuery(f.Q, out var q) && q is not null)
        {
            var initials = q.ToLowerInvariant();
            var ascii = initials.All(char.IsAsciiLetterLower);
            reps = ascii
                ? reps.Where(r => r.PinyinInitials.Contains(initials) || r.Name.Contains(q) || r.Occupation.Contains(q) || r.Employer.Contains(q))
                : reps.Where(r => r.Name.Contains(q) || r.Occupation.Contains(q) || r.Employer.Contains(q));
        }
        if (f.Term is { } term) reps = reps.Where(r => r.TermId == term);
        if (f.Group is { } group) reps = reps.Where(r => r.DelegationGroupId == group);
        if (f.ProfessionalGroup is { } pg) reps = reps.Where(r => r.ProfessionalGroupId == pg);
        if (f.Township is { Length: > 0 } township && Jurisdiction.IsWellFormed(township))
            reps = reps.Where(r => r.JurisdictionCode.StartsWith(township));
        if (f.Level is { Length: > 0 } l && LevelOf(l) is { } level) reps = reps.Where(r => (r.Levels & level) == level);
        if (f.Status is { Length: > 0 } s && StatusOf(s) is { } status) reps = reps.Where(r => r.Status == status);
        return reps;
    }

    public async Task<UseCaseResult<Paged<Item>>> ListAsync(RosterFilter f, int? page, int? pageSize, CancellationToken ct = default)
    {
        if (Validate(f) is { } errors) return UseCaseResult<Paged<Item>>.Invalid(errors);
        var (p, size) = Paging.Normalize(page, pageSize);
        var reps = Filtered(f);
        var total = await reps.CountAsync(ct);
        var rows = await reps.OrderBy(r => r.Id).Skip((p - 1) * size).Take(size)
            .Select(r => new
            {
                r.Id, r.Name, r.Gender, r.PublicCode, Group = r.DelegationGroup!.Name,
                Professional = r.ProfessionalGroup == null ? null : r.ProfessionalGroup.Name, r.Occupation, r.Constituency, r.Status,
                r.JurisdictionCode, r.TermId, r.DelegationGroupId, r.ProfessionalGroupId, r.Employer, r.Ethnicity, r.Levels,
                r.PhoneMasked, r.IdNumberMasked,
            })
            .ToListAsync(ct);
        var items = rows.Select(r => new Item(r.Id, r.Name, r.Gender, r.PublicCode, r.Group, r.Professional, r.Occupation,
            r.Constituency, r.Status, r.JurisdictionCode, r.TermId, r.DelegationGroupId, r.ProfessionalGroupId, r.Employer, r.Ethnicity,
            RepresentativeFields.LevelNames(r.Levels), r.PhoneMasked, r.IdNumberMasked)).ToList();
        return UseCaseResult<Paged<Item>>.Success(new Paged<Item>(items, total, p, size));
    }

    public async Task<RepresentativeDetail?> DetailAsync(long id, CancellationToken ct = default)
    {
        // The term and congress are read on their own: staff of a township see its deputies of the county
        // congress, but not the county's rows (an Include of the required term would hide the deputy too).
        var r = await db.Set<Representative>().AsNoTracking()
            .Include(x => x.DelegationGroup).Include(x => x.ProfessionalGroup).Include(x => x.ConstituencyRecord)
            .SingleOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return null;
        var term = await db.Set<Term>().AsNoTracking().Include(t => t.Congress).SingleOrDefaultAsync(t => t.Id == r.TermId, ct);
        var jurisdictionName = await db.Jurisdictions.Where(j => j.Code == r.JurisdictionCode).Select(j => j.Name).SingleOrDefaultAsync(ct);
        var photo = await db.Set<RepresentativePhoto>().Where(p => p.RepresentativeId == id).Select(p => p.Sha256).SingleOrDefaultAsync(ct);
        var memberships = await db.Set<GroupMembership>().AsNoTracking().Where(m => m.RepresentativeId == id)
            .OrderBy(m => m.StartsOn).ThenBy(m => m.Id)
            .Select(m => new
            {
                m.Kind, m.DelegationGroupId, m.ProfessionalGroupId, m.StartsOn, m.EndsOn,
                Delegation = m.DelegationGroup == null ? null : m.DelegationGroup.Name,
                Professional = m.ProfessionalGroup == null ? null : m.ProfessionalGroup.Name,
            })
            .ToListAsync(ct);
        var seats = r.IdNumberIndex is null ? [] : await db.Set<Representative>().AsNoTracking()
            .Where(o => o.IdNumberIndex == r.IdNumberIndex && o.Id != r.Id)
            .OrderByDescending(o => o.Term!.StartsOn)
            .Select(o => new { o.Id, o.TermId, o.Term!.Number, Congress = o.Term.Congress!.Name, o.Levels, o.Status })
            .ToListAsync(ct);

        var staff = RosterAccess.PageReaders.Any(me.IsInRole);
        var editor = RosterAccess.Editors.Any(me.IsInRole);
        var actions = new List<string>();
        if (editor)
        {
            actions.Add("edit");
            if (r.Status == RepresentativeStatus.InOffice) actions.Add("end_of_office");
            if (r.PhoneCipher is not null) actions.Add("reveal_phone");
            if (r.IdNumberCipher is not null) actions.Add("reveal_id_number");
        }
        return new RepresentativeDetail(
            r.Id, r.PublicCode, r.Name, r.PinyinInitials, r.Gender, r.Ethnicity, staff ? r.BirthDate : null,
            r.IdNumberMasked, r.PhoneMasked, r.Occupation, r.Employer, RepresentativeFields.LevelNames(r.Levels),
            r.TermId, term?.Title, term?.Congress?.Name, r.JurisdictionCode, jurisdictionName,
            new ConstituencyItem(r.ConstituencyId, r.Constituency, r.ConstituencyRecord?.Kind ?? ConstituencyKind.Constituency),
            new GroupRef(r.DelegationGroupId, r.DelegationGroup!.Name),
            r.ProfessionalGroup is null ? null : new GroupRef(r.ProfessionalGroup.Id, r.ProfessionalGroup.Name),
            r.Status, r.OfficeStartedOn ?? term?.StartsOn, r.OfficeEndedOn, r.EndOfOfficeReason,
            photo is null ? null : RepresentativePhotos.Url(r.Id, photo), r.Version, actions,
            memberships.Select(m => m.Kind == GroupKind.Delegation
                ? new MembershipItem("delegation", m.DelegationGroupId!.Value, m.Delegation!, m.StartsOn, m.EndsOn)
                : new MembershipItem("professional", m.ProfessionalGroupId!.Value, m.Professional!, m.StartsOn, m.EndsOn)).ToList(),
            seats.Select(o => new SeatItem(o.Id, o.TermId, $"第{ChineseNumerals.Of(o.Number)}届", o.Congress,
                RepresentativeFields.LevelNames(o.Levels), o.Status)).ToList());
    }

    /// <summary>What the filter form offers: the visible terms, groups, professional groups and townships.</summary>
    public async Task<RosterLookups> LookupsAsync(long? termId, CancellationToken ct = default)
    {
        var terms = await db.Set<Term>().AsNoTracking().Include(t => t.Congress).OrderByDescending(t => t.IsCurrent).ThenByDescending(t => t.Number)
            .ToListAsync(ct);
        var term = termId is { } id ? terms.FirstOrDefault(t => t.Id == id) : terms.FirstOrDefault(t => t.IsCurrent && t.Congress!.JurisdictionCode == me.ScopeCode)
            ?? terms.FirstOrDefault(t => t.IsCurrent);
        var groups = term is null ? [] : await db.Set<DelegationGroup>().AsNoTracking().Where(g => g.TermId == term.Id).OrderBy(g => g.JurisdictionCode).ThenBy(g => g.Name)
            .Select(g => new GroupRef(g.Id, g.Name)).ToListAsync(ct);
        var professional = term is null ? [] : await db.Set<ProfessionalGroup>().AsNoTracking().Where(g => g.TermId == term.Id).OrderBy(g => g.Id)
            .Select(g => new GroupRef(g.Id, g.Name)).ToListAsync(ct);
        var constituencies = term is null ? [] : await db.Set<Constituency>().AsNoTracking().Where(c => c.TermId == term.Id).OrderBy(c => c.Name)
            .Select(c => c.Name).ToListAsync(ct);
        var congressCode = term?.Congress?.JurisdictionCode;
        var townships = congressCode is null ? [] : await db.Jurisdictions.AsNoTracking().Where(j => j.ParentCode == congressCode).OrderBy(j => j.Code)
            .Select(j => new TownshipItem(j.Code, j.Name)).ToListAsync(ct);
        return new RosterLookups(terms.Select(t => new TermItem(t.Id, t.Congress!.Name + t.Title, t.IsCurrent)).ToList(), term?.Id,
            groups, professional, constituencies, townships);
    }
}

public sealed record TermItem(long Id, string Title, bool IsCurrent);

public sealed record TownshipItem(string Code, string Name);

public sealed record RosterLookups(IReadOnlyList<TermItem> Terms, long? TermId, IReadOnlyList<GroupRef> Groups,
    IReadOnlyList<GroupRef> ProfessionalGroups, IReadOnlyList<string> Constituencies, IReadOnlyList<TownshipItem> Townships);
