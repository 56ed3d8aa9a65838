namespace R1.Serving;

/// <summary>The OpenAI-compatible server: builds and runs the ASP.NET Core host.</summary>
public static class OpenAiServer
{
    /// <summary>Loads <see cref="ServerOptions.ModelPath"/>, serves it until <paramref name="cancellationToken"/> is cancelled.</summary>
    public static Task RunAsync(ServerOptions options, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException("being written (issue 10)");
}
