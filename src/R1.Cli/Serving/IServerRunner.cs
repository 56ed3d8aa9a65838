using R1.Serving;

namespace R1.Cli.Serving;

/// <summary>Runs the server for <c>r1 serve</c>: the seam that lets tests check the mapped <see cref="ServerOptions"/> without a host.</summary>
internal interface IServerRunner
{
    Task RunAsync(ServerOptions options, CancellationToken cancellationToken);
}
