using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Renda.Modules.PublicCodes;

namespace Renda.UnitTests.PublicCodes;

/// <summary>The public pages link to the citizen's form only once a module has mapped it.</summary>
public sealed class PublicRoutesTests
{
    private static PublicRoutes With(params string[] patterns) =>
        new(new DefaultEndpointDataSource(patterns.Select(p =>
            (Endpoint)new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(p), 0, EndpointMetadataCollection.Empty, p))));

    [Fact]
    public void Without_an_opinion_route_there_is_no_form() =>
        Assert.False(With("p/s/{code}", "p/r/{code}", "/api/opinions").HasOpinionForm(PublicCodeKind.Station));

    [Theory]
    [InlineData("p/s/{code}/opinion")]             // a Razor page
    [InlineData("/p/s/{code:length(12)}/opinion")] // a minimal API endpoint with a constraint
    [InlineData("/P/S/{c}/Opinion")]
    public void An_opinion_route_under_the_station_code_is_found(string pattern)
    {
        var routes = With("p/s/{code}", pattern);
        Assert.True(routes.HasOpinionForm(PublicCodeKind.Station));
        Assert.False(routes.HasOpinionForm(PublicCodeKind.Representative));
    }

    [Fact]
    public void A_route_that_only_looks_alike_is_not_the_form()
    {
        var routes = With("p/s/fixed/opinion", "p/s/{code}/opinion/{id}", "x/p/s/{code}/opinion");
        Assert.False(routes.HasOpinionForm(PublicCodeKind.Station));
    }
}
