namespace R1.MLNet.Training;

/// <summary>What one GRPO step did: rewards, accuracy, policy statistics and where the time went. One JSONL line per step.</summary>
public sealed record GrpoStepMetrics
{
    /// <summary>The step number, 1-based.</summary>
    public int Step { get; init; }

    /// <summary>The total number of steps of the run.</summary>
    public int TotalSteps { get; init; }

    /// <summary>Mean of the weighted total reward over the step's completions (those whose total is complete; NaN when none is).</summary>
    public double RewardMean { get; init; }

    /// <summary>Standard deviation of the total reward over the step's completions.</summary>
    public double RewardStd { get; init; }

    /// <summary>Per reward function: mean and standard deviation of its score ("not applicable" counts as 0; missing scores are left
    /// out).</summary>
    public IReadOnlyDictionary<string, RewardStatistics> Rewards { get; init; } = new Dictionary<string, RewardStatistics>();

    /// <summary>Fraction of completions that the accuracy reward scores as correct.</summary>
    public double Accuracy { get; init; }

    /// <summary>Mean k3 KL to the reference per completion token (0 when β = 0).</summary>
    public double Kl { get; init; }

    /// <summary>Fraction of completion tokens whose ratio was clipped.</summary>
    public double ClipFraction { get; init; }

    /// <summary>Mean per-token entropy of the policy on its completions (nats).</summary>
    public double Entropy { get; init; }

    /// <summary>Mean completion length in tokens.</summary>
    public double CompletionLength { get; init; }

    /// <summary>Fraction of completions cut off at the maximum length.</summary>
    public double TruncatedFraction { get; init; }

    /// <summary>Fraction of groups whose rewards are all equal (no learning signal); samples with a missing reward are left out.</summary>
    public double ZeroStdFraction { get; init; }

    /// <summary>Whether no group carried a learning signal (<see cref="ZeroStdFraction"/> is 1): every advantage was 0. A warning says so.</summary>
    public bool NoSignal { get; init; }

    /// <summary>
    /// How many completions had an incomplete total because a reward failed on them (threw, timed out, gave a non-finite or absurd value,
    /// a judge failed); they got advantage 0 and were masked out of the loss. "Not applicable" scores are not missing.
    /// </summary>
    public int MissingRewards { get; init; }

    /// <summary>Per reward function: on how many of the step's completions its score was missing.</summary>
    public IReadOnlyDictionary<string, int> MissingByReward { get; init; } = new Dictionary<string, int>();

    /// <summary>The loss of the last optimisation pass.</summary>
    public double Loss { get; init; }

    /// <summary>Global gradient norm before clipping (last pass).</summary>
    public double GradNorm { get; init; }

    /// <summary>The learning rate used.</summary>
    public double LearningRate { get; init; }

    /// <summary>Whether the update was skipped (non-finite loss or gradient).</summary>
    public bool Skipped { get; init; }

    /// <summary>Seconds spent getting the completions (sampling, or waiting for a remote engine) and the π_old / reference log-probs;
    /// weight pushes are in <see cref="SyncSeconds"/>.</summary>
    public double RolloutSeconds { get; init; }

    /// <summary>Seconds spent in the reward functions.</summary>
    public double ScoringSeconds { get; init; }

    /// <summary>Seconds spent in forward/backward passes and optimizer updates.</summary>
    public double LearningSeconds { get; init; }

    /// <summary>Seconds spent pushing the weights to a remote rollout engine before this step (0 in this process).</summary>
    public double SyncSeconds { get; init; }

    /// <summary>Seconds this step waited for its rollouts (in this process: the whole generation).</summary>
    public double RolloutWaitSeconds { get; init; }

    /// <summary>
    /// Seconds of this step's generation that ran while the previous step scored and learned (<see cref="RolloutOptions.Overlap"/>), hidden
    /// from the step time.
    /// </summary>
    public double RolloutOverlapSeconds { get; init; }

    /// <summary>
    /// Optimisation steps between the weights that sampled this step's rollouts and the weights being trained (0: on-policy; up to
    /// <c>SyncEvery − 1</c>, plus 1 with overlap).
    /// </summary>
    public int PolicyLag { get; init; }

    /// <summary>Token positions (padding included) that went through forward and backward in the learning phase, over all μ passes.</summary>
    public long LearningTokens { get; init; }

    /// <summary>Held-out accuracy if this step ran an evaluation.</summary>
    public double? EvalAccuracy { get; init; }

    /// <summary>
    /// Reward and accuracy per task type (<see cref="ReasoningExample.TaskType"/>) of the step's prompts, ordered by name; empty when no
    /// prompt has a task type.
    /// </summary>
    public IReadOnlyDictionary<string, TaskTypeStatistics> ByTaskType { get; init; } = new Dictionary<string, TaskTypeStatistics>();

    /// <summary>Held-out accuracy per task type if this step ran an evaluation (see <see cref="EvaluationResult.AccuracyByTaskType"/>).</summary>
    public IReadOnlyDictionary<string, double>? EvalAccuracyByTaskType { get; init; }
}

/// <summary>One task type's share of a GRPO step.</summary>
/// <param name="Completions">How many of the step's completions answer prompts of this task type.</param>
/// <param name="RewardMean">Mean total reward of those completions (those with a complete total; NaN when none).</param>
/// <param name="Accuracy">Fraction of those completions the accuracy rewards score as correct.</param>
public readonly record struct TaskTypeStatistics(int Completions, double RewardMean, double Accuracy);

/// <summary>Mean and standard deviation of one reward over a step's completions.</summary>
/// <param name="Mean">Mean score.</param>
/// <param name="Std">Population standard deviation of the score.</param>
public readonly record struct RewardStatistics(double Mean, double Std);
