using R1.Cli.Configuration;
using R1.Cli.Data;
using R1.Cli.Models;
using R1.Cli.Output;
using R1.MLNet.Training;
using R1.Rollout.Engines;
using R1.Rollout.Lora;
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
        using var engine = RolloutFactory.Engine(c);
        var options = Options(c, engine);
        var rewards = RewardFactory.Create(c.Rewards, Logging(settings));
        using var policy = PolicyFactory.Open(c.Model, c.Device, SeedOf(c));
        var prompt = PromptFormats.For(c.Template, policy);
        Console.MarkupLine($"[bold]grpo[/] {Markup.Escape(c.Model!)}: {examples.Count} prompts, {options.MaxSteps} steps of " +
                           $"{options.PromptsPerStep} x G={options.NumGenerations}, lr {options.Optimizer.LearningRate:G3}, " +
                           $"beta {options.Loss.Beta:G3}, rewards {Markup.Escape(string.Join(", ", (c.Rewards ?? RewardFactory.Default).Keys))}" +
                           Markup.Escape(Scale(c, options)));
        var result = ConsoleProgress.Run<GrpoStepMetrics, GrpoResult>(Console, "grpo", options.MaxSteps, progress =>
        {
            options.Progress = progress;
            return new GrpoTrainer(policy, rewards, options, prompt, Logger(settings)).Train(examples, heldOut, cancellationToken);
        }, m => (m.Step, $"step {m.Step}/{m.TotalSteps} reward {m.RewardMean:F3} acc {m.Accuracy:P0} loss {m.Loss:F4}"));
        policy.Save(output);
        var rows = result.History.Select(m => Row(m, remote: engine is not null)).ToList();
        MetricsFiles.Write(output, rows);
        MetricsPlot.Save(output, "r1 grpo", rows, ["reward", "accuracy"], ["loss"]);
        var last = result.History.Count > 0 ? result.History[^1] : null;
        if (result.FinalEvaluation is { } final) Console.MarkupLine($"grpo: held-out accuracy {final.Accuracy:P1}");
        Done($"grpo: {result.StepsCompleted} steps, last reward {last?.RewardMean:F3}, accuracy {last?.Accuracy:P0}; " +
             $"policy, {MetricsFiles.JsonlName} and {MetricsPlot.FileName} in {Display(output)}");
        return Task.FromResult(result.Cancelled ? 130 : 0);
    }

    private static GrpoOptions Options(GrpoConfig c, OpenAiCompatibleRolloutEngine? engine)
    {
        var options = new GrpoOptions { Seed = SeedOf(c), Lora = Lora(c.Lora) };
        if (c.MaxSteps is { } steps) options.MaxSteps = steps;
        if (c.PromptsPerStep is { } prompts) options.PromptsPerStep = prompts;
        if (c.NumGenerations is { } g) options.NumGenerations = g;
        if (c.LearningRate is { } lr) options.Optimizer.LearningRate = lr;
        if (c.Beta is { } beta) options.Loss.Beta = beta;
        ApplySampling(c, options.Sampling);
        if (c.EvalEvery is { } every) options.Evaluation.Every = every;
        RolloutFactory.Apply(c.Rollout, engine, options.Rollout);
        Validate("grpo", options.Validate);
        return options;
    }

    private static LoraOptions? Lora(LoraConfig? c)
    {
        if (c is null) return null;
        var lora = new LoraOptions { TargetModules = c.TargetModules };
        if (c.Rank is { } rank) lora.Rank = rank;
        if (c.Alpha is { } alpha) lora.Alpha = alpha;
        if (c.Dropout is { } dropout) lora.Dropout = dropout;
        return lora;
    }

    /// <summary>The start line's LoRA and rollout words (empty for full fine-tuning in this process).</summary>
    private static string Scale(GrpoConfig c, GrpoOptions options)
    {
        string lora = options.Lora is { } l ? $"; LoRA r {l.Rank}, alpha {l.Alpha:G3}" : "";
        return options.Rollout.Engine is null ? lora : $"{lora}; {RolloutFactory.Describe(c.Rollout!, options.Rollout)}";
    }

    private static IReadOnlyDictionary<string, double> Row(GrpoStepMetrics m, bool remote)
    {
        var row = new Dictionary<string, double>
        {
            ["step"] = m.Step, ["reward"] = m.RewardMean, ["reward_std"] = m.RewardStd, ["accuracy"] = m.Accuracy, ["loss"] = m.Loss,
            ["kl"] = m.Kl, ["clip_fraction"] = m.ClipFraction, ["entropy"] = m.Entropy, ["completion_length"] = m.CompletionLength,
            ["grad_norm"] = m.GradNorm, ["learning_rate"] = m.LearningRate,
            ["seconds"] = m.SyncSeconds + m.RolloutSeconds + m.ScoringSeconds + m.LearningSeconds,
        };
        if (remote)
        {
            row["sync_seconds"] = m.SyncSeconds;
            row["rollout_overlap_seconds"] = m.RolloutOverlapSeconds;
            row["policy_lag"] = m.PolicyLag;
        }
        foreach (var (name, stats) in m.Rewards) row["reward_" + name] = stats.Mean;
        if (m.EvalAccuracy is { } eval) row["eval_accuracy"] = eval;
        return row;
    }
}
