using Renda.Modules.Stations;
using static Renda.Modules.Stations.GroupingRule;

namespace Renda.UnitTests.Stations;

/// <summary>编组进站 就近: same village before same township before same county; never another county.</summary>
public class GroupingRuleTests
{
    [Theory]
    [InlineData("330523001223", "330523001223", Proximity.SameVillage)]
    [InlineData("330523001223", "330523001224", Proximity.SameTownship)]
    [InlineData("330523001", "330523001223", Proximity.SameTownship)]
    [InlineData("330523001", "330523001", Proximity.SameTownship)]
    [InlineData("330523001223", "330523001", Proximity.SameTownship)]
    [InlineData("330523001", "330523105", Proximity.SameCounty)]
    [InlineData("330523001", "330522001", Proximity.None)]
    [InlineData("330523", "330523001", Proximity.SameCounty)]
    public void Proximity_follows_the_jurisdiction_codes(string rep, string station, Proximity expected) =>
        Assert.Equal(expected, Of(rep, station));

    private static readonly StationPlace[] Stations =
    [
        new(1, "330523001", StationKind.Station, 8),          // the township's liaison station
        new(2, "330523001223", StationKind.Point, 3),         // a village point in the same township
        new(3, "330523001224", StationKind.Point, 1),         // another village point, fewer reps
        new(4, "330523105", StationKind.Home, 2),             // another township
        new(5, "330522001", StationKind.Home, 0),             // the neighbouring county
    ];

    [Fact]
    public void A_representative_of_a_village_goes_to_the_village_point_first()
    {
        var c = CandidatesFor(new RepresentativePlace(10, "330523001223"), Stations);
        Assert.Equal([2L, 1L, 3L], c.Select(x => x.StationId));
        Assert.Equal([Proximity.SameVillage, Proximity.SameTownship, Proximity.SameTownship], c.Select(x => x.Proximity));
    }

    [Fact]
    public void A_representative_of_a_township_goes_to_its_main_station_then_the_less_crowded_point()
    {
        var c = CandidatesFor(new RepresentativePlace(10, "330523001"), Stations, max: 4);
        Assert.Equal([1L, 3L, 2L, 4L], c.Select(x => x.StationId));
        Assert.Equal(Proximity.SameCounty, c[3].Proximity);
    }

    [Fact]
    public void Stations_of_another_county_are_never_proposed_and_none_nearby_means_no_candidate()
    {
        Assert.DoesNotContain(CandidatesFor(new RepresentativePlace(10, "330523105"), Stations, max: 10), x => x.StationId == 5);
        Assert.Empty(CandidatesFor(new RepresentativePlace(10, "330102001"), Stations));
    }

    [Fact]
    public void At_most_max_candidates_and_ties_go_to_the_station_with_fewer_representatives()
    {
        StationPlace[] twins = [new(7, "330523105", StationKind.Home, 9), new(8, "330523105", StationKind.Home, 4)];
        Assert.Equal([8L], CandidatesFor(new RepresentativePlace(1, "330523105"), twins, max: 1).Select(x => x.StationId));
    }
}
