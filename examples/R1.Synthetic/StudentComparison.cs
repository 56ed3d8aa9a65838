using System.Diagnostics;
using R1.MLNet.Recipe;
using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rollout;
using R1.Rollout.Models;

namespace R1.Synthetic;

/// <summary>
/// The paper's distillation-versus-RL comparison on a smaller student pre-trained on the same flawed corpus: (a) GRPO on the
/// student itself with the routed rewards, (b) SFT of the student on the teacher's rejection-sampled rows. Both get the same
/// budget of trained sequences (GRPO steps × prompts × generations = SFT steps × batch); tokens and seconds are measured.
/// </summary>
public sealed class StudentComparison(MiniatureSettings settings, IRewardScorer rewards, IReadOnlyList<ReasoningExample> heldOut,
    CancellationToken ct)
{
    /// <summary>
    /// Runs both arms on a student narrower and shallower than the teacher (<see cref="MiniatureSettings.StudentHidden"/>,
    /// <see cref="MiniatureSettings.StudentLayers"/>); <paramref name="pretrain"/> builds the pre-trained student once.
    /// </summary>
    public StudentComparisonResult Run(Func<ModelConfig, Policy> pretrain, IReadOnlyList<ReasoningExample> train,
        IReadOnlyList<(string Prompt, string Response)> teacherRows, long teacherParameters)
    {
        var s = settings;
        var config = ModelConfig.Tiny(RecipeTaskFamily.CreateTokenizer().VocabSize);
        config.HiddenSize = s.StudentHidden;
        config.IntermediateSize = 3 * s.StudentHidden;
        config.NumHiddenLayers = s.StudentLayers;
        string folder = Path.Combine(s.Output, "work", "student-base");
        RecipeEvaluation baseEval;
        long parameters;
        using (var student = pretrain(config))
        {
            student.Save(folder);
            parameters = MiniatureRecipe.Parameters(student);
            baseEval = Evaluate(student);
        }
        var rl = RunRl(folder, train);
        long sequences = rl.Sequences;
        var distilled = RunSft(folder, teacherRows, (int)Math.Ceiling(sequences / (double)s.StudentSftBatch));
        return new StudentComparisonResult(parameters, teacherParameters, baseEval, rl, distilled);
    }

    private StudentRun RunRl(string folder, IReadOnlyList<ReasoningExample> train)
    {
        var s = settings;
        using var student = Policy.Load(folder, new PolicyOptions { NumThreads = s.Threads });
        var options = new GrpoOptions
        {
            MaxSteps = s.StudentGrpoSteps, PromptsPerStep = s.Prompts, NumGenerations = s.Generations, Seed = s.Seed,
            Sampling = { Temperature = s.Temperature, MaxNewTokens = s.MaxCompletion }, Loss = { Beta = s.Beta },
            Optimizer = { LearningRate = s.GrpoLr },
        };
        var clock = Stopwatch.StartNew();
        var result = new GrpoTrainer(student, rewards, options, MiniatureRecipe.Prompt).Train(train, null, ct);
        double seconds = clock.Elapsed.TotalSeconds;
        ct.ThrowIfCancellationRequested();
        long perStep = (long)s.Prompts * s.Generations;
        long tokens = (long)Math.Round(result.History.Sum(m => m.CompletionLength * perStep));
        return new StudentRun("GRPO on the student", result.StepsCompleted, result.StepsCompleted * perStep, tokens, seconds, Evaluate(student));
    }

    private StudentRun RunSft(string folder, IReadOnlyList<(string, string)> rows, int steps)
    {
        var s = settings;
        using var student = Policy.Load(folder, new PolicyOptions { NumThreads = s.Threads });
        var options = new SftOptions
        {
            MaxSteps = steps, BatchSize = s.StudentSftBatch, Optimizer = { LearningRate = s.StudentSftLr }, Seed = s.Seed,
        };
        var clock = Stopwatch.StartNew();
        var result = new SftTrainer(student, options, MiniatureRecipe.Prompt).Train(rows, ct);
        double seconds = clock.Elapsed.TotalSeconds;
        ct.ThrowIfCancellationRequested();
        return new StudentRun("SFT on the teacher's samples", result.Steps, (long)result.Steps * s.StudentSftBatch,
            result.History.Sum(m => (long)m.Tokens), seconds, Evaluate(student));
    }

    private RecipeEvaluation Evaluate(Policy policy) => R1Recipe.Evaluate(policy, rewards, heldOut,
        new RecipeEvaluationOptions { MaxNewTokens = settings.MaxCompletion, AccuracyRewards = MiniatureRewards.AccuracyRewards() },
        MiniatureRecipe.Prompt);
}
