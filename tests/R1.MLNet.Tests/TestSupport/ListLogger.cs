using Microsoft.Extensions.Logging;

namespace R1.MLNet.Tests.TestSupport;

/// <summary>An <see cref="ILogger"/> that keeps the formatted lines (<c>"Warning: …"</c>), for tests that check what was logged.</summary>
internal sealed class ListLogger : ILogger
{
    private readonly List<string> _lines = new();

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return _lines.ToList(); }
    }

    public IEnumerable<string> Warnings => Lines.Where(l => l.StartsWith("Warning:", StringComparison.Ordinal));

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines) _lines.Add($"{logLevel}: {formatter(state, exception)}");
    }
}
