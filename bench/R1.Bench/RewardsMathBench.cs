using System.Diagnostics;
using System.Text.Json;
using R1.Rewards.Abstractions;
using R1.Rewards.Math;

namespace R1.Bench;

/// <summary>
/// Math verifications per second over MATH-500: the boxed answer of each solution against the gold answer.
/// Reports verify-only, extract+verify (the reward), mismatched pairs (which always go through the parser), and a
/// parallel batch through <c>MathAccuracyReward.ScoreAsync</c>. Optional arg: seconds per measurement (default 2).
/// </summary>
public sealed class RewardsMathBench : IBench
{
    /// <inheritdoc />
    public string Name => "rewards-math";

    /// <inheritdoc />
    public async Task RunAsync(string[] args)
    {
        var seconds = args.Length > 0 && double.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 2.0;
        var records = LoadMath500();
        var extracted = records.Select(r => AnswerExtractor.Extract(r.Solution)!.Answer).ToArray();
        var answers = records.Select(r => r.Answer).ToArray();
        var reward = new MathAccuracyReward();
        var samples = records.Select(r => new RewardSample { Prompt = r.Problem, Completion = r.Solution, Answer = r.Answer }).ToArray();
        var matched = Enumerable.Range(0, answers.Length).Count(i => MathVerifier.AreEquivalent(extracted[i], answers[i]).IsEquivalent);
        Console.WriteLine($"MATH-500: {records.Count} records, {matched} verified equal; {Environment.ProcessorCount} logical cores; " +
                          $"{seconds:0.#} s per measurement");

        Report("verify (boxed vs answer), 1 thread", records.Count, seconds, () =>
        {
            for (var i = 0; i < answers.Length; i++) MathVerifier.AreEquivalent(extracted[i], answers[i]);
        });
        Report("extract + verify (reward.Score), 1 thread", records.Count, seconds, () =>
        {
            foreach (var sample in samples) reward.Score(sample);
        });
        Report("mismatched pairs i vs i+1 (parsed), 1 thread", records.Count, seconds, () =>
        {
            for (var i = 0; i < answers.Length; i++) MathVerifier.AreEquivalent(answers[i], answers[(i + 1) % answers.Length]);
        });
        var batch = Enumerable.Repeat(samples, 4).SelectMany(x => x).ToArray();
        await ReportAsync($"reward.ScoreAsync batch of {batch.Length}, parallel", batch.Length, seconds, async () => await reward.ScoreAsync(batch));
    }

    private static void Report(string label, int perPass, double seconds, Action pass) =>
        ReportAsync(label, perPass, seconds, () => { pass(); return Task.CompletedTask; }).GetAwaiter().GetResult();

    // Warm-up pass, then three timed runs of at least `seconds` each; prints the median rate.
    private static async Task ReportAsync(string label, int perPass, double seconds, Func<Task> pass)
    {
        await pass();
        var rates = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            var checks = 0L;
            while (clock.Elapsed.TotalSeconds < seconds / 3) { await pass(); checks += perPass; }
            rates.Add(checks / clock.Elapsed.TotalSeconds);
        }
        rates.Sort();
        Console.WriteLine($"  {label,-48} {rates[1],10:N0} checks/s  ({1e6 / rates[1],7:0.0} µs/check; runs {rates[0]:N0}..{rates[2]:N0})");
    }

    private sealed record Record(string Problem, string Solution, string Answer);

    private static List<Record> LoadMath500()
    {
        var path = Path.Combine(RepoRoot(), "testdata", "data", "math500", "test.jsonl");
        return File.ReadLines(path).Where(l => l.Length > 0).Select(l =>
        {
            using var doc = JsonDocument.Parse(l);
            var e = doc.RootElement;
            return new Record(e.GetProperty("problem").GetString()!, e.GetProperty("solution").GetString()!, e.GetProperty("answer").GetString()!);
        }).ToList();
    }

    private static string RepoRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "R1MLNet.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Could not find the repository root (R1MLNet.sln); run from inside the repository.");
    }
}
