using System.Diagnostics;
using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Engines;
using R1.Rollout.Lora;

namespace R1.Bench;

/// <summary>
/// One GRPO run of the <c>scaleout</c> suite: a fresh copy of the saved base policy, the same prompts, rewards, seed and step
/// shape for every configuration; only where the rollouts run (and how the weights reach them) changes. Each step's wall time
/// is the time between two progress reports (so it includes the weight push before the step); the warm-up steps are dropped.
/// </summary>
internal sealed class ScaleOutTrial(string baseFolder, ScaleOutShape shape)
{
    private readonly IRewardScorer _rewards = BenchGrpoTask.Rewards();
    private readonly PromptFormat _prompt = BenchGrpoTask.Prompt();
    private readonly List<ReasoningExample> _train = BenchGrpoTask.Train();

    /// <summary>Trains <see cref="ScaleOutShape.WarmUpSteps"/> + <paramref name="measured"/> steps and averages the measured ones.</summary>
    /// <param name="label">The table's row name.</param>
    /// <param name="engine">The rollout engine; null: in this process.</param>
    /// <param name="overlap"><see cref="RolloutOptions.Overlap"/>.</param>
    /// <param name="lora">LoRA (the adapter is pushed each step) or full fine-tuning (<paramref name="reload"/> at each push).</param>
    /// <param name="measured">Measured steps.</param>
    /// <param name="reload">The full fine-tuning hook.</param>
    public ScaleOutRow Run(string label, IRolloutEngine? engine, bool overlap, bool lora, int measured,
        Func<string, CancellationToken, Task>? reload = null)
    {
        using var policy = Policy.Load(baseFolder, new PolicyOptions { NumThreads = shape.Threads });
        var clock = new StepClock();
        var options = new GrpoOptions
        {
            MaxSteps = ScaleOutShape.WarmUpSteps + measured, PromptsPerStep = shape.Prompts, NumGenerations = shape.Generations, Seed = 3,
            Sampling = { MaxNewTokens = shape.MaxNewTokens },
            Optimizer = { LearningRate = lora ? 1e-4 : 1e-5 },
            Lora = lora ? new LoraOptions { Rank = 8, Alpha = 16, Dropout = 0, Seed = 5 } : null,
            Rollout = { Engine = engine, SyncEvery = 1, Overlap = overlap, ReloadFullWeights = reload },
            Progress = clock,
        };
        var result = new GrpoTrainer(policy, _rewards, options, _prompt).Train(_train);
        if (result.StepsCompleted != options.MaxSteps)
            throw new InvalidOperationException($"{label}: {result.StepsCompleted} of {options.MaxSteps} steps completed.");
        var steps = result.History.Skip(ScaleOutShape.WarmUpSteps).ToList();
        return new ScaleOutRow(label,
            StepSeconds: clock.StepSeconds.Skip(ScaleOutShape.WarmUpSteps).Average(),
            RolloutSeconds: steps.Average(m => m.RolloutSeconds),
            LearningSeconds: steps.Average(m => m.LearningSeconds),
            SyncSeconds: steps.Average(m => m.SyncSeconds),
            HiddenSeconds: steps.Average(m => m.RolloutOverlapSeconds),
            PolicyLag: steps.Average(m => m.PolicyLag),
            Load: LoadAverage.OneMinute());
    }

    /// <summary>A synchronous progress sink that stamps each step's end (<see cref="Progress{T}"/> would post to the pool).</summary>
    private sealed class StepClock : IProgress<GrpoStepMetrics>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _last;

        public List<double> StepSeconds { get; } = [];

        public void Report(GrpoStepMetrics value)
        {
            var now = _clock.Elapsed;
            StepSeconds.Add((now - _last).TotalSeconds);
            _last = now;
        }
    }
}

/// <summary>One configuration's means over the measured steps, and the 1-minute load average when it ended.</summary>
internal sealed record ScaleOutRow(string Config, double StepSeconds, double RolloutSeconds, double LearningSeconds, double SyncSeconds,
    double HiddenSeconds, double PolicyLag, double Load);
