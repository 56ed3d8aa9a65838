namespace R1.Cli.Configuration;

/// <summary>A user error (bad config, missing file, unknown name): printed as one line, exit code 1, no stack trace.</summary>
internal sealed class CliException(string message, Exception? inner = null) : Exception(message, inner);
