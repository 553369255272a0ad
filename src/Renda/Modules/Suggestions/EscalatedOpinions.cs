using Microsoft.EntityFrameworkCore;
using Renda.Modules.Representatives;
using Renda.Platform.Data;

namespace Renda.Modules.Suggestions;

/// <summary>A citizen opinion that staff escalated into a recess suggestion (转为闭会建议), as the opinions module hands it over.</summary>
public sealed record EscalatedOpinion(long OpinionId, long RepresentativeId, string Title, string Body, string? Category);

/// <summary>The opinions module's way in: a recess (闭会期间) suggestion draft filed by the representative,
/// keeping its origin (<see cref="Suggestion.OriginOpinionId"/>). The draft is added to the caller's
/// context <b>without saving</b>, so the opinion's escalation and the draft commit together; the
/// representative then edits, gathers co-signers and submits it like any draft.</summary>
public static class EscalatedOpinions
{
    public static async Task<Suggestion> DraftAsync(AppDbContext db, EscalatedOpinion input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.OpinionId <= 0) throw new ArgumentException("An escalated opinion needs its id.", nameof(input));
        var rep = await db.Set<Representative>().Where(r => r.Id == input.RepresentativeId)
            .Select(r => new { r.Id, r.TermId, Congress = r.Term!.JurisdictionCode }).SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Representative {input.RepresentativeId} does not exist or is outside the caller's jurisdiction.");
        var title = Clip(string.IsNullOrWhiteSpace(input.Title) ? "选民意见" : input.Title.Trim(), 200);
        var category = string.IsNullOrWhiteSpace(input.Category) ? null : Clip(input.Category.Trim(), 50);
        var s = new Suggestion
        {
            JurisdictionCode = rep.Congress, TermId = rep.TermId, FilerId = rep.Id, Kind = SuggestionTerms.Suggestion,
            Period = SuggestionTerms.Recess, Title = title, Body = Clip(input.Body?.Trim() ?? "", 20000), Category = category,
            OriginOpinionId = input.OpinionId, State = "draft", CreatedAt = db.Clock.GetUtcNow().UtcDateTime,
        };
        db.Add(s);
        return s;
    }

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];
}
