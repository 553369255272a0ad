using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.Congress;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Calendar;

namespace Renda.Modules.Contacts;

public sealed record NewCommitteeMember(string? Name, string? Title, string? UserName, long? TermId);

public sealed record CommitteeMemberItem(long Id, string Name, string Title, long TermId, string Term, string? UserName,
    string JurisdictionCode, DateOnly? EndedOn, int Representatives);

/// <summary>Marks the members of a term's standing committee (常委会组成人员), optionally linked to an
/// account that holds congress_staff or leader, and ends a membership. Behind both the page and
/// <c>/api/contacts/committee-members</c>.</summary>
public sealed class CommitteeMembers(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    public async Task<IReadOnlyList<CommitteeMemberItem>> ListAsync(bool includeEnded = false, CancellationToken ct = default)
    {
        var members = db.Set<CommitteeMember>().AsNoTracking();
        if (!includeEnded) members = members.Where(m => m.EndedOn == null);
        var rows = await members
            .OrderBy(m => m.EndedOn != null).ThenBy(m => m.TermId).ThenBy(m => m.Id)
            .Select(m => new
            {
                m.Id, m.Name, m.Title, m.TermId, TermNumber = m.Term!.Number, m.UserId, m.JurisdictionCode, m.EndedOn,
                Representatives = db.Set<ContactPairing>().Count(p => p.CommitteeMemberId == m.Id && p.EndedOn == null),
            })
            .ToListAsync(ct);
        var ids = rows.Where(r => r.UserId != null).Select(r => r.UserId!).ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.UserName ?? "", ct);
        return rows.Select(r => new CommitteeMemberItem(r.Id, r.Name, r.Title, r.TermId, Title(r.TermNumber),
            r.UserId is null ? null : names.GetValueOrDefault(r.UserId), r.JurisdictionCode, r.EndedOn, r.Representatives)).ToList();
    }

    /// <summary>The accounts that may be marked: congress_staff or leader, in the caller's jurisdiction,
    /// not yet linked to an active membership.</summary>
    public async Task<IReadOnlyList<(string UserName, string DisplayName)>> EligibleAccountsAsync(CancellationToken ct = default)
    {
        var linked = db.Set<CommitteeMember>().Where(m => m.EndedOn == null && m.UserId != null).Select(m => m.UserId);
        var rows = await (from u in db.Users.AsNoTracking()
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where ContactAccess.CommitteeRoles.Contains(r.Name!) && !u.Disabled && !linked.Contains(u.Id)
                          select new { u.UserName, u.DisplayName }).Distinct().OrderBy(u => u.UserName).ToListAsync(ct);
        return rows.Select(r => (r.UserName!, r.DisplayName)).ToList();
    }

    public async Task<UseCaseResult<CommitteeMemberItem>> MarkAsync(NewCommitteeMember req, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var title = ContactInput.Text(req.Title, 50, true, "title", errors);
        var name = ContactInput.Text(req.Name, 50, false, "name", errors);
        var userName = ContactInput.Text(req.UserName, 64, false, "userName", errors);
        if (errors.Count > 0) return UseCaseResult<CommitteeMemberItem>.Invalid(errors);

        // The term: the one asked for, else the current term of the only congress the caller sees.
        Term? term;
        if (req.TermId is { } termId)
        {
            term = await db.Set<Term>().SingleOrDefaultAsync(t => t.Id == termId, ct);
            if (term is null) return UseCaseResult<CommitteeMemberItem>.Invalid("termId", "未知的届次 / unknown term");
        }
        else
        {
            var current = await db.Set<Term>().Where(t => t.IsCurrent).Take(2).ToListAsync(ct);
            if (current.Count != 1)
                return UseCaseResult<CommitteeMemberItem>.Invalid("termId", "请指定届次 / name the term (termId)");
            term = current[0];
        }

        AppUser? account = null;
        if (userName is { Length: > 0 })
        {
            account = await db.Users.SingleOrDefaultAsync(u => u.UserName == userName, ct);
            if (account is null) return UseCaseResult<CommitteeMemberItem>.Invalid("userName", "未找到该账号 / no such account");
            var roles = await users.GetRolesAsync(account);
            if (!roles.Any(ContactAccess.CommitteeRoles.Contains))
                return UseCaseResult<CommitteeMemberItem>.Invalid("userName",
                    "该账号须具有人大工作人员或领导角色 / the account must hold congress_staff or leader");
            if (!account.JurisdictionCode.StartsWith(term.JurisdictionCode, StringComparison.Ordinal))
                return UseCaseResult<CommitteeMemberItem>.Invalid("userName",
                    "该账号不属于本级人大 / the account does not belong to this congress's jurisdiction");
            if (await db.Set<CommitteeMember>().AnyAsync(m => m.UserId == account.Id && m.EndedOn == null, ct))
                return UseCaseResult<CommitteeMemberItem>.Refused(409, "already-committee-member", "该账号已标记为常委会组成人员",
                    "This account is already marked as a committee member");
            if (string.IsNullOrEmpty(name)) name = account.DisplayName.Length <= 50 ? account.DisplayName : account.DisplayName[..50];
        }
        if (string.IsNullOrEmpty(name))
            return UseCaseResult<CommitteeMemberItem>.Invalid("name", "必填（或关联账号） / required (or link an account)");

        var member = new CommitteeMember
        {
            TermId = term.Id, JurisdictionCode = term.JurisdictionCode, Name = name, Title = title!, UserId = account?.Id,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(member);
        await db.SaveChangesAsync(ct);
        return UseCaseResult<CommitteeMemberItem>.Success(new CommitteeMemberItem(member.Id, member.Name, member.Title, term.Id,
            term.Title, account?.UserName, member.JurisdictionCode, null, 0), 201);
    }

    /// <summary>Ends a membership; refused while the member still has active pairings.</summary>
    public async Task<UseCaseResult<bool>> EndAsync(long id, CancellationToken ct = default)
    {
        var member = await db.Set<CommitteeMember>().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (member is null) return UseCaseResult<bool>.NotFound();
        if (member.EndedOn is not null)
            return UseCaseResult<bool>.Refused(409, "already-ended", "已结束", "Already ended");
        var active = await db.Set<ContactPairing>().CountAsync(p => p.CommitteeMemberId == id && p.EndedOn == null, ct);
        if (active > 0)
            return UseCaseResult<bool>.Refused(409, "has-active-pairings", "请先解除其联系代表的结对",
                "End this member's pairings with representatives first", $"{active} active pairings.");
        member.EndedOn = ChinaTime.Today(clock);
        await db.SaveChangesAsync(ct);
        return UseCaseResult<bool>.Success(true, 204);
    }

    private static string Title(int number) => new Term { Number = number }.Title;
}
