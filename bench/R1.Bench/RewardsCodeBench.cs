using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using R1.Rewards.Abstractions;
using R1.Rewards.Code;

namespace R1.Bench;

/// <summary>
/// Code reward throughput: the per-run cost of each sandbox mode (a trivial program, one at a time), and HumanEval's
/// 164 canonical solutions through the bubblewrap sandbox at 1 and 2 parallel processes.
/// Usage: <c>rewards-code [trivial-runs=30]</c>.
/// </summary>
public sealed class RewardsCodeBench : IBench
{
    public string Name => "rewards-code";

    public async Task RunAsync(string[] args)
    {
        int runs = args.Length > 0 ? int.Parse(args[0]) : 30;
        foreach (var mode in new[] { SandboxMode.Bubblewrap, SandboxMode.UnsafeNoIsolation })
            await TrivialAsync(mode, runs);
        var samples = LoadHumanEval();
        foreach (int parallel in new[] { 1, 2 })
            await HumanEvalAsync(samples, parallel);
    }

    private static async Task TrivialAsync(SandboxMode mode, int runs)
    {
        using var executor = new LocalProcessExecutor(new CodeExecutionOptions { Sandbox = mode, MaxParallelProcesses = 1 });
        if (executor.EffectiveMode != mode) { Console.WriteLine($"{mode}: unavailable here"); return; }
        var request = new CodeExecutionRequest("def f():\n    return 1", "assert f() == 1", null, SplitTests: true);
        await executor.ExecuteAsync(request); // warm-up (probes the sandbox)
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < runs; i++)
        {
            var result = await executor.ExecuteAsync(request);
            if (!result.AllPassed) throw new InvalidOperationException($"trivial program failed: {result.Diagnostic}");
        }
        Console.WriteLine($"{mode,-12} trivial program: {clock.Elapsed.TotalMilliseconds / runs,7:0.0} ms/run ({runs} runs, sequential)");
    }

    private static async Task HumanEvalAsync(IReadOnlyList<RewardSample> samples, int parallel)
    {
        var reward = new CodeExecutionReward(new CodeExecutionOptions { Sandbox = SandboxMode.Bubblewrap, MaxParallelProcesses = parallel });
        var clock = Stopwatch.StartNew();
        var scores = await reward.ScoreAsync(samples);
        double seconds = clock.Elapsed.TotalSeconds;
        int passed = scores.Count(s => s.Value == 1.0);
        Console.WriteLine($"HumanEval canonical, {parallel} parallel: {passed}/{samples.Count} passed in {seconds:0.0} s " +
                          $"({samples.Count / seconds:0.0} programs/s)");
    }

    private static IReadOnlyList<RewardSample> LoadHumanEval()
    {
        string path = Path.Combine(RepoRoot(), "testdata", "data", "humaneval", "HumanEval.jsonl.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var samples = new List<RewardSample>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            var r = JsonDocument.Parse(line).RootElement;
            string code = r.GetProperty("prompt").GetString() + r.GetProperty("canonical_solution").GetString();
            samples.Add(new RewardSample
            {
                Prompt = r.GetProperty("prompt").GetString()!, Completion = $"```python\n{code}\n```",
                Tests = r.GetProperty("test").GetString(), EntryPoint = r.GetProperty("entry_point").GetString(),
            });
        }
        return samples;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "R1MLNet.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("R1MLNet.sln not found above " + AppContext.BaseDirectory);
    }
}
