
namespace Renda.Modules.Opinions;

public static class OpinionsSetup
{
    public static IServiceCollection AddRendaOpinions(this IServiceCollection services, IConfiguration config)
    {
        OpinionWorkflow.Definition.Validate();
        services.Configure<OpinionOptions>(config.GetSection("Opinions"));
        services.AddScoped<SubmitOpinion>();
        services.AddScoped<OpinionRules>();
        return services;
    }

    public static IEndpointRouteBuilder MapOpinionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPublicOpinionsApi();
        return app;
    }
}
