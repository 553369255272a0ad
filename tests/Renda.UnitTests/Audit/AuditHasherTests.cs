using System.Reflection;
using Renda.Platform.Audit;

namespace Renda.UnitTests.Audit;

public sealed class AuditHasherTests
{
    private static AuditEntry Fixed() => new()
    {
        Id = 42,
        At = new DateTime(2026, 3, 2, 1, 2, 3, DateTimeKind.Utc).AddTicks(4_567_890), // .456789 s: microseconds are kept
        Actor = "demo-auditor",
        ActorRole = "auditor",
        ClientIp = "203.0.113.7",
        Action = AuditActions.RoleGranted,
        EntityType = "AppUser",
        EntityId = "5f0c",
        Summary = "{\"role\":\"leader\"}",
        Outcome = AuditOutcomes.Success,
        JurisdictionCode = "330523",
        PrevHash = AuditHasher.Genesis,
    };

    [Fact]
    public void A_fixed_entry_has_a_known_hash()
    {
        // Pinned, and computed independently of this code: SHA-256 over the UTF-8 of
        // 2:42|26:2026-03-02T01:02:03.456789|12:demo-auditor|7:auditor|11:203.0.113.7|18:admin.role_granted|
        // 7:AppUser|4:5f0c|17:{"role":"leader"}|7:success|6:330523|64:000…000|
        // If this changes, every stored chain stops verifying: change the rendering only with a migration plan.
        Assert.Equal("db757e94bffa8b823273a2472676e5253721a88708df632246352b33681ce524", AuditHasher.Compute(Fixed()));
    }

    [Fact]
    public void The_hash_is_lower_case_hex_sha256_and_ignores_the_hash_field_itself()
    {
        var e = Fixed();
        var before = AuditHasher.Compute(e);
        e.Hash = new string('f', 64);
        Assert.Equal(before, AuditHasher.Compute(e));
        Assert.Matches("^[0-9a-f]{64}$", before);
    }

    public static TheoryData<string> HashedProperties() =>
        [.. typeof(AuditEntry).GetProperties().Where(p => p.Name != nameof(AuditEntry.Hash)).Select(p => p.Name)];

    /// <summary>Every column but the hash itself is covered: a column added later without hashing it fails here.</summary>
    [Theory]
    [MemberData(nameof(HashedProperties))]
    public void Changing_any_field_changes_the_hash(string property)
    {
        var original = AuditHasher.Compute(Fixed());
        var e = Fixed();
        var p = typeof(AuditEntry).GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!;
        object changed = p.GetValue(e) switch
        {
            long l => l + 1,
            DateTime d => d.AddTicks(10), // one microsecond: the smallest step both databases keep
            string s => s + "x",
            var other => throw new InvalidOperationException($"No mutation for {property} ({other?.GetType()})"),
        };
        p.SetValue(e, changed);
        Assert.NotEqual(original, AuditHasher.Compute(e));
    }

    [Fact]
    public void Sub_microsecond_ticks_do_not_change_the_hash_because_the_databases_drop_them()
    {
        var e = Fixed();
        var original = AuditHasher.Compute(e);
        e.At = e.At.AddTicks(3);
        Assert.Equal(original, AuditHasher.Compute(e));
    }

    [Fact]
    public void Length_prefixes_keep_field_boundaries_apart()
    {
        var a = Fixed();
        a.Actor = "ab";
        a.ActorRole = "c";
        var b = Fixed();
        b.Actor = "a";
        b.ActorRole = "bc";
        Assert.NotEqual(AuditHasher.Compute(a), AuditHasher.Compute(b));

        // A value that imitates the rendering of a field boundary cannot forge one either.
        var c = Fixed();
        c.Actor = "a|1:b";
        c.ActorRole = "";
        var d = Fixed();
        d.Actor = "a";
        d.ActorRole = "b|0:";
        Assert.NotEqual(AuditHasher.Compute(c), AuditHasher.Compute(d));
    }

    [Fact]
    public void Each_hash_depends_on_the_previous_one()
    {
        var first = Fixed();
        first.Hash = AuditHasher.Compute(first);
        var second = Fixed();
        second.Id = 43;
        second.PrevHash = first.Hash;
        var other = Fixed();
        other.Id = 43;
        other.PrevHash = new string('1', 64);
        Assert.NotEqual(AuditHasher.Compute(second), AuditHasher.Compute(other));
    }
}
