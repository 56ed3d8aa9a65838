using Microsoft.Extensions.Logging;
using Microsoft.ML.Runtime;

namespace R1.MLNet.Logging;

/// <summary>
/// An <see cref="ILogger"/> over an ML.NET <see cref="IChannel"/>: what the trainers log reaches <c>MLContext.Log</c> subscribers.
/// Trace and debug become channel traces, information an info, warnings warnings, errors and critical errors errors.
/// </summary>
internal sealed class ChannelLogger(IChannel channel) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel)) return;
        string message = formatter(state, exception);
        if (exception is not null) message += Environment.NewLine + exception;
        switch (logLevel)
        {
            case LogLevel.Trace or LogLevel.Debug: channel.Trace(MessageSensitivity.None, "{0}", message); break;
            case LogLevel.Information: channel.Info(MessageSensitivity.None, "{0}", message); break;
            case LogLevel.Warning: channel.Warning(MessageSensitivity.None, "{0}", message); break;
            default: channel.Error(MessageSensitivity.None, "{0}", message); break;
        }
    }
}
