using R1.Cli.Serving;
using R1.Serving;

namespace R1.Cli.Tests.TestSupport;

/// <summary>Records the options <c>r1 serve</c> would start the server with, and returns at once.</summary>
internal sealed class RecordingServerRunner : IServerRunner
{
    public List<ServerOptions> Calls { get; } = [];

    public Task RunAsync(ServerOptions options, CancellationToken cancellationToken)
    {
        Calls.Add(options);
        return Task.CompletedTask;
    }
}
