using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Renda.IntegrationTests.Infrastructure;
using Renda.Modules.PublicCodes;
using Renda.Modules.Representatives;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.IntegrationTests.PublicCodes;

/// <summary>What a public code leads to, in one round trip (a public submission's first statement, issue 7 T1):
/// the station or representative carrying it with its jurisdiction, a revoked or regenerated-away code as revoked,
/// a code of the other kind or of nobody as unknown.</summary>
public sealed class CodeResolutionTests(RendaApp app) : IClassFixture<RendaApp>
{
    private sealed class Commands : DbCommandInterceptor
    {
        public int Executed;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Executed);
            return ValueTask.FromResult(result);
        }
    }

    private (PublicCodeRegistry Registry, Commands Counter, AppDbContext Db) NewRegistry(IServiceProvider sp)
    {
        var counter = new Commands();
        var user = new SystemUser("code-resolution-test");
        var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>(sp.GetRequiredService<DbContextOptions<AppDbContext>>())
            .AddInterceptors(counter).Options, user, app.Clock);
        return (new PublicCodeRegistry(db, new AuditTrail(db), user, app.Clock), counter, db);
    }

    [Fact]
    public async Task A_working_code_resolves_to_its_target_and_jurisdiction_in_one_statement()
    {
        var world = await CodeWorld.CreateAsync(app);
        await using var scope = app.Scope();
        var (registry, counter, db) = NewRegistry(scope.ServiceProvider);
        await using var _ = db;

        var station = await registry.ResolveAsync(PublicCodeKind.Station, world.StationCode.ToUpperInvariant() + " ");
        Assert.Equal(new ResolvedCode(CodeState.Active, world.StationId, CodeWorld.Township), station);
        Assert.Equal(1, counter.Executed);

        var rep = await registry.ResolveAsync(PublicCodeKind.Representative, world.RepresentativeCode);
        Assert.Equal(new ResolvedCode(CodeState.Active, world.RepresentativeId, CodeWorld.Township), rep);
        Assert.Equal(2, counter.Executed);

        // The other kind's code, a well-formed code of nobody, and a malformed one (not even asked).
        Assert.Equal(ResolvedCode.Unknown, await registry.ResolveAsync(PublicCodeKind.Representative, world.StationCode));
        Assert.Equal(ResolvedCode.Unknown, await registry.ResolveAsync(PublicCodeKind.Station, "abcdefghjkmn"));
        Assert.Equal(4, counter.Executed);
        Assert.Equal(ResolvedCode.Unknown, await registry.ResolveAsync(PublicCodeKind.Station, "not-a-code"));
        Assert.Equal(4, counter.Executed);
    }

    [Fact]
    public async Task A_regenerated_code_is_revoked_its_successor_works_and_a_representative_out_of_office_has_none()
    {
        var world = await CodeWorld.CreateAsync(app);
        await using var scope = app.Scope();
        var (issuer, _, db) = NewRegistry(scope.ServiceProvider);
        await using var issuing = db;
        var card = await issuer.RegenerateAsync(PublicCodeKind.Station, world.StationId, "damaged");
        Assert.True(card.Ok);
        var fresh = card.Value!.Code;
        await db.Set<Representative>().Where(r => r.Id == world.RepresentativeId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RepresentativeStatus.Resigned));

        var (registry, counter, other) = NewRegistry(scope.ServiceProvider);
        await using var resolving = other;
        Assert.Equal(ResolvedCode.Revoked, await registry.ResolveAsync(PublicCodeKind.Station, world.StationCode));
        Assert.Equal(new ResolvedCode(CodeState.Active, world.StationId, CodeWorld.Township), await registry.ResolveAsync(PublicCodeKind.Station, fresh));
        // A registered station code asked for as a representative's is unknown, not revoked.
        Assert.Equal(ResolvedCode.Unknown, await registry.ResolveAsync(PublicCodeKind.Representative, fresh));
        Assert.Equal(ResolvedCode.Revoked, await registry.ResolveAsync(PublicCodeKind.Representative, world.RepresentativeCode));
        Assert.Equal(4, counter.Executed);
    }
}
