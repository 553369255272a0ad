using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Renda.Modules.Performance;
using Renda.Modules.Stations;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Http;

namespace Renda.Modules.Opinions;

/// <summary>What a citizen said at a reception, as its recorder enters it. <see cref="ItemOrdinal"/> names a matter
/// already logged with the reception (its text is the content when none is given); without it a new matter
/// is added to the reception. <see cref="RepresentativeId"/> is the receiving representative (a representative
/// recording is always that representative; it may be left out when the reception had only one).</summary>
public sealed record ReceptionOpinionInput(string? Content = null, string? Category = null, string? Location = null,
    string? SubmitterName = null, string? Phone = null, long? RepresentativeId = null, int? ItemOrdinal = null);

public sealed record ReceptionOpinion(long OpinionId, string TrackingCode, int ItemOrdinal, long RepresentativeId);

/// <summary>Offline intake (线下收集): station staff — the manager of the reception's station, or congress staff —
/// and the representatives who held the reception record what citizens raised there. Each becomes an opinion
/// through <see cref="SubmitOpinion"/> (channel <c>reception</c>, phone optional), linked to a matter of the
/// reception (its <c>opinion_id</c>) and to the receiving representative's duty archive (处理选民意见), all in one
/// transaction.</summary>
public sealed class ReceptionIntake(AppDbContext db, SubmitOpinion submit, StationAccess access, ICurrentUser me)
{
    public const string SourceModule = "opinions";
    public static readonly string[] Recorders = [Roles.CongressStaff, Roles.StationManager, Roles.Representative];

    /// <summary>The reception with its station, receivers and matters, if the caller may record opinions for it.</summary>
    public async Task<UseCaseResult<Reception>> ReceptionAsync(long stationId, long receptionId, CancellationToken ct = default)
    {
        var reception = await db.Set<Reception>().Include(r => r.Station).Include(r => r.Receivers).ThenInclude(x => x.Representative)
            .Include(r => r.Items).AsSplitQuery().SingleOrDefaultAsync(r => r.Id == receptionId && r.StationId == stationId, ct);
        if (reception?.Station is null) return UseCaseResult<Reception>.NotFound();
        var isReceiver = me.IsInRole(Roles.Representative) && me.RepresentativeId is { } rep && reception.Receivers.Any(x => x.RepresentativeId == rep);
        var isStationStaff = access.CanEdit(reception.Station);
        if (!isReceiver && !isStationStaff)
            return UseCaseResult<Reception>.Refused(403, "forbidden", "只有本站联络员和参加接待的代表可以记录此次接待的意见",
                "Only the station's staff and the representatives who held this reception may record its opinions");
        return UseCaseResult<Reception>.Success(reception);
    }

    public async Task<UseCaseResult<ReceptionOpinion>> RecordAsync(long stationId, long receptionId, ReceptionOpinionInput input,
        CancellationToken ct = default)
    {
        var found = await ReceptionAsync(stationId, receptionId, ct);
        if (!found.Ok) return Fail(found);
        var reception = found.Value!;

        var errors = new Dictionary<string, string[]>();
        long representativeId = 0;
        var receivers = reception.Receivers.Select(x => x.RepresentativeId).ToList();
        if (me.IsInRole(Roles.Representative) && me.RepresentativeId is { } self && receivers.Contains(self) && !access.CanEdit(reception.Station!))
        {
            if (input.RepresentativeId is { } given && given != self) errors["representativeId"] = ["代表只能以本人名义记录 / a representative records as themself"];
            representativeId = self;
        }
        else if (input.RepresentativeId is { } chosen)
        {
            if (receivers.Contains(chosen)) representativeId = chosen;
            else errors["representativeId"] = ["不是此次接待的代表 / not a representative of this reception"];
        }
        else if (receivers.Count == 1) representativeId = receivers[0];
        else errors["representativeId"] = ["请选择接待的代表 / choose the receiving representative"];

        ReceptionItem? item = null;
        if (input.ItemOrdinal is { } ordinal)
        {
            item = reception.Items.FirstOrDefault(i => i.Ordinal == ordinal);
            if (item is null) errors["itemOrdinal"] = ["此次接待没有这一项 / no such matter in this reception"];
            else if (item.OpinionId is not null)
                return UseCaseResult<ReceptionOpinion>.Refused(409, "item-already-recorded", "这一项已经转为意见", "This matter is already an opinion");
        }
        else if (reception.Items.Count >= StationReceptions.MaxItems)
            errors["itemOrdinal"] = [$"每次接待最多 {StationReceptions.MaxItems} 项 / at most {StationReceptions.MaxItems} matters per reception"];
        var content = string.IsNullOrWhiteSpace(input.Content) ? item?.Text : input.Content;

        var ownTx = db.Database.CurrentTransaction is null ? await db.BeginWriteTransactionAsync(ct) : null;
        try
        {
            var submitted = await submit.SubmitAsync(
                new OpinionInput
                {
                    Content = content, Category = input.Category, Location = input.Location, SubmitterName = input.SubmitterName,
                    Phone = input.Phone,   // no notice was shown on paper: consent is not claimed
                },
                new OpinionOrigin(OpinionChannels.Reception, StationId: reception.StationId, RepresentativeId: representativeId == 0 ? null : representativeId,
                    ReceptionId: reception.Id, JurisdictionCode: reception.JurisdictionCode, PhoneOptional: true),
                me, ct);
            if (!submitted.Ok || errors.Count > 0)
            {
                if (ownTx is not null) await RollbackAsync(ownTx);
                if (submitted.Errors is not null) foreach (var e in submitted.Errors) errors[e.Key] = e.Value;
                return errors.Count > 0 ? UseCaseResult<ReceptionOpinion>.Invalid(errors)
                    : UseCaseResult<ReceptionOpinion>.Refused(submitted.Status, submitted.Slug!, submitted.Zh!, submitted.En!, submitted.Detail);
            }
            var opinion = submitted.Value!;
            if (item is null)
            {
                var text = content!.Trim();
                item = new ReceptionItem
                {
                    ReceptionId = reception.Id, JurisdictionCode = reception.JurisdictionCode,
                    Ordinal = reception.Items.Count == 0 ? 1 : reception.Items.Max(i => i.Ordinal) + 1,
                    Text = text.Length <= 500 ? text : text[..499] + "…",
                };
                db.Add(item);
            }
            item.OpinionId = opinion.Id;
            var id = opinion.Id.ToString(CultureInfo.InvariantCulture);
            await DutyArchive.RecordAsync(db, new DutyEntry(representativeId, DutyKinds.OpinionHandled, reception.Date,
                $"在{reception.Station!.Name}接待时收集选民意见", SourceModule, "opinion:" + id,
                $"查询码 {TrackingCodes.Display(opinion.TrackingCode)}：{Clip(content!.Trim(), 200)}"), ct);
            await db.SaveChangesAsync(ct);
            if (ownTx is not null) await ownTx.CommitAsync(ct);
            return UseCaseResult<ReceptionOpinion>.Success(new ReceptionOpinion(opinion.Id, opinion.TrackingCode, item.Ordinal, representativeId), 201);
        }
        catch
        {
            if (ownTx is not null) await RollbackAsync(ownTx);
            throw;
        }
        finally
        {
            if (ownTx is not null) await ownTx.DisposeAsync();
        }
    }

    private async Task RollbackAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx)
    {
        await tx.RollbackAsync(CancellationToken.None);
        db.ChangeTracker.Clear();   // what a save inside the transaction marked as saved is not in the database
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max] + "…";

    private static UseCaseResult<ReceptionOpinion> Fail(UseCaseResult<Reception> r) =>
        r.Status == 404 ? UseCaseResult<ReceptionOpinion>.NotFound() : UseCaseResult<ReceptionOpinion>.Refused(r.Status, r.Slug!, r.Zh!, r.En!, r.Detail);
}

public static class ReceptionIntakeApi
{
    /// <summary><c>POST /api/stations/{stationId}/receptions/{receptionId}/opinions</c> with <see cref="ReceptionOpinionInput"/>
    /// → 201 <see cref="ReceptionOpinion"/>.</summary>
    public static IEndpointRouteBuilder MapReceptionIntakeApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/stations/{stationId:long}/receptions/{receptionId:long}/opinions",
                async (long stationId, long receptionId, ReceptionOpinionInput? input, ReceptionIntake intake, CancellationToken ct) =>
                    (await intake.RecordAsync(stationId, receptionId, input ?? new ReceptionOpinionInput(), ct))
                        .ToHttp(v => TypedResults.Created($"/api/opinions/{v.OpinionId}", v)))
            .RequireAuthorization(p => p.RequireRole(ReceptionIntake.Recorders)).WithTags("Opinions (reception intake)");
        return app;
    }
}
