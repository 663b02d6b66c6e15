using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Connectors.Wildberries.Tests.Support;

/// <summary>A logger factory that keeps every entry: the formatted message, each property value and the exception.</summary>
public sealed class CapturedLogs : ILoggerFactory
{
    public ConcurrentQueue<string> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(Entries);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            entries.Enqueue($"{logLevel}: {formatter(state, exception)} | {properties} | {exception}");
        }
    }
}
