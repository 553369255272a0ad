using Microsoft.EntityFrameworkCore;
using Renda.Modules.Congress;
using Renda.Modules.PublicCodes;
using Renda.Modules.Representatives;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;
using Renda.Platform.Validation;
using Renda.Platform.Workflow;

namespace Renda.Modules.Opinions;

/// <summary>What someone submits: the public form and <c>POST /api/public/opinions</c> (citizens), a
/// reception record (representatives, station staff), the hotline and Open311 feeds.</summary>
public sealed record OpinionInput
{
    public string? Content { get; init; }
    public string? Category { get; init; }
    public string? StationCode { get; init; }
    public string? RepresentativeCode { get; init; }
    public string? SubmitterName { get; init; }
    public string? Phone { get; init; }
    public string? Location { get; init; }
    /// <summary>Whether the submitter agreed to the personal-information notice; the public page requires it.</summary>
    public bool? Consent { get; init; }
}

/// <summary>Where an opinion comes from when it is not the public form: set by the feeds and the reception
/// intake, never by a citizen.</summary>
public sealed record OpinionOrigin(string Channel, long? StationId = null, long? RepresentativeId = null, long? ReceptionId = null,
    string? ExternalSource = null, string? ExternalId = null, string? JurisdictionCode = null, bool PhoneOptional = false);

public sealed record SubmittedOpinion(long Id, string TrackingCode);

/// <summary>提交: validates, finds the station or representative behind a code, encrypts the name and the
/// phone, gives the opinion its tracking code and creates it through the workflow's <c>submit</c> row,
/// with its history and audit entry, in one transaction. The caller may add its own rows to the context
/// first (an outbox message, a reception link, a duty record): they are saved with it.</summary>
public sealed class SubmitOpinion(AppDbContext db, WorkflowEngine engine, PersonalData personal, PublicCodeRegistry codes,
    TimeProvider clock, IConfiguration config)
{
    /// <summary>Submits from the public form or API: the channel follows the code given.</summary>
    public Task<UseCaseResult<SubmittedOpinion>> FromPublicAsync(OpinionInput input, ICurrentUser user, CancellationToken ct = default) =>
        SubmitAsync(input, null, user, ct);

    /// <summary>Submits with an origin a trusted caller sets (reception, hotline, Open311). <paramref name="prepare"/>
    /// (ops part) sets what only a feed knows (e.g. Open311's coordinates) on the new opinion before it is saved.</summary>
    public async Task<UseCaseResult<SubmittedOpinion>> SubmitAsync(OpinionInput input, OpinionOrigin? origin, ICurrentUser user,
        CancellationToken ct = default, Action<Opinion>? prepare = null)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string zh) => errors[field] = [zh];

        var content = input.Content?.Trim();
        if (string.IsNullOrEmpty(content)) Error("content", "请填写反映的问题");
        else if (content.Length > Opinion.MaxContent) Error("content", $"内容不能超过{Opinion.MaxContent}字");
        var category = string.IsNullOrWhiteSpace(input.Category) ? null : input.Category.Trim();
        if (category is not null && !OpinionCategories.IsKnown(category)) Error("category", "没有这个类别");
        var location = string.IsNullOrWhiteSpace(input.Location) ? null : input.Location.Trim();
        if (location?.Length > Opinion.MaxLocation) Error("location", $"地点不能超过{Opinion.MaxLocation}字");
        var name = string.IsNullOrWhiteSpace(input.SubmitterName) ? null : input.SubmitterName.Trim();
        if (name?.Length > Opinion.MaxName) Error("submitterName", $"姓名不能超过{Opinion.MaxName}字");
        var phone = MobilePhone.Normalize(input.Phone);
        if (phone is null && !string.IsNullOrWhiteSpace(input.Phone)) Error("phone", "手机号码格式不正确");
        else if (phone is null && origin is not { PhoneOptional: true }) Error("phone", "请填写手机号码，以便回复和评价");

        long? stationId = origin?.StationId, representativeId = origin?.RepresentativeId;
        string? stationJurisdiction = null, representativeJurisdiction = null; // known from the code's resolution
        var channel = origin?.Channel ?? OpinionChannels.Web;
        if (!string.IsNullOrWhiteSpace(input.StationCode))
        {
            var r = await codes.ResolveAsync(PublicCodeKind.Station, input.StationCode, ct);
            if (r.State != CodeState.Active) Error("stationCode", "家站码无效或已停用");
            else { (stationId, stationJurisdiction) = (r.TargetId, r.JurisdictionCode); channel = origin?.Channel ?? OpinionChannels.StationCode; }
        }
        if (!string.IsNullOrWhiteSpace(input.RepresentativeCode))
        {
            var r = await codes.ResolveAsync(PublicCodeKind.Representative, input.RepresentativeCode, ct);
            if (r.State != CodeState.Active) Error("representativeCode", "代表码无效或已停用");
            else { (representativeId, representativeJurisdiction) = (r.TargetId, r.JurisdictionCode); channel = origin?.Channel ?? OpinionChannels.RepresentativeCode; }
        }
        if (errors.Count > 0) return UseCaseResult<SubmittedOpinion>.Invalid(errors);

        var jurisdiction = origin?.JurisdictionCode
            ?? representativeJurisdiction
            ?? (representativeId is { } rid ? await db.Set<Representative>().IgnoreQueryFilters().Where(r => r.Id == rid).Select(r => r.JurisdictionCode).SingleOrDefaultAsync(ct) : null)
            ?? stationJurisdiction
            ?? (stationId is { } sid ? await db.Set<Station>().IgnoreQueryFilters().Where(s => s.Id == sid).Select(s => s.JurisdictionCode).SingleOrDefaultAsync(ct) : null)
            ?? await HomeJurisdictionAsync(ct);
        if (jurisdiction is null)
            return UseCaseResult<SubmittedOpinion>.Refused(409, "no-jurisdiction", "尚未设置受理意见的人大", "No congress is set up to receive opinions.");

        var opinion = new Opinion
        {
            JurisdictionCode = jurisdiction,
            TrackingCode = await FreshTrackingCodeAsync(ct),
            Content = content!,
            Category = category,
            Location = location,
            Channel = channel,
            StationId = stationId,
            RepresentativeId = representativeId,
            ReceptionId = origin?.ReceptionId,
            Anonymous = name is null,
            SubmitterNameCipher = personal.Protect(name),
            PhoneCipher = personal.Protect(phone),
            PhoneIndex = personal.BlindIndex(phone),
            PhoneMasked = phone is null ? null : Masking.Phone(phone),
            ConsentGiven = input.Consent ?? false,
            ExternalSource = origin?.ExternalSource,
            ExternalId = origin?.ExternalId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedBy = user.UserName ?? "anonymous",
        };
        prepare?.Invoke(opinion);
        var result = await engine.StartAsync(OpinionWorkflow.Definition, opinion,
            new WorkflowCommand("submit", Data: new { channel, stationId, representativeId }), user, ct: ct);
        if (!result.Succeeded)
            return UseCaseResult<SubmittedOpinion>.Refused(409, result.Refusal!.Code, result.Refusal.Zh, result.Refusal.En);
        return UseCaseResult<SubmittedOpinion>.Success(new SubmittedOpinion(opinion.Id, opinion.TrackingCode), 201);
    }

    /// <summary>The jurisdiction the general page receives for: <c>PublicSubmissions:Jurisdiction</c>, else
    /// the highest congress set up here (the county in a county's installation).</summary>
    public async Task<string?> HomeJurisdictionAsync(CancellationToken ct = default)
    {
        if (config["PublicSubmissions:Jurisdiction"] is { Length: > 0 } configured) return configured;
        var codes = await db.Set<Congress.Congress>().IgnoreQueryFilters().Select(c => c.JurisdictionCode).ToListAsync(ct);
        return codes.OrderBy(c => c.Length).ThenBy(c => c, StringComparer.Ordinal).FirstOrDefault();
    }

    private async Task<string> FreshTrackingCodeAsync(CancellationToken ct)
    {
        while (true)
        {
            var code = TrackingCodes.New();
            if (!await db.Set<Opinion>().IgnoreQueryFilters().AnyAsync(o => o.TrackingCode == code, ct)) return code;
        }
    }
}
