using Microsoft.Extensions.Logging;
using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rollout;

namespace R1.MLNet.Recipe;

/// <summary>
/// The training of each stage: loads the stage's starting policy, points the trainer's checkpoints at the stage folder (resuming
/// from the newest complete one), trains, and returns the trained policy (owned by the caller). A cancelled trainer throws
/// <see cref="OperationCanceledException"/> after its checkpoint is written.
/// </summary>
internal sealed class RecipeStageSteps(IRewardScorer allScenarioRewards, R1RecipeOptions options, ILogger logger)
{
    public static string SamplesPath(RecipeWorkDirectory work) => Path.Combine(work.StageFolder(RecipeStage.RejectionSamplingSft), "samples.jsonl");

    public (Policy, RecipeStageResult) ColdStart(RecipeStageContext context, string input)
    {
        var policy = context.Load(input);
        try
        {
            var sft = Sft(policy, options.ColdStart!, RecipeStage.ColdStart, context.Data.ColdStart, context);
            return (policy, Partial(RecipeStage.ColdStart) with { Steps = sft.Steps, Sft = sft });
        }
        catch { policy.Dispose(); throw; }
    }

    public (Policy, RecipeStageResult) Grpo(RecipeStage stage, GrpoOptions grpo, IRewardScorer rewards, IReadOnlyList<ReasoningExample> prompts,
        RecipeStageContext context, string input)
    {
        var policy = context.Load(input);
        try
        {
            var o = grpo.Clone();
            Resumable(o.Checkpoints, context.Work.CheckpointFolder(stage));
            var result = new GrpoTrainer(policy, rewards, o, options.Prompt, logger).Train(prompts, null, context.Ct);
            if (result.Cancelled) Stopped(stage, context.Ct);
            return (policy, Partial(stage) with { Steps = result.StepsCompleted, Grpo = result });
        }
        catch { policy.Dispose(); throw; }
    }

    public (Policy, RecipeStageResult) RejectionSamplingSft(RecipeStageContext context, string input)
    {
        const RecipeStage stage = RecipeStage.RejectionSamplingSft;
        var stageOptions = options.RejectionSampling!;
        var sampler = stageOptions.Sampler.Clone();
        sampler.OutputPath = SamplesPath(context.Work);
        var teacher = context.Load(input);
        try
        {
            var samples = new RejectionSampler(teacher, allScenarioRewards, sampler, options.Prompt, logger).Run(
                context.Data.RejectionSamplingPrompts, context.Ct);
            if (samples.Summary.Cancelled) Stopped(stage, context.Ct);
            var rows = samples.ToSftPairs().Concat(context.Data.NonReasoning).ToList();
            if (rows.Count == 0)
                throw new InvalidOperationException(
                    "Rejection sampling kept no sample and there are no non-reasoning rows: nothing to fine-tune on. " +
                    $"Drops: {string.Join(", ", samples.Summary.DroppedByReason.Select(d => $"{d.Key} {d.Value}"))}.");
            logger.LogInformation("Recipe: rejection sampling kept {Kept} of {Samples} samples; SFT on {Rows} rows from the {Start}",
                samples.Summary.Kept, samples.Summary.Samples, rows.Count, stageOptions.FromBase ? "base model" : "sampling policy");
            var student = stageOptions.FromBase ? context.Load(context.Work.PolicyFolder(RecipeStage.Base)) : teacher;
            if (stageOptions.FromBase) teacher.Dispose();
            teacher = student;
            var sft = Sft(student, stageOptions.Sft, stage, rows, context);
            return (student, Partial(stage) with
            {
                Steps = sft.Steps, Sft = sft, Samples = samples, RejectionSampling = samples.Summary, SftRows = rows.Count,
                SamplesPath = sampler.OutputPath,
            });
        }
        catch { teacher.Dispose(); throw; }
    }

    private SftResult Sft(Policy policy, SftOptions sft, RecipeStage stage, IReadOnlyList<(string, string)> rows, RecipeStageContext context)
    {
        var o = sft.Clone();
        Resumable(o.Checkpoints, context.Work.CheckpointFolder(stage));
        var result = new SftTrainer(policy, o, options.Prompt, logger).Train(rows, context.Ct);
        if (result.Cancelled) Stopped(stage, context.Ct);
        return result;
    }

    private static void Resumable(CheckpointOptions checkpoints, string folder)
    {
        checkpoints.Directory = folder;
        checkpoints.ResumeFrom = "latest";
    }

    private void Stopped(RecipeStage stage, CancellationToken ct)
    {
        logger.LogWarning("Recipe: stage {Stage} stopped; the next run with the same work directory resumes it", stage);
        ct.ThrowIfCancellationRequested();
        throw new OperationCanceledException($"Recipe stage {stage} stopped before it completed.");
    }

    private static RecipeStageResult Partial(RecipeStage stage) => new() { Stage = stage, Folder = "", PolicyFolder = "" };
}
