using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Modules.HandlingUnits;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Jurisdictions;

namespace Renda.Platform.Demo;

/// <summary><c>--demo</c> or setting <c>Demo:Enabled=true</c>. The accounts' password is the
/// environment variable <c>RENDA_DEMO_PASSWORD</c>, else setting <c>Demo:Password</c>, else a random
/// one generated at seeding and printed once.</summary>
public sealed class DemoOptions
{
    public bool Enabled { get; set; }
    public string? Password { get; set; }
}

/// <summary>The marker of a loaded demo: one row, so a second start changes nothing.</summary>
public sealed class DemoLoad
{
    public int Id { get; set; }
    public string CountyCode { get; set; } = "";
    public int Seed { get; set; }
    public DateTime LoadedAt { get; set; }
}

internal sealed class DemoLoadConfiguration : IEntityTypeConfiguration<DemoLoad>
{
    public void Configure(EntityTypeBuilder<DemoLoad> e)
    {
        e.ToTable("demo_loads");
        e.Property(d => d.Id).ValueGeneratedNever();
        e.Property(d => d.CountyCode).HasMaxLength(12);
    }
}

/// <summary>Loads the demo county once and deterministically: 浙江省湖州市安吉县 (330523) with all its
/// townships and villages from the national list, its congress, current term and sessions, its
/// representatives, groups, stations and handling units, one account per role; and the neighbouring
/// 长兴县 (330522) as jurisdiction rows only. One transaction, a handful of SaveChanges (each row is
/// still audited, as the demo seeder).</summary>
public sealed class DemoSeeder(DbContextOptions<AppDbContext> options, DivisionCatalog catalog, TimeProvider clock,
    IPasswordHasher<AppUser> hasher, ILookupNormalizer normalizer, DemoOptions demo, ILogger<DemoSeeder> log, PersonalData personal)
{
    public const string CountyCode = "330523";
    public const string NeighbourCode = "330522";
    public const int Seed = 20220105;
    public const string Actor = "demo-seeder";

    /// <summary>The demo accounts: user name, role, display name.</summary>
    public static readonly IReadOnlyList<(string UserName, string Role, string DisplayName)> Accounts =
    [
        ("demo-admin", Roles.SystemAdmin, "系统管理员（演示）"),
        ("demo-security", Roles.SecurityAdmin, "安全管理员（演示）"),
        ("demo-auditor", Roles.Auditor, "审计管理员（演示）"),
        ("demo-staff", Roles.CongressStaff, "县人大常委会代表工委 周晓敏"),
        ("demo-unit", Roles.HandlingUnit, "县住房和城乡建设局 办理员"),
        ("demo-rep", Roles.Representative, ""),
        ("demo-station", Roles.StationManager, ""),
        ("demo-leader", Roles.Leader, "县人大常委会副主任 沈建国"),
    ];

    /// <summary>Loads the demo unless it is already there; true when it loaded now.</summary>
    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        await using var db = new AppDbContext(options, new SystemUser(Actor), clock);
        if (await db.Set<DemoLoad>().AnyAsync(ct)) return false;

        await using var tx = await db.BeginWriteTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            // Two instances starting at once: the second waits here, then sees the marker.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(330523)", ct);
            if (await db.Set<DemoLoad>().AnyAsync(ct)) return false;
        }

        var county = catalog.Find(CountyCode)
            ?? throw new InvalidOperationException($"The national division list has no county {CountyCode}.");
        var neighbour = catalog.Find(NeighbourCode)
            ?? throw new InvalidOperationException($"The national division list has no county {NeighbourCode}.");
        var setUp = new SetUpCounty(db, catalog);
        await setUp.ApplyAsync(county, includeVillages: true, ct);
        await setUp.ApplyAsync(neighbour, includeVillages: false, ct);

        var countyPath = string.Concat(catalog.PathOf(CountyCode).Select(d => d.Name));
        var world = DemoCounty.Generate(county, countyPath, catalog.Children(CountyCode), catalog.Villages(CountyCode).ToList(), Seed);
        DemoRoster.Apply(db, world);
        db.AddRange(world.Congress);
        db.AddRange(world.ProfessionalGroups);
        db.AddRange(world.DelegationGroups);
        db.AddRange(world.Representatives);
        db.AddRange(world.Stations);
        db.AddRange(world.HandlingUnits);
        await db.SaveChangesAsync(ct);

        var (password, generated) = demo.Password is { Length: > 0 } given ? (given, false) : (AccountAdmin.TemporaryPassword(), true);
        if (password.Length < 8 || CharacterClassPasswordValidator.Classes(password) < 3)
            throw new InvalidOperationException("The demo password must have at least 8 characters from at least 3 classes (upper, lower, digits, symbols).");
        var unit = world.HandlingUnits.First(u => u.Name.Contains("住房和城乡建设", StringComparison.Ordinal));
        var rep = world.Representatives.OrderBy(r => r.Id).First();
        var station = world.Stations.OrderBy(s => s.Id).First();
        await AddAccountsAsync(db, password, unit, rep.Id, rep.Name, station.Id, station.Name, ct);
        await DemoStations.AddAsync(db, Seed, clock, ct);
        await DemoContacts.AddAsync(db, world, personal, clock, ct);
        await DemoOpinions.AddAsync(db, world, personal, clock, ct);
        await DemoSuggestions.AddAsync(db, world, clock, ct);
        await DemoPerformance.AddAsync(db, clock, ct);

        db.Add(new DemoLoad { Id = 1, CountyCode = CountyCode, Seed = Seed, LoadedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        if (generated)
            Console.WriteLine($"Demo password for demo-* accounts: {password}  (shown once; set RENDA_DEMO_PASSWORD to choose it)");
        log.LogInformation(
            "Demo county {County} loaded in {Elapsed} ms: {Representatives} representatives, {Stations} stations, {Units} handling units",
            CountyCode, watch.ElapsedMilliseconds, world.Representatives.Count, world.Stations.Count, world.HandlingUnits.Count);
        return true;
    }

    private async Task AddAccountsAsync(AppDbContext db, string password, HandlingUnit unit, long repId, string repName,
        long stationId, string stationName, CancellationToken ct)
    {
        var roleIds = await db.Roles.Where(r => r.Name != null).ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var audit = new AuditTrail(db);
        var now = clock.GetUtcNow().UtcDateTime;
        var users = Accounts.Select(a => new AppUser
        {
            UserName = a.UserName,
            NormalizedUserName = normalizer.NormalizeName(a.UserName),
            DisplayName = a.UserName switch
            {
                "demo-rep" => repName,
                "demo-station" => stationName + "联络员",
                _ => a.DisplayName,
            },
            JurisdictionCode = CountyCode,
            LockoutEnabled = true,
            MustChangePassword = false,
            UnitId = a.Role == Roles.HandlingUnit ? unit.Id : null,
            RepresentativeId = a.Role == Roles.Representative ? repId : null,
            StationId = a.Role == Roles.StationManager ? stationId : null,
            CreatedAt = now,
        }).ToList();
        // PBKDF2 is slow on purpose: hash the eight accounts in parallel.
        var hashes = await Task.WhenAll(users.Select(u => Task.Run(() => hasher.HashPassword(u, password), ct)));
        for (var i = 0; i < users.Count; i++)
        {
            var user = users[i];
            var role = Accounts[i].Role;
            user.PasswordHash = hashes[i];
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[role] });
            audit.Record(new AuditRecord(AuditActions.RoleGranted, nameof(AppUser), user.Id,
                JsonSerializer.Serialize(new { role }), JurisdictionCode: CountyCode));
        }
    }
}

public static class DemoSetup
{
    /// <summary>The arguments without <c>--demo</c>: the command-line configuration would otherwise take
    /// the argument after it as its value (<c>--demo --urls X</c> would lose <c>--urls</c>).</summary>
    public static string[] HostArgs(string[] args) => args.Where(a => a != "--demo").ToArray();

    public static IServiceCollection AddRendaDemo(this IServiceCollection services, string[] args)
    {
        services.AddSingleton(sp =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            var password = Environment.GetEnvironmentVariable("RENDA_DEMO_PASSWORD");
            return new DemoOptions
            {
                Enabled = args.Contains("--demo") || config.GetValue<bool>("Demo:Enabled"),
                Password = string.IsNullOrEmpty(password) ? config["Demo:Password"] : password,
            };
        });
        services.AddScoped<DemoSeeder>();
        return services;
    }
}
