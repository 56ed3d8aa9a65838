using R1.Cli.Configuration;
using R1.Cli.Data;
using R1.Cli.Models;
using R1.Cli.Output;
using R1.MLNet.Training;
using Spectre.Console;

namespace R1.Cli.Commands;

/// <summary><c>r1 sft</c>: supervised fine-tuning (<see cref="SftTrainer"/>); writes the policy folder, metrics and a loss plot.</summary>
internal sealed class SftCommand(IAnsiConsole console) : VerbCommand<SftSettings>(console)
{
    protected override Task<int> RunAsync(R1Config file, SftSettings settings, CancellationToken cancellationToken)
    {
        var c = settings.Resolve(file);
        var pairs = DatasetMapper.SftPairs(RequireData(c));
        string output = RequireOutput(c, "the policy folder to write");
        var options = Options(c);
        int total = options.MaxSteps > 0 ? options.MaxSteps
            : options.Epochs * (int)Math.Ceiling(pairs.Count / (double)(options.BatchSize * options.GradientAccumulationSteps));
        using var policy = PolicyFactory.Open(c.Model, c.Device, SeedOf(c));
        var prompt = PromptFormats.For(c.Template, policy);
        Console.MarkupLine($"[bold]sft[/] {Markup.Escape(c.Model!)}: {pairs.Count} examples, {total} steps of {options.BatchSize}, " +
                           $"lr {options.Optimizer.LearningRate:G3}");
        var result = ConsoleProgress.Run<SftStepMetrics, SftResult>(Console, "sft", total, progress =>
        {
            options.Progress = progress;
            return new SftTrainer(policy, options, prompt, Logger(settings)).Train(pairs, cancellationToken);
        }, m => (m.Step, $"step {m.Step}/{m.TotalSteps} loss {m.Loss:F4}"));
        policy.Save(output);
        var rows = result.History.Select(Row).ToList();
        MetricsFiles.Write(output, rows);
        MetricsPlot.Save(output, "r1 sft", rows, ["loss"], ["learning_rate"]);
        Done($"sft: {result.Steps} steps, final loss {result.FinalLoss:F4}; " +
             $"policy, {MetricsFiles.JsonlName} and {MetricsPlot.FileName} in {Display(output)}");
        return Task.FromResult(result.Cancelled ? 130 : 0);
    }

    private static SftOptions Options(SftConfig c)
    {
        var options = new SftOptions { Seed = SeedOf(c), LogEvery = 1 };
        if (c.Epochs is { } epochs) options.Epochs = epochs;
        if (c.MaxSteps is { } steps) options.MaxSteps = steps;
        if (c.BatchSize is { } batch) options.BatchSize = batch;
        if (c.LearningRate is { } lr) options.Optimizer.LearningRate = lr;
        Validate("sft", options.Validate);
        return options;
    }

    private static IReadOnlyDictionary<string, double> Row(SftStepMetrics m) => new Dictionary<string, double>
    {
        ["step"] = m.Step, ["loss"] = m.Loss, ["learning_rate"] = m.LearningRate, ["grad_norm"] = m.GradNorm,
        ["tokens"] = m.Tokens, ["seconds"] = m.Seconds,
    };
}
