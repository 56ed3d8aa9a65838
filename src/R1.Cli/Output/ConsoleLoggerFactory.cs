using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace R1.Cli.Output;

/// <summary>Hands out <see cref="ConsoleLogger"/>s, for the reward pipeline's DI (for example the code sandbox's start-up error).</summary>
internal sealed class ConsoleLoggerFactory(IAnsiConsole console, bool verbose) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new ConsoleLogger(console, verbose);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }
}
