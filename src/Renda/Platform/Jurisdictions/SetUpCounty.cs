using Microsoft.EntityFrameworkCore;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.Platform.Jurisdictions;

/// <summary>What setting up a county did: the rows of the tree created or renamed, and how many
/// townships and villages the county has in the national list.</summary>
public sealed record CountySetup(string Code, string Name, string Path, int Created, int Updated, int Townships, int Villages);

/// <summary>The outcome of <see cref="SetUpCounty.RunAsync"/>: done, bad input (per field) or refused.</summary>
public sealed record SetUpOutcome(CountySetup? Done, Dictionary<string, string[]>? Errors = null, string? Refusal = null);

/// <summary>Sets up a real county in the <c>jurisdictions</c> table from the national list: its
/// province, city, the county itself and all its townships (and villages when asked), idempotently,
/// in one transaction. Used by <c>POST /api/admin/jurisdictions/setup</c>, the page
/// <c>/admin/jurisdictions</c> and the demo seeder.</summary>
public sealed class SetUpCounty(AppDbContext db, DivisionCatalog catalog)
{
    /// <summary>For a signed-in system_admin, within their own jurisdiction.</summary>
    public async Task<SetUpOutcome> RunAsync(string? code, bool includeVillages, CancellationToken ct = default)
    {
        code = code?.Trim();
        if (string.IsNullOrEmpty(code) || code.Length != 6 || !code.All(char.IsAsciiDigit))
            return Invalid("须为 6 位县级行政区划代码 / a 6-digit county code is required");
        var county = catalog.Find(code);
        if (county is null || county.Level != JurisdictionLevel.County)
            return Invalid("全国行政区划中没有这个县级代码 / no county with this code in the national list");

        var me = db.CurrentUser;
        if (!me.IsInRole(Roles.SystemAdmin))
            return new SetUpOutcome(null, Refusal: "只有系统管理员可以设置行政区划 / Only a system administrator may set up jurisdictions.");
        if (me.ScopeCode is not { } scope || !code.StartsWith(scope, StringComparison.Ordinal))
            return new SetUpOutcome(null, Refusal: "该县不在您的管辖范围内 / This county is outside your jurisdiction.");

        return new SetUpOutcome(await ApplyAsync(county, includeVillages, ct));
    }

    /// <summary>The work itself, for trusted callers (the demo seeder). Joins the caller's
    /// transaction when there is one.</summary>
    internal async Task<CountySetup> ApplyAsync(Division county, bool includeVillages, CancellationToken ct = default)
    {
        var path = catalog.PathOf(county.Code);
        var townships = catalog.Children(county.Code);
        var villages = includeVillages ? catalog.Villages(county.Code).ToList() : [];
        var wanted = path.Concat(townships).Concat(villages).ToList();

        var ancestors = path.Where(d => d.Code != county.Code).Select(d => d.Code).ToList();
        var existing = await db.Jurisdictions
            .Where(j => j.Code.StartsWith(county.Code) || ancestors.Contains(j.Code))
            .ToDictionaryAsync(j => j.Code, StringComparer.Ordinal, ct);

        int created = 0, updated = 0;
        foreach (var d in wanted)
        {
            if (!existing.TryGetValue(d.Code, out var row))
            {
                db.Jurisdictions.Add(new Jurisdiction { Code = d.Code, Name = d.Name, Level = d.Level, ParentCode = d.ParentCode });
                created++;
            }
            else if (row.Name != d.Name || row.Level != d.Level || row.ParentCode != d.ParentCode)
            {
                row.Name = d.Name;
                row.Level = d.Level;
                row.ParentCode = d.ParentCode;
                updated++;
            }
        }

        var ownTx = db.Database.CurrentTransaction is null ? await db.BeginWriteTransactionAsync(ct) : null;
        try
        {
            await db.SaveChangesAsync(ct);
            if (ownTx is not null) await ownTx.CommitAsync(ct);
        }
        finally
        {
            if (ownTx is not null) await ownTx.DisposeAsync();
        }

        return new CountySetup(county.Code, county.Name, string.Join(" ", path.Select(d => d.Name)),
            created, updated, townships.Count, villages.Count);
    }

    private static SetUpOutcome Invalid(string reason) =>
        new(null, new Dictionary<string, string[]> { ["code"] = [reason] });
}
