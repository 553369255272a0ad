
namespace Renda.Modules.Opinions;

public static class OpinionsSetup
{
    public static IServiceCollection AddRendaOpinions(this IServiceCollection services, IConfiguration config)
    {
        OpinionWorkflow.Definition.Validate();
        services.Configure<OpinionOptions>(config.GetSection("Opinions"));
        services.AddScoped<SubmitOpinion>();
        services.AddScoped<OpinionRules>();
        services.AddScoped<OpinionEffects>();                  // staff part: the actions' effects
        services.AddScoped<OpinionsInbox>();                   // staff part: list, search, similar, reveal
        services.AddScoped<OpinionAttachments>().AddScoped<DisclosureList>().AddScoped<ReceptionIntake>();   // public part
        services.AddPublicSubmissionsRateLimit();                                                           // public part
        PublicOpinionPortal.AddEntries();                                                                   // public part
        services.EvictTrackingPagesOnChange();                                                              // public part
        services.AddRendaOpinionOps(config);
        services.AddScoped<OpinionStats>();                  // insight: the dashboard's figures
        services.AddSingleton<OpinionStatsCache>();          // insight: a city's and the province's figures for a few minutes
        services.AddScoped<HotTopics>();                     // insight: clusters of similar recent opinions
        services.AddScoped<HotTopicsProposals>();            // insight: proposed supervision topics / livelihood projects
        return services;
    }

    public static IEndpointRouteBuilder MapOpinionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPublicOpinionsApi();
        app.MapOpinionsStaffApi();                             // staff part: /api/opinions
        app.MapOpinionAttachmentsApi().MapDisclosureApi().MapReceptionIntakeApi();                         // public part
        app.MapOpinionOpsApi();
        app.MapOpinionStatsApi();                            // insight: GET /api/opinions/stats(.xlsx)
        app.MapHotTopicsApi();                               // insight: /api/opinions/hot-topics(/proposals)
        return app;
    }
}
