using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.Representatives;
using Renda.Modules.Stations;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Jurisdictions;
using Renda.Platform.Validation;
using Renda.Platform.Calendar;

namespace Renda.Modules.Contacts;

public sealed record NewVoter(string? Name, string? JurisdictionCode, string? Household, string? Phone);

/// <summary>A pairing to create: <c>level</c> <c>committee</c> with <c>committeeMemberId</c> and
/// <c>representativeId</c>, or <c>representative</c> with <c>representativeId</c> (a representative may
/// omit it: themself) and either an existing <c>voterId</c> or a new <c>voter</c>.</summary>
public sealed record NewPairing(string? Level, long? CommitteeMemberId, long? RepresentativeId, long? VoterId, NewVoter? Voter);

public sealed record PairingFilter(string? Level = null, long? CommitteeMemberId = null, long? RepresentativeId = null,
    long? Group = null, string? Jurisdiction = null, bool IncludeEnded = false, string? Q = null, int? Page = null, int? PageSize = null);

public sealed record MemberRef(long Id, string Name, string Title);
public sealed record RepresentativeRef(long Id, string Name, long DelegationGroupId, string DelegationGroup, string JurisdictionCode);
public sealed record VoterView(long Id, string Name, string JurisdictionCode, string Village, string Household, string? Phone);

public sealed record PairingItem(long Id, string Level, MemberRef? CommitteeMember, RepresentativeRef Representative,
    VoterView? Voter, string JurisdictionCode, DateOnly StartedOn, DateOnly? EndedOn, DateOnly? LastContactOn, int Contacts);

public sealed record RevealedPhone(long VoterId, string? Phone);

/// <summary>Fixed pairings of 双联: list, create, end; and the audited reveal of a voter's phone.</summary>
public sealed class Pairings(AppDbContext db, ICurrentUser me, PersonalData personal, AuditTrail audit, TimeProvider clock)
{
    private ContactViewer Viewer => ContactViewer.Of(me);

    public async Task<UseCaseResult<Paged<PairingItem>>> ListAsync(PairingFilter f, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        ContactLevel? level = null;
        if (!string.IsNullOrWhiteSpace(f.Level))
        {
            if (ContactLabels.TryParseLevel(f.Level, out var l)) level = l;
            else errors["level"] = ["只能是 committee 或 representative / must be committee or representative"];
        }
        if (f.Jurisdiction is { Length: > 0 } j && !Jurisdiction.IsWellFormed(j))
            errors["jurisdiction"] = ["行政区划代码格式有误 / not a jurisdiction code"];
        if (f.Q is { Length: > 50 }) errors["q"] = ["最多 50 字符 / at most 50 characters"];
        if (errors.Count > 0) return UseCaseResult<Paged<PairingItem>>.Invalid(errors);

        var (page, size) = Paging.Normalize(f.Page, f.PageSize);
        var viewer = Viewer;
        var q = db.Set<ContactPairing>().AsNoTracking();
        if (viewer.OwnOnly) q = OwnOnly(q, viewer);
        if (level is { } lv) q = q.Where(p => p.Level == lv);
        if (!f.IncludeEnded) q = q.Where(p => p.EndedOn == null);
        if (f.CommitteeMemberId is { } cm) q = q.Where(p => p.CommitteeMemberId == cm);
        if (f.RepresentativeId is { } rep) q = q.Where(p => p.RepresentativeId == rep);
        if (f.Group is { } g) q = q.Where(p => p.Representative!.DelegationGroupId == g);
        if (f.Jurisdiction is { Length: > 0 } code) q = q.Where(p => p.JurisdictionCode.StartsWith(code));
        if (f.Q?.Trim() is { Length: > 0 } text)
            q = q.Where(p => p.Representative!.Name.Contains(text)
                || (p.CommitteeMember != null && p.CommitteeMember.Name.Contains(text))
                || (viewer.IsStaff && p.Voter != null && p.Voter.Name.Contains(text)));

        var total = await q.CountAsync(ct);
        var rows = await Project(q.OrderBy(p => p.EndedOn != null).ThenBy(p => p.Level).ThenBy(p => p.CommitteeMemberId)
            .ThenBy(p => p.RepresentativeId).ThenBy(p => p.Id).Skip((page - 1) * size).Take(size), ct);
        return UseCaseResult<Paged<PairingItem>>.Success(new Paged<PairingItem>(rows, total, page, size));
    }

    public async Task<PairingItem?> FindAsync(long id, CancellationToken ct = default)
    {
        var q = db.Set<ContactPairing>().AsNoTracking().Where(p => p.Id == id);
        var viewer = Viewer;
        if (viewer.OwnOnly) q = OwnOnly(q, viewer);
        return (await Project(q, ct)).SingleOrDefault();
    }

    /// <summary>A representative sees the pairings they are part of: with their committee member, and with their voters.</summary>
    internal static IQueryable<ContactPairing> OwnOnly(IQueryable<ContactPairing> q, ContactViewer viewer)
    {
        var rep = viewer.RepresentativeId ?? -1;
        return q.Where(p => p.RepresentativeId == rep);
    }

    private async Task<List<PairingItem>> Project(IQueryable<ContactPairing> q, CancellationToken ct)
    {
        var rows = await q.Select(p => new
        {
            p.Id, p.Level, p.JurisdictionCode, p.StartedOn, p.EndedOn,
            Member = p.CommitteeMember == null ? null : new { p.CommitteeMember.Id, p.CommitteeMember.Name, p.CommitteeMember.Title },
            Rep = new { p.Representative!.Id, p.Representative.Name, p.Representative.DelegationGroupId, Group = p.Representative.DelegationGroup!.Name, p.Representative.JurisdictionCode },
            Voter = p.Voter == null ? null : new { p.Voter.Id, p.Voter.Name, p.Voter.JurisdictionCode, p.Voter.Household, p.Voter.PhoneMasked },
            Last = db.Set<ContactLogEntry>().Where(l => l.PairingId == p.Id).Max(l => (DateOnly?)l.On),
            Contacts = db.Set<ContactLogEntry>().Count(l => l.PairingId == p.Id),
        }).ToListAsync(ct);
        var places = await PlaceNamesAsync(rows.Where(r => r.Voter != null).Select(r => r.Voter!.JurisdictionCode), ct);
        var viewer = Viewer;
        return rows.Select(r => new PairingItem(r.Id, ContactLabels.LevelName(r.Level),
            r.Member is null ? null : new MemberRef(r.Member.Id, r.Member.Name, r.Member.Title),
            new RepresentativeRef(r.Rep.Id, r.Rep.Name, r.Rep.DelegationGroupId, r.Rep.Group, r.Rep.JurisdictionCode),
            r.Voter is null ? null : new VoterView(r.Voter.Id, viewer.VoterName(r.Voter.Name, r.Rep.Id), r.Voter.JurisdictionCode,
                places.GetValueOrDefault(r.Voter.JurisdictionCode, ""), viewer.VoterHousehold(r.Voter.Household, r.Rep.Id), r.Voter.PhoneMasked),
            r.JurisdictionCode, r.StartedOn, r.EndedOn, r.Last, r.Contacts)).ToList();
    }

    private async Task<Dictionary<string, string>> PlaceNamesAsync(IEnumerable<string> codes, CancellationToken ct)
    {
        var list = codes.Distinct().ToList();
        if (list.Count == 0) return [];
        return await db.Jurisdictions.AsNoTracking().Where(j => list.Contains(j.Code)).ToDictionaryAsync(j => j.Code, j => j.Name, ct);
    }

    public async Task<UseCaseResult<PairingItem>> CreateAsync(NewPairing req, CancellationToken ct = default)
    {
        if (!ContactLabels.TryParseLevel(req.Level, out var level))
            return UseCaseResult<PairingItem>.Invalid("level", "必填：committee 或 representative / required: committee or representative");
        var result = level == ContactLevel.Committee ? await PairCommitteeAsync(req, ct) : await PairVoterAsync(req, ct);
        if (!result.Ok) return result.Failure<long, PairingItem>();
        return UseCaseResult<PairingItem>.Success((await FindAsync(result.Value, ct))!, 201);
    }

    private async Task<UseCaseResult<long>> PairCommitteeAsync(NewPairing req, CancellationToken ct)
    {
        var viewer = Viewer;
        if (!viewer.IsManager)
            return UseCaseResult<long>.Refused(403, "forbidden", "无权执行此操作", "Only congress staff arrange committee pairings");
        var errors = new Dictionary<string, string[]>();
        if (req.CommitteeMemberId is null) errors["committeeMemberId"] = ["必填 / required"];
        if (req.RepresentativeId is null) errors["representativeId"] = ["必填 / required"];
        if (req.VoterId is not null || req.Voter is not null) errors["voter"] = ["常委会联系代表不含选民 / a committee pairing has no voter"];
        if (errors.Count > 0) return UseCaseResult<long>.Invalid(errors);

        var member = await db.Set<CommitteeMember>().SingleOrDefaultAsync(m => m.Id == req.CommitteeMemberId, ct);
        if (member is null || member.EndedOn is not null)
            return UseCaseResult<long>.Invalid("committeeMemberId", "未找到在任的常委会组成人员 / no such committee member in office");
        var rep = await db.Set<Representative>().SingleOrDefaultAsync(r => r.Id == req.RepresentativeId, ct);
        if (rep is null) return UseCaseResult<long>.Invalid("representativeId", "未找到该代表 / no such representative");
        // Each congress's standing committee keeps in touch with its own representatives: the same term,
        // which also means the same county.
        if (rep.TermId != member.TermId)
            return UseCaseResult<long>.Refused(409, "different-congress", "该代表与该常委会组成人员不属于同一届人大",
                "The representative and the committee member do not belong to the same congress term");

        var existing = await db.Set<ContactPairing>()
            .Where(p => p.Level == ContactLevel.Committee && p.RepresentativeId == rep.Id && p.EndedOn == null)
            .Select(p => new { p.Id, p.CommitteeMemberId, Name = p.CommitteeMember!.Name }).FirstOrDefaultAsync(ct);
        if (existing is not null)
            return existing.CommitteeMemberId == member.Id
                ? Duplicate()
                : UseCaseResult<long>.Refused(409, "already-paired", "该代表已由其他常委会组成人员联系，请先解除原结对",
                    "This representative is already paired with another committee member; end that pairing first",
                    $"Active pairing {existing.Id}.");

        var pairing = new ContactPairing
        {
            Level = ContactLevel.Committee, CommitteeMemberId = member.Id, RepresentativeId = rep.Id,
            JurisdictionCode = rep.JurisdictionCode, StartedOn = ChinaTime.Today(clock),
            CreatedBy = me.UserName ?? "", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        return await SaveAsync(pairing, ct);
    }

    private async Task<UseCaseResult<long>> PairVoterAsync(NewPairing req, CancellationToken ct)
    {
        var viewer = Viewer;
        var repId = req.RepresentativeId ?? (viewer.IsManager ? null : viewer.RepresentativeId);
        if (!viewer.IsManager && (viewer.RepresentativeId is null || repId != viewer.RepresentativeId))
            return UseCaseResult<long>.Refused(403, "forbidden", "无权执行此操作", "A representative arranges only their own voters");
        var errors = new Dictionary<string, string[]>();
        if (repId is null) errors["representativeId"] = ["必填 / required"];
        if (req.CommitteeMemberId is not null) errors["committeeMemberId"] = ["代表联系选民不含常委会组成人员 / a voter pairing has no committee member"];
        if (req.VoterId is null == req.Voter is null) errors["voter"] = ["须给出 voterId 或 voter 之一 / give either voterId or voter"];
        if (errors.Count > 0) return UseCaseResult<long>.Invalid(errors);

        var rep = await db.Set<Representative>().Include(r => r.Term).SingleOrDefaultAsync(r => r.Id == repId, ct);
        if (rep is null) return UseCaseResult<long>.Invalid("representativeId", "未找到该代表 / no such representative");
        var county = rep.Term!.JurisdictionCode;

        Voter voter;
        if (req.VoterId is { } voterId)
        {
            var found = await db.Set<Voter>().SingleOrDefaultAsync(v => v.Id == voterId, ct);
            if (found is null) return UseCaseResult<long>.Invalid("voterId", "未找到该选民 / no such voter");
            if (!found.JurisdictionCode.StartsWith(county, StringComparison.Ordinal))
                return UseCaseResult<long>.Refused(409, "different-congress", "该选民不在该代表所属人大的行政区域内",
                    "The voter lives outside the jurisdiction of the representative's congress");
            voter = found;
        }
        else
        {
            var v = req.Voter!;
            var name = ContactInput.Text(v.Name, 50, true, "voter.name", errors);
            var household = ContactInput.Text(v.Household, 200, false, "voter.household", errors, multiline: true);
            var code = v.JurisdictionCode?.Trim() ?? "";
            if (code.Length == 0) errors["voter.jurisdictionCode"] = ["必填（村、社区或乡镇） / required (village, community or township)"];
            else if (!Jurisdiction.IsWellFormed(code) || code.Length < 9)
                errors["voter.jurisdictionCode"] = ["须为乡镇（9 位）或村、社区（12 位）代码 / a township (9 digits) or village (12 digits) code"];
            else if (!code.StartsWith(county, StringComparison.Ordinal))
                errors["voter.jurisdictionCode"] = ["不在该代表所属人大的行政区域内 / outside the jurisdiction of the representative's congress"];
            else if (me.ScopeCode is { } scope && !code.StartsWith(scope, StringComparison.Ordinal))
                errors["voter.jurisdictionCode"] = ["超出本级管辖范围 / outside your jurisdiction"];
            else if (!await db.Jurisdictions.AnyAsync(j => j.Code == code, ct))
                errors["voter.jurisdictionCode"] = ["未知的行政区划代码 / unknown jurisdiction code"];
            string? phone = null;
            if (!string.IsNullOrWhiteSpace(v.Phone))
            {
                phone = MobilePhone.Normalize(v.Phone);
                if (phone is null) errors["voter.phone"] = ["不是有效的手机号码 / not a valid mobile number"];
            }
            if (errors.Count > 0) return UseCaseResult<long>.Invalid(errors);

            // The same person (same name and place) already paired with this representative is a duplicate.
            var same = await db.Set<ContactPairing>().AnyAsync(p => p.Level == ContactLevel.Representative && p.RepresentativeId == rep.Id
                && p.EndedOn == null && p.Voter!.Name == name && p.Voter.JurisdictionCode == code, ct);
            if (same) return Duplicate();
            voter = new Voter
            {
                JurisdictionCode = code, Name = name!, Household = household ?? "",
                PhoneCipher = personal.Protect(phone), PhoneIndex = personal.BlindIndex(phone),
                PhoneMasked = phone is null ? null : Masking.Phone(phone), CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Add(voter);
        }

        if (voter.Id != 0 && await db.Set<ContactPairing>().AnyAsync(p => p.Level == ContactLevel.Representative
                && p.RepresentativeId == rep.Id && p.VoterId == voter.Id && p.EndedOn == null, ct))
            return Duplicate();

        var pairing = new ContactPairing
        {
            Level = ContactLevel.Representative, RepresentativeId = rep.Id, Voter = voter,
            JurisdictionCode = rep.JurisdictionCode, StartedOn = ChinaTime.Today(clock),
            CreatedBy = me.UserName ?? "", CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        return await SaveAsync(pairing, ct);
    }

    private async Task<UseCaseResult<long>> SaveAsync(ContactPairing pairing, CancellationToken ct)
    {
        db.Add(pairing);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request created the same active pairing in between: the unique index said no.
            db.ChangeTracker.Clear();
            return Duplicate();
        }
        return UseCaseResult<long>.Success(pairing.Id, 201);
    }

    private static UseCaseResult<long> Duplicate() =>
        UseCaseResult<long>.Refused(409, "duplicate-pairing", "该结对已存在", "This pairing already exists");

    /// <summary>Ends an active pairing (its log stays). Staff end any; a representative ends their own voter pairings.</summary>
    public async Task<UseCaseResult<PairingItem>> EndAsync(long id, CancellationToken ct = default)
    {
        var pairing = await db.Set<ContactPairing>().SingleOrDefaultAsync(p => p.Id == id, ct);
        var viewer = Viewer;
        if (pairing is null || (viewer.OwnOnly && pairing.RepresentativeId != viewer.RepresentativeId))
            return UseCaseResult<PairingItem>.NotFound();
        var allowed = pairing.Level == ContactLevel.Committee
            ? viewer.IsManager
            : viewer.IsManager || pairing.RepresentativeId == viewer.RepresentativeId;
        if (!allowed) return UseCaseResult<PairingItem>.Refused(403, "forbidden", "无权执行此操作", "Forbidden");
        if (pairing.EndedOn is not null)
            return UseCaseResult<PairingItem>.Refused(409, "already-ended", "该结对已解除", "This pairing has already ended");
        pairing.EndedOn = ChinaTime.Today(clock);
        await db.SaveChangesAsync(ct);
        return UseCaseResult<PairingItem>.Success((await FindAsync(id, ct))!);
    }

    /// <summary>The full phone of a voter, for staff and for a representative paired with the voter; audited.</summary>
    public async Task<UseCaseResult<RevealedPhone>> RevealPhoneAsync(long voterId, CancellationToken ct = default)
    {
        var voter = await db.Set<Voter>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == voterId, ct);
        if (voter is null) return UseCaseResult<RevealedPhone>.NotFound();
        var viewer = Viewer;
        if (!viewer.IsStaff)
        {
            var own = viewer.RepresentativeId is { } rep && await db.Set<ContactPairing>()
                .AnyAsync(p => p.VoterId == voterId && p.RepresentativeId == rep && p.EndedOn == null, ct);
            if (!own)
            {
                await audit.WriteAsync(new AuditRecord(AuditActions.Reveal, nameof(Voter), voterId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    JsonSerializer.Serialize(new { field = "phone" }), AuditOutcomes.Denied, JurisdictionCode: voter.JurisdictionCode), ct);
                return UseCaseResult<RevealedPhone>.Refused(403, "forbidden", "无权查看该选民的电话", "You may not see this voter's phone");
            }
        }
        await audit.WriteAsync(new AuditRecord(AuditActions.Reveal, nameof(Voter), voterId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { field = "phone" }), JurisdictionCode: voter.JurisdictionCode), ct);
        return UseCaseResult<RevealedPhone>.Success(new RevealedPhone(voterId, personal.Unprotect(voter.PhoneCipher)));
    }
}
