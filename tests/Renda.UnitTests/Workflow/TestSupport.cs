using Renda.Platform.Auth;

namespace Renda.UnitTests.Workflow;

/// <summary>A clock the test moves by hand: no sleeping for time.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    private readonly Lock _lock = new();

    public override DateTimeOffset GetUtcNow() { lock (_lock) return _now; }
    public void Advance(TimeSpan by) { lock (_lock) _now += by; }
}

/// <summary>A caller with the given roles, scope and links to a unit or a representative.</summary>
public sealed record TestUser(string Name, string[] RoleList, string? Scope = "330102", long? Unit = null, long? Representative = null)
    : ICurrentUser
{
    public string? UserId => Name;
    public string? UserName => Name;
    public IReadOnlyList<string> Roles => RoleList;
    public string? ScopeCode => Scope;
    public string? ClientIp => "127.0.0.1";
    public long? UnitId => Unit;
    public long? RepresentativeId => Representative;
    public long? StationId => null;
    public bool IsInRole(string role) => RoleList.Contains(role);
}

/// <summary>The callers of the sample table, by what they are to a ticket of <see cref="Ticket.SampleJurisdiction"/>
/// assigned to unit 7 and submitted by representative 42.</summary>
public static class People
{
    public static readonly TestUser Staff = new("staff", [Roles.CongressStaff]);
    public static readonly TestUser Leader = new("leader", [Roles.Leader]);
    public static readonly TestUser Unit = new("unit7", [Roles.HandlingUnit], Unit: 7);
    public static readonly TestUser OtherUnit = new("unit8", [Roles.HandlingUnit], Unit: 8);
    public static readonly TestUser Submitter = new("rep42", [Roles.Representative], Representative: 42);
    public static readonly TestUser OtherRep = new("rep43", [Roles.Representative], Representative: 43);
    public static readonly TestUser System = new("system", ["system"], Scope: null);
    public static readonly TestUser Anonymous = new("citizen", [], Scope: null);
    public static readonly TestUser NeighbourStaff = new("neighbour-staff", [Roles.CongressStaff], Scope: "330103");

    public static readonly IReadOnlyDictionary<string, TestUser> ByName = new Dictionary<string, TestUser>
    {
        ["staff"] = Staff, ["leader"] = Leader, ["unit"] = Unit, ["other_unit"] = OtherUnit,
        ["submitter"] = Submitter, ["other_rep"] = OtherRep, ["system"] = System, ["anonymous"] = Anonymous,
    };
}
