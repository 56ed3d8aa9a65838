using R1.Cli.Configuration;
using R1.Cli.Data;
using R1.Cli.Models;
using R1.Cli.Output;
using R1.MLNet.Training;
using Spectre.Console;

namespace R1.Cli.Commands;

/// <summary><c>r1 grpo</c>: GRPO with verifiable rewards (<see cref="GrpoTrainer"/>); writes the policy, metrics and a reward/loss plot.</summary>
internal sealed class GrpoCommand(IAnsiConsole console) : VerbCommand<GrpoSettings>(console)
{
    protected override Task<int> RunAsync(R1Config file, GrpoSettings settings, CancellationToken cancellationToken)
    {
        var c = settings.Resolve(file);
        var examples = DatasetMapper.Examples(RequireData(c));
        var heldOut = c.EvalData is { } evalData ? DatasetMapper.Examples(evalData.InheritFrom(c.Data)) : null;
        string output = RequireOutput(c, "the policy folder to write");
        var options = Options(c);
        var rewards = RewardFactory.Create(c.Rewards, Logging(settings));
        using var policy = PolicyFactory.Open(c.Model, c.Device, SeedOf(c));
        var prompt = PromptFormats.For(c.Template, policy);
        Console.MarkupLine($"[bold]grpo[/] {Markup.Escape(c.Model!)}: {examples.Count} prompts, {options.MaxSteps} steps of " +
                           $"{options.PromptsPerStep} x G={options.NumGenerations}, lr {options.Optimizer.LearningRate:G3}, " +
                           $"beta {options.Loss.Beta:G3}, rewards {Markup.Escape(string.Join(", ", (c.Rewards ?? RewardFactory.Default).Keys))}");
        var result = ConsoleProgress.Run<GrpoStepMetrics, GrpoResult>(Console, "grpo", options.MaxSteps, progress =>
        {
            options.Progress = progress;
            return new GrpoTrainer(policy, rewards, options, prompt, Logger(settings)).Train(examples, heldOut, cancellationToken);
        }, m => (m.Step, $"step {m.Step}/{m.TotalSteps} reward {m.RewardMean:F3} acc {m.Accuracy:P0} loss {m.Loss:F4}"));
        policy.Save(output);
        var rows = result.History.Select(Row).ToList();
        MetricsFiles.Write(output, rows);
        MetricsPlot.Save(output, "r1 grpo", rows, ["reward", "accuracy"], ["loss"]);
        var last = result.History.Count > 0 ? result.History[^1] : null;
        if (result.FinalEvaluation is { } final) Console.MarkupLine($"grpo: held-out accuracy {final.Accuracy:P1}");
        Done($"grpo: {result.StepsCompleted} steps, last reward {last?.RewardMean:F3}, accuracy {last?.Accuracy:P0}; " +
             $"policy, {MetricsFiles.JsonlName} and {MetricsPlot.FileName} in {Display(output)}");
        return Task.FromResult(result.Cancelled ? 130 : 0);
    }

    private static GrpoOptions Options(GrpoConfig c)
    {
        var options = new GrpoOptions { Seed = SeedOf(c) };
        if (c.MaxSteps is { } steps) options.MaxSteps = steps;
        if (c.PromptsPerStep is { } prompts) options.PromptsPerStep = prompts;
        if (c.NumGenerations is { } g) options.NumGenerations = g;
        if (c.LearningRate is { } lr) options.Optimizer.LearningRate = lr;
        if (c.Beta is { } beta) options.Loss.Beta = beta;
        ApplySampling(c, options.Sampling);
        if (c.EvalEvery is { } every) options.Evaluation.Every = every;
        Validate("grpo", options.Validate);
        return options;
    }

    private static IReadOnlyDictionary<string, double> Row(GrpoStepMetrics m)
    {
        var row = new Dictionary<string, double>
        {
            ["step"] = m.Step, ["reward"] = m.RewardMean, ["reward_std"] = m.RewardStd, ["accuracy"] = m.Accuracy, ["loss"] = m.Loss,
            ["kl"] = m.Kl, ["clip_fraction"] = m.ClipFraction, ["entropy"] = m.Entropy, ["completion_length"] = m.CompletionLength,
            ["grad_norm"] = m.GradNorm, ["learning_rate"] = m.LearningRate,
            ["seconds"] = m.RolloutSeconds + m.ScoringSeconds + m.LearningSeconds,
        };
        foreach (var (name, stats) in m.Rewards) row["reward_" + name] = stats.Mean;
        if (m.EvalAccuracy is { } eval) row["eval_accuracy"] = eval;
        return row;
    }
}
