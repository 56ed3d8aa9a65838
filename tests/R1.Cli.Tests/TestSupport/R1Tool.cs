using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;

namespace R1.Cli.Tests.TestSupport;

/// <summary>Runs <c>r1</c> in-process through Spectre's <see cref="CommandAppTester"/>, with the server runner recorded.</summary>
internal sealed class R1Tool
{
    public RecordingServerRunner Server { get; } = new();

    public CommandAppResult Run(params string[] args) => Run(null, args);

    /// <summary>Runs with <paramref name="console"/> (for example an interactive one) instead of the tester's plain console.</summary>
    public CommandAppResult Run(TestConsole? console, params string[] args)
    {
        var tester = new CommandAppTester(console: console);
        tester.Configure(c => R1App.Configure(c, Server));
        return tester.Run(args);
    }
}
