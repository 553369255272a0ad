using Microsoft.EntityFrameworkCore;
using Renda.Modules.Congress;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Text;

namespace Renda.Modules.Representatives;

/// <summary>Who may do what with the roster. Reading lists is for every working role; changing the
/// roster, importing, exporting and revealing personal data is for congress staff. The auditor reads
/// the audit trail and nothing else; the security admin sets policy.</summary>
public static class RosterAccess
{
    public static readonly string[] Readers =
        [Roles.CongressStaff, Roles.Leader, Roles.StationManager, Roles.Representative, Roles.HandlingUnit, Roles.SystemAdmin];

    /// <summary>Who may change the roster, import, export and reveal.</summary>
    public static readonly string[] Editors = [Roles.CongressStaff];

    /// <summary>Who sees the roster pages of the workbench.</summary>
    public static readonly string[] PageReaders = [Roles.CongressStaff, Roles.Leader];

    public const string PageReadersList = Roles.CongressStaff + "," + Roles.Leader;

    /// <summary>The <c>q</c> of a list: trimmed, null when empty, at most 50 characters.</summary>
    public static bool TryQuery(string? q, out string? query)
    {
        query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        return query is not { Length: > 50 };
    }
}

/// <summary>Settings of the roster: <c>Representatives:ProfessionalGroups</c>, the configured list of
/// professional groups (default: the seven of the seed articles, <see cref="ProfessionalGroup.Standard"/>).</summary>
public sealed class RosterOptions
{
    public List<string> ProfessionalGroups { get; set; } = [];

    public IReadOnlyList<string> ProfessionalGroupNames =>
        ProfessionalGroups.Count > 0 ? ProfessionalGroups : ProfessionalGroup.Standard;
}

public static class RosterSetup
{
    public static IServiceCollection AddRendaRepresentatives(this IServiceCollection services)
    {
        services.AddOptions<RosterOptions>().BindConfiguration("Representatives");
        services.AddScoped<RosterTerms>();
        services.AddScoped<RosterQueries>();
        services.AddScoped<RepresentativeEditor>();
        services.AddScoped<RosterImport>();
        services.AddScoped<RosterExport>();
        services.AddScoped<RepresentativePhotos>();
        services.AddScoped<RosterGroups>();
        return services;
    }
}

internal static class RosterClock
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Today in China (UTC+8, no daylight saving).</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(China).DateTime);
}

/// <summary>The term a roster change goes to: the one asked for (visible to the caller), else the
/// current term of the congress of the caller's own jurisdiction, else the only current term the caller sees.</summary>
public sealed class RosterTerms(AppDbContext db, ICurrentUser me)
{
    public async Task<Term?> ResolveAsync(long? termId, CancellationToken ct = default)
    {
        var terms = db.Set<Term>().Include(t => t.Congress);
        if (termId is { } id) return await terms.SingleOrDefaultAsync(t => t.Id == id, ct);
        var current = await terms.Where(t => t.IsCurrent).ToListAsync(ct);
        return current.FirstOrDefault(t => t.Congress!.JurisdictionCode == me.ScopeCode)
            ?? (current.Count == 1 ? current[0] : null);
    }

    /// <summary>The terms the caller sees, current first.</summary>
    public Task<List<Term>> VisibleAsync(CancellationToken ct = default) =>
        db.Set<Term>().Include(t => t.Congress).OrderByDescending(t => t.IsCurrent).ThenBy(t => t.JurisdictionCode).ThenByDescending(t => t.Number)
            .ToListAsync(ct);
}

/// <summary>Writes the personal fields of a row: ciphertext, blind index and masked form together, and
/// the pinyin search key with the name, so that the three never disagree.</summary>
public static class RosterPersonalFields
{
    public static void SetName(this Representative r, string name)
    {
        r.Name = name;
        r.PinyinInitials = Pinyin.Default.SearchKey(name);
    }

    public static void SetIdNumber(this Representative r, PersonalData pd, string normalized)
    {
        r.IdNumberCipher = pd.Protect(normalized);
        r.IdNumberIndex = pd.BlindIndex(normalized);
        r.IdNumberMasked = Masking.IdNumber(normalized);
    }

    public static void SetPhone(this Representative r, PersonalData pd, string normalized)
    {
        r.PhoneCipher = pd.Protect(normalized);
        r.PhoneIndex = pd.BlindIndex(normalized);
        r.PhoneMasked = Masking.Phone(normalized);
    }
}
