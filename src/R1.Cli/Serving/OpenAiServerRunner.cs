using R1.Serving;

namespace R1.Cli.Serving;

/// <summary>The real runner: <see cref="OpenAiServer.RunAsync"/> until cancelled (Ctrl+C).</summary>
internal sealed class OpenAiServerRunner : IServerRunner
{
    public Task RunAsync(ServerOptions options, CancellationToken cancellationToken) => OpenAiServer.RunAsync(options, cancellationToken);
}
