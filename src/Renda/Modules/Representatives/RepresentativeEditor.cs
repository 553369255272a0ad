using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Renda.Modules.Congress;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Modules.Representatives;

/// <summary>The body of <c>POST /api/representatives</c> and <c>PUT /api/representatives/{id}</c>, and
/// what the edit page posts. Values are text (see <see cref="RepresentativeInput"/>); a group is named
/// by id or by name (a new delegation group name creates the group). <see cref="Version"/> is required
/// to change an existing row; there, an empty phone or ID number keeps the stored one.</summary>
public sealed record RepresentativeRequest
{
    public string? Name { get; init; }
    public string? Gender { get; init; }
    public string? Ethnicity { get; init; }
    public string? BirthDate { get; init; }
    public string? IdNumber { get; init; }
    public string? Phone { get; init; }
    public string? Occupation { get; init; }
    public string? Employer { get; init; }
    public IReadOnlyList<string>? Levels { get; init; }
    public string? Constituency { get; init; }
    public string? ConstituencyKind { get; init; }
    public long? DelegationGroupId { get; init; }
    public string? DelegationGroup { get; init; }
    public long? ProfessionalGroupId { get; init; }
    public string? ProfessionalGroup { get; init; }
    public string? Township { get; init; }
    public string? OfficeStartedOn { get; init; }
    public long? TermId { get; init; }
    public long? Version { get; init; }
}

public sealed record EndOfOfficeRequest(string? Status, string? Date, string? Reason, long? Version);

public sealed record Saved(long Id, long Version);

public sealed record Revealed(string Field, string Value);

/// <summary>Create, edit and end of office of a representative, and the audited reveal of phone and ID
/// number: the use cases behind both the pages and <c>/api/representatives</c>.</summary>
public sealed class RepresentativeEditor(AppDbContext db, PersonalData pd, ICurrentUser me, TimeProvider clock, RosterTerms terms,
    IOptions<RosterOptions> options, AuditTrail audit)
{
    public const string PhoneField = "phone";
    public const string IdNumberField = "idNumber";

    public async Task<UseCaseResult<Saved>> CreateAsync(RepresentativeRequest req, CancellationToken ct = default)
    {
        var term = await terms.ResolveAsync(req.TermId, ct);
        if (term is null)
            return UseCaseResult<Saved>.Invalid("termId", req.TermId is null
                ? "您所在行政区划没有当届人大，请指定届次 / no current term in your jurisdiction: give termId"
                : "未找到该届次 / no such term");
        var places = await RosterPlaces.LoadAsync(db, term, ct);
        var (values, errors) = await CheckAsync(req, term, places, null, ct);
        if (values is null) return UseCaseResult<Saved>.Invalid(errors);

        var rep = new Representative
        {
            TermId = term.Id,
            PublicCode = PublicCodes.New(),
            Status = RepresentativeStatus.InOffice,
        };
        Apply(rep, values, places, term);
        db.Add(rep);
        var start = values.OfficeStartedOn ?? term.StartsOn;
        OpenMembership(rep, GroupKind.Delegation, rep.DelegationGroup, null, start);
        if (rep.ProfessionalGroup is { } pg) OpenMembership(rep, GroupKind.Professional, null, pg, start);
        places.Attach(db);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Someone added the same person in between (the unique index held): say so, as the check would have.
            if (!await DuplicateAsync(term.Id, rep.IdNumberIndex, rep.Id, ct)) throw;
            return UseCaseResult<Saved>.Invalid(IdNumberField, DuplicateMessage);
        }
        return UseCaseResult<Saved>.Success(new Saved(rep.Id, rep.Version), 201);
    }

    public async Task<UseCaseResult<Saved>> UpdateAsync(long id, RepresentativeRequest req, CancellationToken ct = default)
    {
        var rep = await db.Set<Representative>().Include(r => r.DelegationGroup).Include(r => r.ProfessionalGroup)
            .SingleOrDefaultAsync(r => r.Id == id, ct);
        if (rep is null) return UseCaseResult<Saved>.NotFound();
        if (req.Version is null) return UseCaseResult<Saved>.Invalid("version", "必填：读取时的版本号 / required: the version you read");
        if (req.Version != rep.Version) return Stale(rep.Version);
        var term = await db.Set<Term>().Include(t => t.Congress).SingleOrDefaultAsync(t => t.Id == rep.TermId, ct);
        if (term is null) return NotYourCongress();
        var places = await RosterPlaces.LoadAsync(db, term, ct);
        // Phone and ID number left out keep their values: a form never shows them, so it never sends them back.
        req = req with
        {
            IdNumber = RepresentativeFields.Clean(req.IdNumber) ?? pd.Unprotect(rep.IdNumberCipher),
            Phone = RepresentativeFields.Clean(req.Phone) ?? pd.Unprotect(rep.PhoneCipher),
        };
        var (values, errors) = await CheckAsync(req, term, places, rep.Id, ct);
        if (values is null) return UseCaseResult<Saved>.Invalid(errors);

        var oldDelegation = rep.DelegationGroupId;
        var oldProfessional = rep.ProfessionalGroupId;
        var oldJurisdiction = rep.JurisdictionCode;
        Apply(rep, values, places, term);
        var today = clock.Today();
        if (rep.DelegationGroup!.Id != oldDelegation || rep.DelegationGroup.Id == 0)
        {
            await CloseMembershipsAsync(rep.Id, GroupKind.Delegation, today, ct);
            OpenMembership(rep, GroupKind.Delegation, rep.DelegationGroup, null, today);
        }
        if (rep.ProfessionalGroup?.Id != oldProfessional || rep.ProfessionalGroup is { Id: 0 })
        {
            await CloseMembershipsAsync(rep.Id, GroupKind.Professional, today, ct);
            if (rep.ProfessionalGroup is { } pg) OpenMembership(rep, GroupKind.Professional, null, pg, today);
        }
        places.Attach(db);
        db.Entry(rep).Property(r => r.Version).OriginalValue = req.Version.Value;
        await using var tx = await db.BeginWriteTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale(null);
        }
        catch (DbUpdateException)
        {
            await tx.RollbackAsync(CancellationToken.None);
            if (!await DuplicateAsync(rep.TermId, rep.IdNumberIndex, rep.Id, ct)) throw;
            return UseCaseResult<Saved>.Invalid(IdNumberField, DuplicateMessage);
        }
        // The photo follows the representative to the new township (it is scoped like the row).
        if (rep.JurisdictionCode != oldJurisdiction)
            await db.Set<RepresentativePhoto>().Where(p => p.RepresentativeId == rep.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.JurisdictionCode, rep.JurisdictionCode), ct);
        await tx.CommitAsync(ct);
        return UseCaseResult<Saved>.Success(new Saved(rep.Id, rep.Version));
    }

    /// <summary>Resignation or termination: the status, the last day and the reason; open group
    /// memberships end that day. Refused (409) when the office has already ended.</summary>
    public async Task<UseCaseResult<Saved>> EndOfOfficeAsync(long id, EndOfOfficeRequest req, CancellationToken ct = default)
    {
        var rep = await db.Set<Representative>().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (rep is null) return UseCaseResult<Saved>.NotFound();
        var term = await db.Set<Term>().SingleOrDefaultAsync(t => t.Id == rep.TermId, ct);
        if (term is null) return NotYourCongress();
        if (req.Version is { } v && v != rep.Version) return Stale(rep.Version);
        if (rep.Status != RepresentativeStatus.InOffice)
            return UseCaseResult<Saved>.Refused(409, "office-already-ended", "该代表已离任", "This representative's office has already ended");

        var errors = new Dictionary<string, string[]>();
        RepresentativeStatus? status = RepresentativeFields.Clean(req.Status) switch
        {
            "resigned" or "辞职" => RepresentativeStatus.Resigned,
            "terminated" or "终止" or "罢免" => RepresentativeStatus.Terminated,
            _ => null,
        };
        if (status is null) errors["status"] = ["应为 resigned（辞职）或 terminated（终止代表资格）/ resigned or terminated"];
        var date = RepresentativeFields.ParseDate(req.Date);
        var started = rep.OfficeStartedOn ?? term.StartsOn;
        if (date is null || date.Value.MonthOnly) errors["date"] = ["必填，如 2026-03-01 / required, e.g. 2026-03-01"];
        else if (date.Value.Date < started) errors["date"] = ["不能早于任职起始日期 / before the start of office"];
        else if (date.Value.Date > clock.Today()) errors["date"] = ["不能晚于今天 / cannot be in the future"];
        var reason = RepresentativeFields.Clean(req.Reason);
        if (reason is null) errors["reason"] = ["必填 / required"];
        else if (reason.Length > 500) errors["reason"] = ["最多 500 个字符 / at most 500 characters"];
        if (errors.Count > 0) return UseCaseResult<Saved>.Invalid(errors);

        rep.Status = status!.Value;
        rep.OfficeEndedOn = date!.Value.Date;
        rep.EndOfOfficeReason = reason;
        await CloseMembershipsAsync(rep.Id, null, date.Value.Date.AddDays(1), ct);
        if (req.Version is { } expected) db.Entry(rep).Property(r => r.Version).OriginalValue = expected;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale(null);
        }
        return UseCaseResult<Saved>.Success(new Saved(rep.Id, rep.Version));
    }

    /// <summary>Decrypts the phone or ID number of one representative for congress staff, and records
    /// who revealed which field of whom (never the value). Other roles are refused, and the refusal is
    /// recorded too.</summary>
    public async Task<UseCaseResult<Revealed>> RevealAsync(long id, string? field, CancellationToken ct = default)
    {
        if (field is not (PhoneField or IdNumberField))
            return UseCaseResult<Revealed>.Invalid("field", "应为 phone 或 idNumber / phone or idNumber");
        var rep = await db.Set<Representative>().AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.Id, r.JurisdictionCode, r.PhoneCipher, r.IdNumberCipher }).SingleOrDefaultAsync(ct);
        if (rep is null) return UseCaseResult<Revealed>.NotFound();
        var summary = JsonSerializer.Serialize(new { field, representativeId = rep.Id });
        if (!RosterAccess.Editors.Any(me.IsInRole))
        {
            await audit.WriteAsync(new AuditRecord(AuditActions.Reveal, nameof(Representative), rep.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                summary, AuditOutcomes.Denied, JurisdictionCode: rep.JurisdictionCode), ct);
            return UseCaseResult<Revealed>.Refused(403, "forbidden", "只有人大工作人员可以查看完整信息", "Only congress staff may reveal personal data");
        }
        var cipher = field == PhoneField ? rep.PhoneCipher : rep.IdNumberCipher;
        if (cipher is null) return UseCaseResult<Revealed>.Refused(404, "not-found", "未登记该信息", "Not recorded");
        var value = pd.Unprotect(cipher)!;
        await audit.WriteAsync(new AuditRecord(AuditActions.Reveal, nameof(Representative), rep.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            summary, JurisdictionCode: rep.JurisdictionCode), ct);
        return UseCaseResult<Revealed>.Success(new Revealed(field, value));
    }

    private const string DuplicateMessage = "本届名册中已有相同身份证号码的代表 / a representative with this ID number is already on this term's roster";

    private async Task<(RepresentativeValues? Values, Dictionary<string, string[]> Errors)> CheckAsync(RepresentativeRequest req, Term term,
        RosterPlaces places, long? self, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var delegationGroup = req.DelegationGroup;
        if (req.DelegationGroupId is { } gid)
        {
            delegationGroup = await db.Set<DelegationGroup>().Where(g => g.Id == gid && g.TermId == term.Id).Select(g => g.Name).SingleOrDefaultAsync(ct);
            if (delegationGroup is null)
                errors.Add(new("delegationGroupId", "unknown_group", "本届没有该代表小组", "no such delegation group in this term"));
        }
        var professionalGroup = req.ProfessionalGroup;
        if (req.ProfessionalGroupId is { } pid)
        {
            professionalGroup = await db.Set<ProfessionalGroup>().Where(g => g.Id == pid && g.TermId == term.Id).Select(g => g.Name).SingleOrDefaultAsync(ct);
            if (professionalGroup is null)
                errors.Add(new("professionalGroupId", "unknown_group", "本届没有该专业代表小组", "no such professional group in this term"));
        }
        var input = new RepresentativeInput
        {
            Name = req.Name, Gender = req.Gender, Ethnicity = req.Ethnicity, BirthDate = req.BirthDate, IdNumber = req.IdNumber,
            Phone = req.Phone, Occupation = req.Occupation, Employer = req.Employer,
            Levels = req.Levels is null ? null : string.Join(",", req.Levels),
            Constituency = req.Constituency, ConstituencyKind = req.ConstituencyKind,
            // an unknown id is reported above, not again as a missing name
            DelegationGroup = req.DelegationGroupId is not null && delegationGroup is null ? "?" : delegationGroup,
            ProfessionalGroup = professionalGroup,
            Township = req.Township, OfficeStartedOn = req.OfficeStartedOn,
        };
        var values = RepresentativeFields.Check(input, options.Value.ProfessionalGroupNames, clock.Today(), errors);
        if (RepresentativeFields.Clean(req.Township) is { } t && places.Township(t) is null)
            errors.Add(new("township", "unknown_township", "不是本行政区划的乡镇（街道）", "not a township of this jurisdiction"));
        if (values is not null && values.OfficeStartedOn is { } s && !term.Covers(s))
            errors.Add(new("officeStartedOn", RepresentativeFields.Reasons.InvalidDate, "任职起始日期不在本届任期内", "not within the term"));
        if (values is not null && await DuplicateAsync(term.Id, pd.BlindIndex(values.IdNumber), self, ct))
            errors.Add(new(IdNumberField, "duplicate_in_roster", "本届名册中已有相同身份证号码的代表", "a representative with this ID number is already on this term's roster"));
        return errors.Count == 0 ? (values, []) : (null, ToDictionary(errors));
    }

    private Task<bool> DuplicateAsync(long termId, string? index, long? self, CancellationToken ct) =>
        index is null ? Task.FromResult(false)
            : db.Set<Representative>().AnyAsync(r => r.TermId == termId && r.IdNumberIndex == index && r.Id != (self ?? 0), ct);

    private void Apply(Representative rep, RepresentativeValues v, RosterPlaces places, Term term)
    {
        rep.SetName(v.Name);
        rep.Gender = v.Gender;
        rep.Ethnicity = v.Ethnicity;
        rep.BirthDate = v.BirthDate;
        rep.Occupation = v.Occupation;
        rep.Employer = v.Employer;
        // A row of this term is a deputy of this congress's level, whatever else the person is.
        rep.Levels = (v.Levels == RepresentativeLevels.None ? rep.Levels : v.Levels) | RepresentativeFields.LevelOfCongress(term.Congress!.Level);
        if (rep.IdNumberIndex != pd.BlindIndex(v.IdNumber)) rep.SetIdNumber(pd, v.IdNumber);
        if (rep.PhoneIndex != pd.BlindIndex(v.Phone)) rep.SetPhone(pd, v.Phone);
        var jurisdiction = places.JurisdictionFor(v.DelegationGroup, places.Township(v.Township));
        rep.JurisdictionCode = jurisdiction;
        rep.DelegationGroup = places.Group(v.DelegationGroup, jurisdiction);
        rep.ProfessionalGroup = places.Professional(v.ProfessionalGroup);
        if (rep.ProfessionalGroup is null) rep.ProfessionalGroupId = null;
        rep.ConstituencyRecord = places.Constituency(v.Constituency, v.ConstituencyKind, jurisdiction);
        rep.Constituency = rep.ConstituencyRecord.Name;
        rep.OfficeStartedOn = v.OfficeStartedOn;
    }

    private void OpenMembership(Representative rep, GroupKind kind, DelegationGroup? delegation, ProfessionalGroup? professional, DateOnly from) =>
        db.Add(new GroupMembership
        {
            Representative = rep, Kind = kind, DelegationGroup = delegation, ProfessionalGroup = professional,
            StartsOn = from, JurisdictionCode = rep.JurisdictionCode,
        });

    /// <summary>Ends the open memberships (of one kind, or all) the day before <paramref name="from"/>;
    /// one that began on or after that day never took effect and is removed.</summary>
    private async Task CloseMembershipsAsync(long repId, GroupKind? kind, DateOnly from, CancellationToken ct)
    {
        if (repId == 0) return;
        var open = await db.Set<GroupMembership>().Where(m => m.RepresentativeId == repId && m.EndsOn == null && (kind == null || m.Kind == kind))
            .ToListAsync(ct);
        foreach (var m in open)
        {
            if (m.StartsOn >= from) db.Remove(m);
            else m.EndsOn = from.AddDays(-1);
        }
    }

    /// <summary>A deputy the caller sees (their township's) of a congress above the caller's jurisdiction:
    /// that congress's staff keep its roster.</summary>
    private static UseCaseResult<Saved> NotYourCongress() =>
        UseCaseResult<Saved>.Refused(403, "forbidden", "该代表属于上级人大，由其工作机构维护", "This deputy belongs to a congress above your jurisdiction; its staff keep the roster");

    private static UseCaseResult<Saved> Stale(long? current) =>
        UseCaseResult<Saved>.Refused(412, "stale-version", "数据已被他人修改，请刷新后重试", "The record was changed by someone else; reload and retry",
            current is null ? null : $"Current version is {current}.");

    private static Dictionary<string, string[]> ToDictionary(List<FieldError> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
}
