using System.ComponentModel;
using R1.Cli.Configuration;
using Spectre.Console.Cli;

namespace R1.Cli.Commands;

/// <summary>The flags of <c>r1 grpo</c>.</summary>
internal sealed class GrpoSettings : TrainSettings
{
    [CommandOption("--prompts-per-step <N>")]
    [Description("Prompts per step. Default 8.")]
    public int? PromptsPerStep { get; set; }

    [CommandOption("-g|--num-generations <G>")]
    [Description("Completions per prompt. Default 8.")]
    public int? NumGenerations { get; set; }

    [CommandOption("--beta <BETA>")]
    [Description("KL weight. Default 0.04.")]
    public double? Beta { get; set; }

    [CommandOption("--eval-data <FILE>")]
    [Description("Held-out questions: greedy accuracy at the end (and every --eval-every steps).")]
    public string? EvalData { get; set; }

    [CommandOption("--eval-every <N>")]
    [Description("Evaluate on --eval-data every N steps. Default only at the end.")]
    public int? EvalEvery { get; set; }

    public GrpoConfig Resolve(R1Config file)
    {
        var c = R1Config.Section(file.Grpo, file);
        ApplyTo(c);
        c.MaxSteps = MaxSteps ?? c.MaxSteps;
        c.LearningRate = LearningRate ?? c.LearningRate;
        c.PromptsPerStep = PromptsPerStep ?? c.PromptsPerStep;
        c.NumGenerations = NumGenerations ?? c.NumGenerations;
        c.Beta = Beta ?? c.Beta;
        if (EvalData is not null) (c.EvalData ??= new DataConfig()).Path = Path.GetFullPath(EvalData);
        c.EvalEvery = EvalEvery ?? c.EvalEvery;
        return c;
    }
}
