namespace Renda.Platform.Workflow;

public static class WorkflowSetup
{
    public static IServiceCollection AddRendaWorkflow(this IServiceCollection services) => services;
}
