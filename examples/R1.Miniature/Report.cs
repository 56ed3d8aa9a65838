using R1.MLNet.Recipe;
using R1.Synthetic;

namespace R1.Miniature;

/// <summary>Console tables of the run.</summary>
public static class Report
{
    private static readonly string[] Types = [.. RecipeTaskFamily.TaskTypes];

    public static string StageName(RecipeStage stage) => stage switch
    {
        RecipeStage.Base => "base (pre-trained)",
        RecipeStage.ColdStart => "1 cold start",
        RecipeStage.ReasoningRl => "2 reasoning RL",
        RecipeStage.RejectionSamplingSft => "3 RS + SFT",
        _ => "4 RL all scenarios",
    };

    /// <summary>Held-out accuracy per stage and task type, and the share of unreadable chains of thought in the greedy completions.</summary>
    public static void Stages(MiniatureReport report)
    {
        Console.WriteLine();
        Console.WriteLine($" {"stage",-20} {"math",7} {"words",7} {"all",7}  {"mixed",6} {"code",6}  {"steps",5} {"seconds",7}");
        foreach (var s in report.Recipe.Stages)
        {
            var e = s.Evaluation!;
            var samples = e.Samples;
            string Share(Func<string, bool> planted) =>
                samples.Count == 0 ? "-" : $"{samples.Count(x => planted(x.Completion)) / (double)samples.Count:P0}";
            Console.WriteLine($" {StageName(s.Stage),-20} {Acc(e, Types[0]),7} {Acc(e, Types[1]),7} {e.Accuracy,7:P1}  " +
                              $"{Share(PlantedFailures.HasMixedScript),6} {Share(PlantedFailures.HasCodeBlock),6}  {s.Steps,5} {s.Seconds,7:F0}");
        }
        Console.WriteLine(" (held-out greedy accuracy; math by the math reward, words by the judge; mixed/code: share of held-out " +
                          "completions with a planted failure)");
    }

    public static void RejectionSampling(MiniatureReport report)
    {
        var stage = report.Recipe[RecipeStage.RejectionSamplingSft];
        if (stage?.RejectionSampling is not { } rs) return;
        Console.WriteLine();
        Console.WriteLine($"rejection sampling from the RL checkpoint: {rs.Prompts} prompts x k = {rs.Samples / Math.Max(1, rs.Prompts)}, " +
                          $"{rs.Samples} samples, kept {rs.Kept} ({rs.Kept / (double)Math.Max(1, rs.Samples):P0}), " +
                          $"{rs.PromptsWithKept} prompts with a kept sample; {rs.SamplesPerSecond:F0} samples/s, {rs.KeptPerSecond:F0} kept/s");
        foreach (var (reason, count) in rs.DroppedByReason)
            Console.WriteLine($"  dropped {count,5}  {reason}");
        var p = report.Planted;
        Console.WriteLine($"planted failures: corpus {p.CorpusMixedScript} mixed-script + {p.CorpusCodeBlock} code-block CoTs; " +
                          $"in the {p.Kept} kept rows: {p.KeptMixedScript} mixed-script, {p.KeptCodeBlock} code-block " +
                          $"({(p.KeptMixedScript + p.KeptCodeBlock == 0 ? "clean" : "NOT CLEAN")}); SFT rows {stage.SftRows}");
    }

    public static void Students(MiniatureReport report)
    {
        if (report.Students is not { } s) return;
        Console.WriteLine();
        Console.WriteLine($"distillation vs RL on a smaller student ({s.StudentParameters:N0} parameters; teacher {s.TeacherParameters:N0}), " +
                          "same budget of trained sequences:");
        Console.WriteLine($" {"student",-30} {"math",7} {"words",7} {"all",7}  {"steps",5} {"sequences",9} {"tokens",8} {"seconds",7}");
        Console.WriteLine($" {"pre-trained student",-30} {Acc(s.Base, Types[0]),7} {Acc(s.Base, Types[1]),7} {s.Base.Accuracy,7:P1}");
        foreach (var r in new[] { s.Rl, s.Distilled })
            Console.WriteLine($" {r.Method,-30} {Acc(r.Evaluation, Types[0]),7} {Acc(r.Evaluation, Types[1]),7} {r.Evaluation.Accuracy,7:P1}  " +
                              $"{r.Steps,5} {r.Sequences,9:N0} {r.Tokens,8:N0} {r.Seconds,7:F0}");
        string winner = s.Distilled.Evaluation.Accuracy > s.Rl.Evaluation.Accuracy ? "distillation wins"
            : s.Distilled.Evaluation.Accuracy < s.Rl.Evaluation.Accuracy ? "RL on the student wins" : "a tie";
        Console.WriteLine($" -> {winner} on held-out accuracy ({s.Distilled.Evaluation.Accuracy:P1} vs {s.Rl.Evaluation.Accuracy:P1})");
    }

    public static string Summary(MiniatureReport report)
    {
        string stages = string.Join(" -> ", report.Recipe.Stages.Select(s => $"{Short(s.Stage)} {s.Evaluation!.Accuracy * 100:F1}%"));
        var p = report.Planted;
        string students = report.Students is { } s
            ? $"; student: RL {s.Rl.Evaluation.Accuracy * 100:F1}% vs distilled {s.Distilled.Evaluation.Accuracy * 100:F1}%" : "";
        return $"accuracy: {stages}; RS kept rows with planted failures: {p.KeptMixedScript + p.KeptCodeBlock}{students}";
    }

    private static string Short(RecipeStage stage) => stage switch
    {
        RecipeStage.Base => "base", RecipeStage.ColdStart => "cold", RecipeStage.ReasoningRl => "rl",
        RecipeStage.RejectionSamplingSft => "rs+sft", _ => "rl-all",
    };

    private static string Acc(RecipeEvaluation e, string type) => e.ByTaskType.TryGetValue(type, out var a) ? a.ToString("P1") : "-";
}
