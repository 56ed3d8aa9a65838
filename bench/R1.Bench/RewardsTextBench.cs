using System.Diagnostics;
using R1.Rewards.Abstractions;
using R1.Rewards.Format;
using R1.Rewards.Language;

namespace R1.Bench;

/// <summary>
/// Throughput of the text rewards on MGSM questions in eight languages, wrapped as R1-Zero completions:
/// format checks/s and language-consistency checks/s, on one thread and as parallel batches.
/// Usage: <c>rewards-text [seconds per measurement, default 2]</c>.
/// </summary>
public sealed class RewardsTextBench : IBench
{
    private static readonly string[] Languages = ["en", "zh", "ja", "de", "fr", "es", "ru", "th"];

    public string Name => "rewards-text";

    public async Task RunAsync(string[] args)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2.0;
        var samples = LoadSamples();
        double meanChars = samples.Average(s => s.Completion.Length);
        Console.WriteLine($"{samples.Length} completions (MGSM {string.Join("/", Languages)}), mean {meanChars:0} chars; {Environment.ProcessorCount} cores");

        var strict = new FormatReward(new FormatRewardOptions { Style = FormatStyle.R1Zero, Mode = FormatMode.Strict, PartialCredit = true });
        var lenient = new FormatReward(new FormatRewardOptions { Style = FormatStyle.R1, Mode = FormatMode.Lenient });
        var language = new LanguageConsistencyReward();

        Report("format strict R1-Zero, 1 thread", Measure(samples, seconds, s => strict.Score(s.Completion)), meanChars);
        Report("format lenient R1, 1 thread", Measure(samples, seconds, s => lenient.Score(s.Completion)), meanChars);
        Report("language, 1 thread", Measure(samples, seconds, s => language.Score(s)), meanChars);
        Report("format strict R1-Zero, batch", await MeasureBatchAsync(strict, samples, seconds), meanChars);
        Report("language, batch", await MeasureBatchAsync(language, samples, seconds), meanChars);
    }

    private static void Report(string what, double perSecond, double meanChars) =>
        Console.WriteLine($"{what,-34} {perSecond,12:N0} checks/s  {perSecond * meanChars / 1e6,8:0.0} M chars/s");

    private static double Measure(RewardSample[] samples, double seconds, Func<RewardSample, RewardScore> check)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < seconds / 2) // let tiered JIT reach optimized code
            foreach (var sample in samples) check(sample);
        long count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
            foreach (var sample in samples) { check(sample); count++; }
        return count / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> MeasureBatchAsync(IReward reward, RewardSample[] samples, double seconds)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < seconds / 2)
            await reward.ScoreAsync(samples);
        long count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            await reward.ScoreAsync(samples);
            count += samples.Length;
        }
        return count / clock.Elapsed.TotalSeconds;
    }

    private static RewardSample[] LoadSamples()
    {
        string root = RepoRoot();
        return Languages.SelectMany(language =>
            File.ReadLines(Path.Combine(root, "testdata", "data", "mgsm", $"mgsm_{language}.tsv"))
                .Select(line => line.Split('\t'))
                .Select((cols, i) => new RewardSample
                {
                    Prompt = cols[0],
                    Language = language,
                    // Every fourth completion is malformed so the failure paths are timed too.
                    Completion = i % 4 == 3 ? $"{cols[0]}\n</think> {cols[^1]}" : $"<think>\n{cols[0]}\n</think>\n<answer>{cols[^1]}</answer>",
                })).ToArray();
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "R1MLNet.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Could not find the repository root (R1MLNet.sln) above " + AppContext.BaseDirectory);
    }
}
