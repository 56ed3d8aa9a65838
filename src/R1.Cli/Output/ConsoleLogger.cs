using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace R1.Cli.Output;

/// <summary>
/// The trainers' <see cref="ILogger"/> on the console: warnings and errors always (yellow, red), information with
/// <c>--verbose</c> (grey), so a trainer's "no learning signal" or memory estimate reaches the user.
/// </summary>
internal sealed class ConsoleLogger(IAnsiConsole console, bool verbose) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning || (verbose && logLevel >= LogLevel.Information);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        string colour = logLevel >= LogLevel.Error ? "red" : logLevel == LogLevel.Warning ? "yellow" : "grey";
        string text = formatter(state, exception) + (exception is null ? "" : $" ({exception.Message})");
        console.MarkupLine($"[{colour}]{Markup.Escape(text)}[/]");
    }
}
