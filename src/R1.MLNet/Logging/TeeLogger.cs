using Microsoft.Extensions.Logging;

namespace R1.MLNet.Logging;

/// <summary>Writes each entry to two loggers (the MLContext's channel and the application's logger).</summary>
internal sealed class TeeLogger(ILogger first, ILogger second) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => second.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => first.IsEnabled(logLevel) || second.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        if (first.IsEnabled(logLevel)) first.Log(logLevel, eventId, state, exception, formatter);
        if (second.IsEnabled(logLevel)) second.Log(logLevel, eventId, state, exception, formatter);
    }
}
