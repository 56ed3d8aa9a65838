using Microsoft.Extensions.Logging;

namespace R1.Rewards.Tests.Composition;

/// <summary>Collects formatted log lines, for tests that check what the scorer logs.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    public List<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void Dispose() { }

    private sealed class ListLogger(ListLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.Lines) owner.Lines.Add($"{logLevel} {category}: {formatter(state, exception)}");
        }
    }
}
