namespace Renda.Platform.Demo;

public sealed class DemoOptions
{
    public bool Enabled { get; set; }
}

public sealed class DemoSeeder
{
    public Task SeedAsync() => Task.CompletedTask;
}

public static class DemoSetup
{
    public static IServiceCollection AddRendaDemo(this IServiceCollection services, string[] args)
    {
        services.AddSingleton(new DemoOptions { Enabled = args.Contains("--demo") });
        services.AddScoped<DemoSeeder>();
        return services;
    }
}
