namespace Renda.Platform.Audit;

public static class AuditSetup
{
    public static IServiceCollection AddRendaAudit(this IServiceCollection services)
    {
        services.AddScoped<AuditTrail>();
        return services;
    }

    public static void MapAuditApi(this IEndpointRouteBuilder app) { }
}
