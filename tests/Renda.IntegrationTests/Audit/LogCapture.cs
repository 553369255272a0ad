using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Renda.IntegrationTests.Infrastructure;

namespace Renda.IntegrationTests.Audit;

/// <summary>Collects everything written to any logger: the formatted message, every structured
/// value (what the JSON console logger writes as "State"), scopes and exceptions.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => _lines;
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
    public void Dispose() { }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var parts = new List<string> { $"{logLevel} {category}[{eventId.Id}]", formatter(state, exception) };
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                parts.AddRange(values.Select(kv => $"{kv.Key}={kv.Value}"));
            owner._scopes.ForEachScope((scope, list) => list.Add("scope=" + scope), parts);
            if (exception is not null) parts.Add(exception.ToString());
            owner._lines.Enqueue(string.Join(" | ", parts));
        }
    }
}

/// <summary>The app with every log line, at every level, captured.</summary>
public sealed class LoggedApp : RendaApp
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l =>
        {
            l.AddProvider(Logs);
            l.AddFilter<LogCapture>(null, LogLevel.Trace); // a provider rule: wins over the test host's Warning default
        });
    }
}
