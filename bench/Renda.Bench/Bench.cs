using System.Diagnostics;
using System.Globalization;

namespace Renda.Bench;

public interface IScenario
{
    Task RunAsync(BenchOptions options);
}

public sealed record BenchOptions(string Scenario, string Provider, string? Connection, int Reps, int Records, int Runs)
{
    public bool IsPostgres => Provider == "postgres";

    /// <summary>All arguments, for scenario-specific options (<see cref="Value"/>, <see cref="Double"/>).</summary>
    public string[] Args { get; init; } = [];

    public string? Value(string name) { var i = Array.IndexOf(Args, name); return i >= 0 && i + 1 < Args.Length ? Args[i + 1] : null; }

    public double Double(string name, double fallback) => Value(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        int Int(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var provider = Value("--provider", "sqlite");
        if (provider is not ("sqlite" or "postgres")) throw new ArgumentException("--provider is sqlite or postgres");
        return new BenchOptions(args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "",
            provider, args.Contains("--connection") ? Value("--connection", "") : Environment.GetEnvironmentVariable("RENDA_BENCH_PG"),
            Int("--reps", 100_000), Int("--records", 30), Int("--runs", 3)) { Args = args };
    }
}

/// <summary>Timings of repeated runs: median and range, in milliseconds.</summary>
public sealed class Timings(string name)
{
    private readonly List<double> _ms = [];
    public string Name { get; } = name;

    public async Task<T> MeasureAsync<T>(Func<Task<T>> work)
    {
        var watch = Stopwatch.StartNew();
        var result = await work();
        _ms.Add(watch.Elapsed.TotalMilliseconds);
        return result;
    }

    public double Median
    {
        get
        {
            var s = _ms.Order().ToList();
            return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: median {Median:0} ms (min {_ms.Min():0}, max {_ms.Max():0}; {_ms.Count} runs: {string.Join(", ", _ms.Select(m => m.ToString("0", CultureInfo.InvariantCulture)))})");
}
