namespace R1.Rewards.Code;

/// <summary>
/// What the harness reported on stdout (lines prefixed by the run's nonce; anything else is ignored), turned into a
/// <see cref="CodeExecutionResult"/> together with how the process ended.
/// </summary>
internal sealed class HarnessReport
{
    private readonly List<string> _warnings = new();
    private readonly Dictionary<int, bool> _results = new();
    private string? _error;
    private string? _sandboxProblem;
    private string? _firstFailure;

    private HarnessReport() { }

    /// <summary>How many tests the harness announced; <see langword="null"/> when it never got that far.</summary>
    public int? TestCount { get; private set; }

    /// <summary>How many tests reported PASS (a test reported twice, say by a forked child, counts once: its first report).</summary>
    public int Passed => _results.Values.Count(pass => pass);

    /// <summary>How many tests reported a result.</summary>
    public int Reported => _results.Count;

    /// <summary>Whether the harness finished (reported DONE).</summary>
    public bool Done { get; private set; }

    /// <summary>Parses the report lines of <paramref name="stdout"/> that start with <paramref name="nonce"/>.</summary>
    public static HarnessReport Parse(string nonce, string stdout)
    {
        var report = new HarnessReport();
        foreach (var raw in stdout.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length <= nonce.Length || !line.StartsWith(nonce + " ", StringComparison.Ordinal)) continue;
            report.Read(line[(nonce.Length + 1)..]);
        }
        return report;
    }

    private void Read(string line)
    {
        int space = line.IndexOf(' ');
        string kind = space < 0 ? line : line[..space];
        string rest = space < 0 ? "" : line[(space + 1)..];
        switch (kind)
        {
            case "TESTS" when int.TryParse(rest, out int n): TestCount = n; break;
            case "RESULT": ReadResult(rest); break;
            case "LIMIT": _warnings.Add(rest); break;
            case "ERROR": _error = rest; break;
            case "SANDBOX" when TestCount == null: _sandboxProblem = rest; break;
            case "DONE": Done = true; break;
        }
    }

    private void ReadResult(string rest)
    {
        var parts = rest.Split(' ', 3);
        if (parts.Length < 2 || !int.TryParse(parts[0], out int index) || index < 0 || !_results.TryAdd(index, parts[1] == "PASS")) return;
        if (parts[1] != "PASS") _firstFailure ??= $"test {index}: {(parts.Length > 2 ? parts[2] : "failed")}";
    }

    /// <summary>Combines the report with how the process ended into a result.</summary>
    /// <param name="exitCode">The process exit code (128 + signal when killed by a signal).</param>
    /// <param name="timedOut">Whether the wall-clock limit killed the run.</param>
    /// <param name="stderrTail">The end of stderr, for the diagnostic.</param>
    /// <param name="elapsed">How long the run took.</param>
    /// <param name="wallLimit">The wall-clock limit, for the diagnostic.</param>
    public CodeExecutionResult ToResult(int exitCode, bool timedOut, string stderrTail, TimeSpan elapsed, TimeSpan wallLimit)
    {
        int count = System.Math.Max(TestCount ?? 0, Reported);
        if (_sandboxProblem != null)
            return new(CodeExecutionOutcome.SandboxError, 0, 0, $"the harness cannot run safely: {_sandboxProblem}", elapsed);
        if (TestCount == null && _error == null) // the harness never started: not the program's fault
            return new(CodeExecutionOutcome.SandboxError, 0, 0,
                $"the harness did not start ({(timedOut ? "wall-clock limit" : $"exit code {exitCode}")}): {LastLine(stderrTail)}", elapsed);
        if (_error != null)
            return new(CodeExecutionOutcome.Completed, System.Math.Max(count, 1), 0, _error, elapsed);
        if (timedOut)
            return new(CodeExecutionOutcome.WallTimeExceeded, count, Passed,
                $"wall-clock limit {wallLimit.TotalSeconds:0.#}s exceeded after {Reported}/{count} tests; killed", elapsed);
        if (!Done || Reported < count)
            return new(CodeExecutionOutcome.Crashed, count, Passed, Crash(exitCode, count, stderrTail), elapsed);
        string diagnostic = Passed == count ? $"{Passed}/{count} tests passed" : $"{Passed}/{count} tests passed; {_firstFailure}";
        if (_warnings.Count > 0) diagnostic += $" [{string.Join("; ", _warnings)}]";
        return new(CodeExecutionOutcome.Completed, count, Passed, diagnostic, elapsed);
    }

    private string Crash(int exitCode, int count, string stderrTail)
    {
        string why = exitCode switch
        {
            128 + 9 => "killed (SIGKILL)",
            128 + 24 => "CPU-time limit exceeded (SIGXCPU)",
            128 + 25 => "file-size limit exceeded (SIGXFSZ)",
            128 + 11 => "crashed (SIGSEGV)",
            > 128 => $"killed by signal {exitCode - 128}",
            _ => $"exited with code {exitCode} before reporting every test",
        };
        string tail = LastLine(stderrTail);
        return $"{why} after {Reported}/{count} tests" + (tail.Length > 0 ? $": {tail}" : "");
    }

    private static string LastLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string last = lines.Length == 0 ? "" : lines[^1];
        return last.Length > 300 ? last[..300] : last;
    }
}
