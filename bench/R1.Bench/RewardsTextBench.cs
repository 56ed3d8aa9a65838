using System.Diagnostics;
using R1.Rewards.Abstractions;
using R1.Rewards.Format;
using R1.Rewards.Language;

namespace R1.Bench;

/// <summary>
/// Throughput of the text rewards on MGSM questions in eight languages, wrapped as R1-Zero completions:
/// format checks/s and language-consistency checks/s, on one thread and as parallel batches.
/// Usage: <c>rewards-text [seconds per measurement, default 4]</c>; each measurement is split into 7 rounds.
/// </summary>
public sealed class RewardsTextBench : IBench
{
    private static readonly string[] Languages = ["en", "zh", "ja", "de", "fr", "es", "ru", "th"];

    public string Name => "rewards-text";

    public async Task RunAsync(string[] args)
    {
        double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 4.0;
        var samples = LoadSamples();
        double meanChars = samples.Average(s => s.Completion.Length);
        Console.WriteLine($"{samples.Length} completions (MGSM {string.Join("/", Languages)}), mean {meanChars:0} chars; " +
                          $"{Environment.ProcessorCount} cores");

        var strict = new FormatReward(new FormatRewardOptions { Style = FormatStyle.R1Zero, Mode = FormatMode.Strict, PartialCredit = true });
        var lenient = new FormatReward(new FormatRewardOptions { Style = FormatStyle.R1, Mode = FormatMode.Lenient });
        var language = new LanguageConsistencyReward();

        Report("format strict R1-Zero, 1 thread", Measure(samples, seconds, s => strict.Score(s.Completion)), meanChars);
        Report("format lenient R1, 1 thread", Measure(samples, seconds, s => lenient.Score(s.Completion)), meanChars);
        Report("language, 1 thread", Measure(samples, seconds, s => language.Score(s)), meanChars);
        Report("format strict R1-Zero, batch", await MeasureBatchAsync(strict, samples, seconds), meanChars);
        Report("language, batch", await MeasureBatchAsync(language, samples, seconds), meanChars);
    }

    private const int Rounds = 7;

    /// <summary>Prints the median and the best of the rounds: on a shared, noisy machine the best round is the closest to the true cost.</summary>
    private static void Report(string what, double[] rates, double meanChars)
    {
        var sorted = rates.Order().ToArray();
        double median = sorted[sorted.Length / 2], best = sorted[^1];
        Console.WriteLine($"{what,-34} median {median,10:N0} checks/s, best {best,10:N0} checks/s ({best * meanChars / 1e6:0.0} M chars/s)");
    }

    private static double[] Measure(RewardSample[] samples, double seconds, Func<RewardSample, RewardScore> check)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < seconds / 4) // let tiered JIT reach optimized code
            foreach (var sample in samples) check(sample);
        var rates = new double[Rounds];
        for (int r = 0; r < Rounds; r++)
        {
            long count = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds / Rounds)
                foreach (var sample in samples) { check(sample); count++; }
            rates[r] = count / clock.Elapsed.TotalSeconds;
        }
        return rates;
    }

    private static async Task<double[]> MeasureBatchAsync(IReward reward, RewardSample[] samples, double seconds)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < seconds / 4)
            await reward.ScoreAsync(samples);
        var rates = new double[Rounds];
        for (int r = 0; r < Rounds; r++)
        {
            long count = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds / Rounds)
            {
                await reward.ScoreAsync(samples);
                count += samples.Length;
            }
            rates[r] = count / clock.Elapsed.TotalSeconds;
        }
        return rates;
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
