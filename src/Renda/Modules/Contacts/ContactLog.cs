using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.Performance;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Calendar;

namespace Renda.Modules.Contacts;

/// <summary>A contact to record: the pairing it was made under, <c>kind</c> (visit, call, meeting,
/// online), <c>on</c> (yyyy-MM-dd) and notes.</summary>
public sealed record NewContact(long? PairingId, string? Kind, string? On, string? Notes);

public sealed record LogFilter(string? Level = null, long? PairingId = null, long? RepresentativeId = null,
    long? CommitteeMemberId = null, string? From = null, string? To = null, int? Page = null, int? PageSize = null);

public sealed record LogItem(long Id, long PairingId, string Level, string Kind, DateOnly On, string Contactor, string Contacted,
    long RepresentativeId, string Notes, string RecordedBy, DateTime RecordedAt);

/// <summary>The contact log of 双联 (走访、电话、座谈、网络): who contacted whom, when, how.</summary>
public sealed class ContactLog(AppDbContext db, ICurrentUser me, TimeProvider clock)
{
    public const int MaxNotes = 1000;
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    private ContactViewer Viewer => ContactViewer.Of(me);

    public async Task<UseCaseResult<Paged<LogItem>>> ListAsync(LogFilter f, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        ContactLevel? level = null;
        if (!string.IsNullOrWhiteSpace(f.Level))
        {
            if (ContactLabels.TryParseLevel(f.Level, out var l)) level = l;
            else errors["level"] = ["只能是 committee 或 representative / must be committee or representative"];
        }
        var from = OptionalDate(f.From, "from", errors);
        var to = OptionalDate(f.To, "to", errors);
        if (errors.Count > 0) return UseCaseResult<Paged<LogItem>>.Invalid(errors);

        var (page, size) = Paging.Normalize(f.Page, f.PageSize);
        var viewer = Viewer;
        var q = db.Set<ContactLogEntry>().AsNoTracking();
        if (viewer.OwnOnly)
        {
            var rep = viewer.RepresentativeId ?? -1;
            q = q.Where(l => l.Pairing!.RepresentativeId == rep);
        }
        if (level is { } lv) q = q.Where(l => l.Pairing!.Level == lv);
        if (f.PairingId is { } pid) q = q.Where(l => l.PairingId == pid);
        if (f.RepresentativeId is { } rid) q = q.Where(l => l.Pairing!.RepresentativeId == rid);
        if (f.CommitteeMemberId is { } cm) q = q.Where(l => l.Pairing!.CommitteeMemberId == cm);
        if (from is { } fd) q = q.Where(l => l.On >= fd);
        if (to is { } td) q = q.Where(l => l.On <= td);

        var total = await q.CountAsync(ct);
        var items = await ProjectAsync(q.OrderByDescending(l => l.On).ThenByDescending(l => l.Id).Skip((page - 1) * size).Take(size), ct);
        return UseCaseResult<Paged<LogItem>>.Success(new Paged<LogItem>(items, total, page, size));
    }

    private async Task<List<LogItem>> ProjectAsync(IQueryable<ContactLogEntry> q, CancellationToken ct)
    {
        var rows = await q.Select(l => new
            {
                l.Id, l.PairingId, l.Pairing!.Level, l.Kind, l.On, l.Notes, l.RecordedBy, l.RecordedAt,
                Member = l.Pairing.CommitteeMember == null ? null : l.Pairing.CommitteeMember.Title + " " + l.Pairing.CommitteeMember.Name,
                RepId = l.Pairing.RepresentativeId,
                Rep = l.Pairing.Representative!.Name,
                Voter = l.Pairing.Voter == null ? null : l.Pairing.Voter.Name,
            }).ToListAsync(ct);
        var viewer = Viewer;
        return rows.Select(r => new LogItem(r.Id, r.PairingId, ContactLabels.LevelName(r.Level), ContactLabels.KindName(r.Kind), r.On,
            r.Level == ContactLevel.Committee ? r.Member ?? "" : r.Rep,
            r.Level == ContactLevel.Committee ? r.Rep : viewer.VoterName(r.Voter ?? "", r.RepId),
            r.RepId, viewer.Notes(r.Notes, r.RepId), r.RecordedBy, r.RecordedAt)).ToList();
    }

    public async Task<UseCaseResult<LogItem>> RecordAsync(NewContact req, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (req.PairingId is null) errors["pairingId"] = ["必填 / required"];
        if (!ContactLabels.TryParseKind(req.Kind, out var kind))
            errors["kind"] = ["必填：visit 走访、call 电话、meeting 座谈、online 网络 / required: visit, call, meeting or online"];
        var today = ChinaTime.Today(clock);
        DateOnly on = default;
        if (string.IsNullOrWhiteSpace(req.On)) errors["on"] = ["必填 / required"];
        else if (!DateOnly.TryParseExact(req.On.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out on))
            errors["on"] = ["日期格式须为 yyyy-MM-dd / a date as yyyy-MM-dd"];
        else if (on > today) errors["on"] = ["不能是将来的日期 / cannot be in the future"];
        else if (on < Earliest) errors["on"] = ["日期过早 / too early"];
        var notes = ContactInput.Text(req.Notes, MaxNotes, false, "notes", errors, multiline: true);
        if (errors.Count > 0) return UseCaseResult<LogItem>.Invalid(errors);

        var viewer = Viewer;
        var pairing = await db.Set<ContactPairing>().Include(p => p.CommitteeMember)
            .SingleOrDefaultAsync(p => p.Id == req.PairingId, ct);
        if (pairing is null || (viewer.OwnOnly && pairing.RepresentativeId != viewer.RepresentativeId))
            return UseCaseResult<LogItem>.Invalid("pairingId", "未找到该结对 / no such pairing");
        var allowed = viewer.IsManager
            || (pairing.Level == ContactLevel.Committee && viewer.IsLeader && me.UserId is { } uid && pairing.CommitteeMember?.UserId == uid)
            || (pairing.Level == ContactLevel.Representative && pairing.RepresentativeId == viewer.RepresentativeId);
        if (!allowed)
            return UseCaseResult<LogItem>.Refused(403, "forbidden", "只能记录本人的联系情况", "You may record only your own contacts");
        if (pairing.EndedOn is { } ended && on > ended)
            return UseCaseResult<LogItem>.Refused(409, "pairing-ended", "该结对已于该日期前解除", "The pairing had ended before that day",
                $"Ended on {ended:yyyy-MM-dd}.");

        var entry = new ContactLogEntry
        {
            PairingId = pairing.Id, JurisdictionCode = pairing.JurisdictionCode, Kind = kind, On = on, Notes = notes ?? "",
            RecordedBy = me.UserName ?? "", RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        // A representative's contact with a voter is a duty activity (联系选民): it enters their archive
        // in the same transaction.
        var ownTx = db.Database.CurrentTransaction is null ? await db.BeginWriteTransactionAsync(ct) : null;
        try
        {
            db.Add(entry);
            await db.SaveChangesAsync(ct);
            if (pairing.Level == ContactLevel.Representative)
            {
                var village = await db.Set<Voter>().Where(v => v.Id == pairing.VoterId)
                    .Select(v => db.Jurisdictions.Where(j => j.Code == v.JurisdictionCode).Select(j => j.Name).FirstOrDefault())
                    .FirstOrDefaultAsync(ct);
                await DutyArchive.RecordAsync(db, DutyEntryFor(entry, pairing.RepresentativeId, village), ct);
                await db.SaveChangesAsync(ct);
            }
            if (ownTx is not null) await ownTx.CommitAsync(ct);
        }
        catch
        {
            if (ownTx is not null) await ownTx.RollbackAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            if (ownTx is not null) await ownTx.DisposeAsync();
        }
        var item = (await ProjectAsync(db.Set<ContactLogEntry>().AsNoTracking().Where(l => l.Id == entry.Id), ct)).Single();
        return UseCaseResult<LogItem>.Success(item, 201);
    }

    public const string SourceModule = "contacts";

    /// <summary>The duty record of a representative's contact with a voter: kind and village, never the
    /// voter's name nor the notes (the archive's title and detail are not personal fields).</summary>
    public static DutyEntry DutyEntryFor(ContactLogEntry entry, long representativeId, string? village) =>
        new(representativeId, DutyKinds.VoterContact, entry.On,
            $"{ContactLabels.Kind(entry.Kind, false)}联系选民" + (string.IsNullOrEmpty(village) ? "" : $"（{village}）"),
            SourceModule, "contact:" + entry.Id.ToString(CultureInfo.InvariantCulture));

    private static DateOnly? OptionalDate(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        errors[field] = ["日期格式须为 yyyy-MM-dd / a date as yyyy-MM-dd"];
        return null;
    }
}
