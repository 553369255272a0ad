namespace Renda.Platform.Workflow;

public static class WorkflowSetup
{
    /// <summary>The engine is scoped: it works on the request's <see cref="Data.AppDbContext"/>.
    /// Transition tables are static fields of their modules and need no registration.</summary>
    public static IServiceCollection AddRendaWorkflow(this IServiceCollection services)
    {
        services.AddScoped<WorkflowEngine>();
        return services;
    }
}
