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

    [CommandOption("--lora-rank <N>")]
    [Description("Train LoRA adapters of rank N only, the base frozen (alpha, dropout: lora keys or their defaults).")]
    public int? LoraRank { get; set; }

    [CommandOption("--rollout-endpoint <URL>")]
    [Description("Generate rollouts on this OpenAI-compatible server (vLLM, r1 serve --enable-lora); repeat for more servers.")]
    public string[]? RolloutEndpoints { get; set; }

    [CommandOption("--rollout-model <ID>")]
    [Description("The model id the rollout servers serve (required with --rollout-endpoint).")]
    public string? RolloutModel { get; set; }

    [CommandOption("--sync-every <N>")]
    [Description("Push the adapter to the rollout servers every N steps. Default 1.")]
    public int? SyncEvery { get; set; }

    [CommandOption("--overlap")]
    [Description("Generate the next step's rollouts on the servers while this step learns (one more step off-policy).")]
    public bool? Overlap { get; set; }

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
        if (LoraRank is { } rank) (c.Lora ??= new LoraConfig()).Rank = rank;
        ApplyRollout(c);
        return c;
    }

    private void ApplyRollout(GrpoConfig c)
    {
        if (RolloutEndpoints is { Length: > 0 }) (c.Rollout ??= new RolloutConfig()).Endpoints = [.. RolloutEndpoints];
        if (RolloutModel is not null) (c.Rollout ??= new RolloutConfig()).Model = RolloutModel;
        if (SyncEvery is not null) (c.Rollout ??= new RolloutConfig()).SyncEvery = SyncEvery;
        if (Overlap is not null) (c.Rollout ??= new RolloutConfig()).Overlap = Overlap;
    }
}
