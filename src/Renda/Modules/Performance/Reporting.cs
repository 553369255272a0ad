using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Modules.Representatives;
using Renda.Platform.Auth;
using Renda.Platform.Calendar;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Modules.Performance;

/// <summary>述职: a representative reports to voters or the electing unit; attendees evaluate (民主测评).</summary>
public sealed class ReportingMeeting : IJurisdictionScoped
{
    public long Id { get; set; }
    public long RepresentativeId { get; set; }
    public string JurisdictionCode { get; set; } = "";
    public DateOnly Date { get; set; }
    public string Place { get; set; } = "";
    /// <summary>To whom: 选民 or 原选举单位.</summary>
    public string Audience { get; set; } = "";
    public string Draft { get; set; } = "";
    /// <summary>The unguessable code of the meeting's public evaluation page (/p/e/{code}).</summary>
    public string PublicCode { get; set; } = "";
    public DateTime? ClosedAt { get; set; }
    public int Satisfied { get; set; }
    public int BasicallySatisfied { get; set; }
    public int Unsatisfied { get; set; }
    public List<EvaluationBallot> Ballots { get; set; } = [];
}

/// <summary>One attendee code handed out at the meeting (printed on the paper slip); its vote, once cast.</summary>
public sealed class EvaluationBallot
{
    public long Id { get; set; }
    public long MeetingId { get; set; }
    public string Code { get; set; } = "";
    public string? Rating { get; set; }
    /// <summary><c>paper</c> (entered by staff) or <c>phone</c> (QR).</summary>
    public string? Channel { get; set; }
    public DateTime? CastAt { get; set; }
}

internal sealed class ReportingConfiguration : IEntityTypeConfiguration<ReportingMeeting>, IEntityTypeConfiguration<EvaluationBallot>
{
    public void Configure(EntityTypeBuilder<ReportingMeeting> e)
    {
        e.ToTable("reporting_meetings");
        e.Property(x => x.JurisdictionCode).HasMaxLength(12);
        e.Property(x => x.Place).HasMaxLength(200);
        e.Property(x => x.Audience).HasMaxLength(100);
        e.Property(x => x.Draft).HasMaxLength(8000);
        e.Property(x => x.PublicCode).HasMaxLength(16);
        e.HasIndex(x => x.PublicCode).IsUnique();
        e.HasIndex(x => new { x.RepresentativeId, x.Date });
        e.HasOne<Representative>().WithMany().HasForeignKey(x => x.RepresentativeId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Ballots).WithOne().HasForeignKey(b => b.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<EvaluationBallot> e)
    {
        e.ToTable("evaluation_ballots");
        e.Property(x => x.Code).HasMaxLength(16);
        e.Property(x => x.Rating).HasMaxLength(32);
        e.Property(x => x.Channel).HasMaxLength(8);
        e.HasIndex(x => new { x.MeetingId, x.Code }).IsUnique();
    }
}

public sealed record MeetingInput(long? RepresentativeId, string? Date, string? Place, string? Audience, int? Attendees);

public sealed record VoteInput(string? Code, string? Rating);

public sealed record MeetingView(long Id, long RepresentativeId, string RepresentativeName, DateOnly Date, string Place, string Audience,
    string Draft, string PublicCode, bool Closed, int Ballots, int Cast, int Satisfied, int BasicallySatisfied, int Unsatisfied,
    IReadOnlyList<string>? Codes);

/// <summary>A tallied evaluation as the annual report shows it.</summary>
public sealed record EvaluationResult(DateOnly Date, string Place, string Audience, int Satisfied, int BasicallySatisfied, int Unsatisfied)
{
    public int Total => Satisfied + BasicallySatisfied + Unsatisfied;
    public string SatisfactionRate => Total == 0 ? "—" : ((Satisfied + BasicallySatisfied) * 100m / Total).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}

/// <summary>述职 meetings and their 民主测评: staff set up a meeting with N attendee codes; each code votes once
/// (on paper entered by staff, or on a phone through the meeting's QR page); closing tallies the votes into
/// the meeting and writes an <c>evaluation</c> duty record with the result.</summary>
public sealed class Reporting(AppDbContext db, ICurrentUser me, TimeProvider clock)
{
    public const string SourceModule = "reporting";
    public static readonly string[] Ratings = ["satisfied", "basically_satisfied", "unsatisfied"];
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string RatingLabel(string rating, bool english) => (rating, english) switch
    {
        ("satisfied", false) => "满意", ("basically_satisfied", false) => "基本满意", ("unsatisfied", false) => "不满意",
        ("satisfied", true) => "Satisfied", ("basically_satisfied", true) => "Basically satisfied", _ => english ? "Unsatisfied" : "不满意",
    };

    public static string NewCode(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }

    public async Task<UseCaseResult<MeetingView>> CreateAsync(MeetingInput input, CancellationToken ct = default)
    {
        if (!me.IsInRole(Roles.CongressStaff)) return UseCaseResult<MeetingView>.Refused(403, "not-staff", "只有人大工作人员可以安排述职", "Only congress staff arrange reporting meetings");
        var errors = new Dictionary<string, string[]>();
        var rep = input.RepresentativeId is { } rid
            ? await db.Set<Representative>().AsNoTracking().Where(r => r.Id == rid).Select(r => new { r.Id, r.Name, r.JurisdictionCode }).SingleOrDefaultAsync(ct)
            : null;
        if (rep is null) errors["representativeId"] = ["请选择本辖区的代表 / choose a representative of this jurisdiction"];
        if (!ChinaTime.TryDate(input.Date?.Trim(), out var date)) errors["date"] = ["日期格式应为 2026-03-15 / a date such as 2026-03-15"];
        var place = input.Place?.Trim() ?? "";
        if (place.Length is 0 or > 200) errors["place"] = ["请填写地点（200字以内）/ a place of at most 200 characters"];
        var audience = input.Audience?.Trim() ?? "";
        if (audience.Length is 0 or > 100) errors["audience"] = ["请填写述职对象，如 选民 或 原选举单位 / to whom"];
        if (input.Attendees is not (>= 1 and <= 500)) errors["attendees"] = ["参加测评人数应在1至500之间 / 1 to 500 attendees"];
        if (errors.Count > 0) return UseCaseResult<MeetingView>.Invalid(errors);

        var meeting = new ReportingMeeting
        {
            RepresentativeId = rep!.Id, JurisdictionCode = rep.JurisdictionCode, Date = date, Place = place, Audience = audience,
            PublicCode = NewCode(10), Draft = await DraftAsync(rep.Id, rep.Name, date.Year, ct),
        };
        var codes = new HashSet<string>();
        while (codes.Count < input.Attendees!.Value) codes.Add(NewCode(6));
        meeting.Ballots.AddRange(codes.Select(c => new EvaluationBallot { Code = c }));
        db.Add(meeting);
        await db.SaveChangesAsync(ct);
        return UseCaseResult<MeetingView>.Success(View(meeting, rep.Name, withCodes: true), 201);
    }

    /// <summary>The report draft from the archive: the year's records by kind and the score by criterion.</summary>
    private async Task<string> DraftAsync(long repId, string name, int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var counts = await db.Set<DutyRecord>().AsNoTracking()
            .Where(d => d.RepresentativeId == repId && d.State == DutyRecordState.Approved && d.Date >= from && d.Date <= to)
            .GroupBy(d => d.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"各位选民：\n我是{name}。现将我{year}年度履行代表职责的情况报告如下。\n");
        if (counts.Count == 0) sb.Append("本年度履职档案中尚无记录。\n");
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"一年来，我共参加各类履职活动 {counts.Sum(c => c.Count)} 次，其中：");
            sb.Append(string.Join("；", DutyKinds.All.Select(k => (k, counts.FirstOrDefault(c => c.Key == k.Id)?.Count ?? 0))
                .Where(x => x.Item2 > 0).Select(x => $"{x.k.Zh} {x.Item2} 次"))).Append("。\n");
        }
        sb.Append("请各位对我的履职情况进行评议。");
        return sb.ToString();
    }

    public async Task<UseCaseResult<MeetingView>> GetAsync(long id, CancellationToken ct = default)
    {
        var m = await db.Set<ReportingMeeting>().AsNoTracking().Include(x => x.Ballots).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return UseCaseResult<MeetingView>.NotFound();
        var staff = RepresentativeArchive.StaffReaders.Any(me.IsInRole);
        if (!staff && me.RepresentativeId != m.RepresentativeId) return UseCaseResult<MeetingView>.NotFound();
        var name = await db.Set<Representative>().Where(r => r.Id == m.RepresentativeId).Select(r => r.Name).SingleAsync(ct);
        return UseCaseResult<MeetingView>.Success(View(m, name, withCodes: me.IsInRole(Roles.CongressStaff)));
    }

    public async Task<IReadOnlyList<MeetingView>> ListAsync(CancellationToken ct = default)
    {
        var q = db.Set<ReportingMeeting>().AsNoTracking().Include(x => x.Ballots).AsQueryable();
        if (!RepresentativeArchive.StaffReaders.Any(me.IsInRole)) q = q.Where(m => m.RepresentativeId == (me.RepresentativeId ?? -1));
        var list = await q.OrderByDescending(m => m.Date).ThenByDescending(m => m.Id).Take(200).ToListAsync(ct);
        var ids = list.Select(m => m.RepresentativeId).Distinct().ToList();
        var names = await db.Set<Representative>().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        return list.Select(m => View(m, names.GetValueOrDefault(m.RepresentativeId, ""), false)).ToList();
    }

    /// <summary>Staff enter a paper slip: the code printed on it and its rating.</summary>
    public async Task<UseCaseResult<MeetingView>> EnterPaperVoteAsync(long id, VoteInput input, CancellationToken ct = default)
    {
        if (!me.IsInRole(Roles.CongressStaff)) return UseCaseResult<MeetingView>.Refused(403, "not-staff", "只有人大工作人员可以录入纸质测评票", "Only congress staff enter paper votes");
        var m = await db.Set<ReportingMeeting>().Include(x => x.Ballots).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return UseCaseResult<MeetingView>.NotFound();
        var cast = Cast(m, input, "paper");
        if (!cast.Ok)
            return cast.Errors is not null ? UseCaseResult<MeetingView>.Invalid(cast.Errors)
                : UseCaseResult<MeetingView>.Refused(cast.Status, cast.Slug!, cast.Zh!, cast.En!);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>An attendee votes on their phone through the meeting's public code: no account, one vote per attendee code.</summary>
    public async Task<UseCaseResult<bool>> VoteByPhoneAsync(string publicCode, VoteInput input, CancellationToken ct = default)
    {
        var m = await db.Set<ReportingMeeting>().IgnoreQueryFilters().Include(x => x.Ballots)
            .SingleOrDefaultAsync(x => x.PublicCode == publicCode, ct);
        if (m is null) return UseCaseResult<bool>.NotFound();
        var cast = Cast(m, input, "phone");
        if (!cast.Ok) return cast;
        await db.SaveChangesAsync(ct);
        return UseCaseResult<bool>.Success(true);
    }

    /// <summary>The meeting as its public page shows it (no codes, no tally).</summary>
    public async Task<(string Name, ReportingMeeting Meeting)?> PublicAsync(string publicCode, CancellationToken ct = default)
    {
        var m = await db.Set<ReportingMeeting>().IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(x => x.PublicCode == publicCode, ct);
        if (m is null) return null;
        var name = await db.Set<Representative>().IgnoreQueryFilters().Where(r => r.Id == m.RepresentativeId).Select(r => r.Name).SingleAsync(ct);
        return (name, m);
    }

    private UseCaseResult<bool> Cast(ReportingMeeting m, VoteInput input, string channel)
    {
        if (m.ClosedAt is not null) return UseCaseResult<bool>.Refused(409, "evaluation-closed", "测评已结束", "The evaluation is closed");
        var errors = new Dictionary<string, string[]>();
        var rating = input.Rating?.Trim();
        if (rating is null || !Ratings.Contains(rating)) errors["rating"] = ["请选择 满意、基本满意 或 不满意 / choose a rating"];
        var code = (input.Code ?? "").Trim().ToUpperInvariant();
        var ballot = m.Ballots.FirstOrDefault(b => b.Code == code);
        if (ballot is null) errors["code"] = ["测评码不正确 / unknown attendee code"];
        if (errors.Count > 0) return UseCaseResult<bool>.Invalid(errors);
        if (ballot!.Rating is not null) return UseCaseResult<bool>.Refused(409, "already-voted", "该测评码已投票", "This attendee code has already voted");
        ballot.Rating = rating;
        ballot.Channel = channel;
        ballot.CastAt = clock.GetUtcNow().UtcDateTime;
        return UseCaseResult<bool>.Success(true);
    }

    /// <summary>Closes the evaluation: tallies the votes into the meeting and the archive (an <c>evaluation</c> record).</summary>
    public async Task<UseCaseResult<MeetingView>> CloseAsync(long id, CancellationToken ct = default)
    {
        if (!me.IsInRole(Roles.CongressStaff)) return UseCaseResult<MeetingView>.Refused(403, "not-staff", "只有人大工作人员可以结束测评", "Only congress staff close an evaluation");
        var m = await db.Set<ReportingMeeting>().Include(x => x.Ballots).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return UseCaseResult<MeetingView>.NotFound();
        if (m.ClosedAt is not null) return UseCaseResult<MeetingView>.Refused(409, "evaluation-closed", "测评已结束", "The evaluation is closed");
        m.Satisfied = m.Ballots.Count(b => b.Rating == "satisfied");
        m.BasicallySatisfied = m.Ballots.Count(b => b.Rating == "basically_satisfied");
        m.Unsatisfied = m.Ballots.Count(b => b.Rating == "unsatisfied");
        m.ClosedAt = clock.GetUtcNow().UtcDateTime;
        var r = new EvaluationResult(m.Date, m.Place, m.Audience, m.Satisfied, m.BasicallySatisfied, m.Unsatisfied);
        await DutyArchive.RecordAsync(db, new DutyEntry(m.RepresentativeId, DutyKinds.Evaluation, m.Date, $"向{m.Audience}述职并接受民主测评",
            SourceModule, "meeting:" + m.Id.ToString(CultureInfo.InvariantCulture),
            $"{m.Place}；测评 {r.Total} 票：满意 {r.Satisfied}，基本满意 {r.BasicallySatisfied}，不满意 {r.Unsatisfied}，满意率 {r.SatisfactionRate}"), ct);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<IReadOnlyList<EvaluationResult>> ResultsOfAsync(long representativeId, int year, CancellationToken ct = default)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return await db.Set<ReportingMeeting>().AsNoTracking()
            .Where(m => m.RepresentativeId == representativeId && m.ClosedAt != null && m.Date >= from && m.Date <= to)
            .OrderBy(m => m.Date).Select(m => new EvaluationResult(m.Date, m.Place, m.Audience, m.Satisfied, m.BasicallySatisfied, m.Unsatisfied))
            .ToListAsync(ct);
    }

    private static MeetingView View(ReportingMeeting m, string name, bool withCodes)
    {
        var closed = m.ClosedAt is not null;
        int Count(string r) => closed ? r switch { "satisfied" => m.Satisfied, "basically_satisfied" => m.BasicallySatisfied, _ => m.Unsatisfied }
            : m.Ballots.Count(b => b.Rating == r);
        return new MeetingView(m.Id, m.RepresentativeId, name, m.Date, m.Place, m.Audience, m.Draft, m.PublicCode, closed, m.Ballots.Count,
            m.Ballots.Count(b => b.Rating is not null), Count("satisfied"), Count("basically_satisfied"), Count("unsatisfied"),
            withCodes ? m.Ballots.OrderBy(b => b.Id).Select(b => b.Code).ToList() : null);
    }
}
