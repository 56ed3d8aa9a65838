using R1.MLNet.Training;
using R1.Synthetic;

namespace R1Zero.Miniature;

/// <summary>Console summaries of the run.</summary>
public static class Report
{
    /// <summary>Which procedure the completions follow: multiplication first (correct), addition first (the slip), or neither.</summary>
    public static string Procedures(ArithmeticTask task, EvaluationResult result)
    {
        int correct = 0, slip = 0;
        foreach (var s in result.Samples)
        {
            var d = s.Example.Prompt.Where(char.IsDigit).Select(c => c - '0').ToArray();   // a+b*c
            if (s.Completion.StartsWith($"<think>{d[1]}*{d[2]}=", StringComparison.Ordinal)) correct++;
            else if (s.Completion.StartsWith($"<think>{d[0]}+{d[1]}=", StringComparison.Ordinal)) slip++;
        }
        int n = result.Samples.Count;
        return $"multiplies first in {correct * 100.0 / n:F0}%, slips (adds first) in {slip * 100.0 / n:F0}%, " +
               $"other {(n - correct - slip) * 100.0 / n:F0}%";
    }

    /// <summary>A few rows of the per-step metrics.</summary>
    public static void Trajectory(IReadOnlyList<GrpoStepMetrics> history)
    {
        if (history.Count == 0) return;
        Console.WriteLine(" step  reward  acc(train)  math   format  KL      clip   entropy  len   zero-std  rollout/score/learn s  eval");
        int every = Math.Max(1, history.Count / 8);
        foreach (var m in history.Where((m, i) => i % every == 0 || i == history.Count - 1))
        {
            double math = m.Rewards.TryGetValue("math", out var r) ? r.Mean : double.NaN;
            double format = m.Rewards.TryGetValue("format", out var f) ? f.Mean : double.NaN;
            Console.WriteLine($" {m.Step,4}  {m.RewardMean,6:F3}  {m.Accuracy,9:P0}  {math,5:F2}  {format,6:F2}  {m.Kl,6:F4}  " +
                              $"{m.ClipFraction,5:P0}  {m.Entropy,7:F3}  {m.CompletionLength,4:F0}  {m.ZeroStdFraction,7:P0}  " +
                              $"{m.RolloutSeconds,6:F1}/{m.ScoringSeconds:F2}/{m.LearningSeconds:F1}   " +
                              $"{(m.EvalAccuracy is { } e ? e.ToString("P1") : "")}");
        }
        Console.WriteLine($" time: rollout {history.Sum(m => m.RolloutSeconds):F0}s, scoring {history.Sum(m => m.ScoringSeconds):F1}s, " +
                          $"learning {history.Sum(m => m.LearningSeconds):F0}s");
    }

    /// <summary>Held-out problems the base model got wrong and GRPO got right (and the reverse count).</summary>
    public static void Samples(EvaluationResult before, EvaluationResult after, int count = 3)
    {
        var fixedOnes = before.Samples.Zip(after.Samples).Where(p => !p.First.Correct && p.Second.Correct).ToList();
        int broken = before.Samples.Zip(after.Samples).Count(p => p.First.Correct && !p.Second.Correct);
        Console.WriteLine($"held-out problems fixed by GRPO: {fixedOnes.Count}, broken: {broken}. Samples:");
        foreach (var (b, a) in fixedOnes.Take(count))
            Console.WriteLine($"  {b.Example.Prompt} (= {b.Example.Answer})\n    base: {b.Completion}\n    grpo: {a.Completion}");
    }
}
