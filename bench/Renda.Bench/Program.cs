using Renda.Bench;

// dotnet run -c Release --project bench/Renda.Bench -- <scenario> [--provider sqlite|postgres] [options]
// Scenarios are classes implementing IScenario; results go to docs/benchmarks.md by hand.
var options = BenchOptions.Parse(args);
IScenario? scenario = options.Scenario switch
{
    "scoring" => new ScoringScenario(),
    "generate" => new GenerateScenario(),
    "load" => new LoadScenario(),
    "search" => new SearchScenario(),
    "sql" => new SqlScenario(),
    "migrate" => new MigrateScenario(),
    "dashboard" => new DashboardScenario(),
    "serve-baseline" => new BaselineServer(),
    _ => null,
};
if (scenario is null)
{
    Console.Error.WriteLine("usage: Renda.Bench <scenario> [--provider sqlite|postgres] [--connection CS] [--reps N] [--records N] [--runs N]");
    Console.Error.WriteLine("scenarios: scoring, generate [--scale F] [--db FILE], load [--db FILE] [--duration S] [--concurrency N], search [--db FILE], serve-baseline");
    return 2;
}
await scenario.RunAsync(options);
return 0;
