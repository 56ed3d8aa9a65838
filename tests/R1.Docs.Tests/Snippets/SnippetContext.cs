namespace R1.Docs.Tests.Snippets;

/// <summary>
/// What a snippet's setups and checks are given: its working directory (a fresh temporary folder, the current directory while
/// the setups, the snippet and the checks run) and the console output so far.
/// </summary>
public sealed class SnippetContext
{
    private readonly StringWriter _output;

    internal SnippetContext(StringWriter output, string workingDirectory)
    {
        _output = output;
        WorkingDirectory = workingDirectory;
    }

    /// <summary>Everything written to the console since the first setup started.</summary>
    public string Output => _output.ToString();

    /// <summary>The snippet's working directory (deleted afterwards).</summary>
    public string WorkingDirectory { get; }

    /// <summary>A path under the working directory.</summary>
    public string Path(string relative) => System.IO.Path.Combine(WorkingDirectory, relative);
}
