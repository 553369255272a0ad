using Renda.Platform.Jobs;
using Renda.Platform.Workflow;

namespace Renda.Modules.Opinions;

/// <summary>The ops part of opinions: notices on actions, the supervision job, Open311 and the 12345 feed.</summary>
public static class OpinionOpsSetup
{
    public static IServiceCollection AddRendaOpinionOps(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<OpinionSupervisionOptions>(config.GetSection("Opinions:Supervision"));
        services.AddHttpContextAccessor();
        services.AddScoped<OpinionLinks>();
        services.AddScoped<Open311Keys>();
        services.AddScoped<HotlineImport>();
        services.AddScoped<IWorkflowObserver, OpinionNoticesObserver>();
        var interval = config.GetValue("Opinions:Supervision:IntervalMinutes", 30);
        services.AddRendaJob<OpinionSupervisionJob>(_ => TimeSpan.FromMinutes(Math.Max(1, interval)));
        return services;
    }

    public static IEndpointRouteBuilder MapOpinionOpsApi(this IEndpointRouteBuilder app)
    {
        app.MapOpen311Api();
        app.MapOpen311KeysApi();
        app.MapHotlineImportApi();
        return app;
    }
}
