using System.Globalization;
using Renda.Platform.Jurisdictions;

namespace Renda.IntegrationTests.Data;

/// <summary>Village jurisdictions with codes no other test uses, for tests that only need an audited write. Each
/// test class passes its own seven-digit prefix, so classes running side by side never collide.</summary>
internal static class TestVillages
{
    private static int _next;

    public static Jurisdiction Next(string prefix, string name) => new()
    {
        Code = prefix + Interlocked.Increment(ref _next).ToString("00000", CultureInfo.InvariantCulture),
        Name = name,
        Level = JurisdictionLevel.Village,
    };
}
