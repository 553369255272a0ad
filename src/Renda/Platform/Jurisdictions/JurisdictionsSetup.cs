namespace Renda.Platform.Jurisdictions;

public static class JurisdictionsSetup
{
    public static IServiceCollection AddRendaJurisdictions(this IServiceCollection services) => services;
    public static void MapJurisdictionsApi(this IEndpointRouteBuilder app) { }
}
