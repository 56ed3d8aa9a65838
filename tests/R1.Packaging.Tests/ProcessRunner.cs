using System.Diagnostics;
using System.Text;

namespace R1.Packaging.Tests;

/// <summary>The result of one command: exit code, stdout and stderr together, and how long it took.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>The last <paramref name="chars"/> characters of the output, for failure messages.</summary>
    public string Tail(int chars = 6000) => Output.Length <= chars ? Output : "…" + Output[^chars..];
}

/// <summary>Runs a command to completion (or kills it at a timeout) and captures its output.</summary>
public static class ProcessRunner
{
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string command = $"{fileName} {string.Join(' ', info.ArgumentList)} (in {workingDirectory})";
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ProcessResult(command, -1, output + $"\n[killed after {timeout.TotalSeconds:F0} s]", clock.Elapsed);
        }
        process.WaitForExit();   // drains the redirected streams
        lock (output) return new ProcessResult(command, process.ExitCode, output.ToString(), clock.Elapsed);
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/>.</summary>
    public static ProcessResult Dotnet(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        Run("dotnet", arguments, workingDirectory, timeout);

    private static void Append(StringBuilder output, string? line)
    {
        if (line == null) return;
        lock (output) output.AppendLine(line);
    }
}
