using Spectre.Console.Cli.Testing;

namespace R1.Cli.Tests.TestSupport;

/// <summary>Runs <c>r1</c> in-process through Spectre's <see cref="CommandAppTester"/>, with the server runner recorded.</summary>
internal sealed class R1Tool
{
    public RecordingServerRunner Server { get; } = new();

    public CommandAppResult Run(params string[] args)
    {
        var tester = new CommandAppTester();
        tester.Configure(c => R1App.Configure(c, Server));
        return tester.Run(args);
    }
}
