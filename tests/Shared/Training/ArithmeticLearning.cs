using Microsoft.Extensions.DependencyInjection;
using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rewards.Format;
using R1.Rewards.Math;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Lora;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;
using R1.Synthetic;

namespace R1.Tests.Shared;

/// <summary>
/// R1-Zero in miniature, CI-sized (the CI learning task): a tiny model pre-trained on a+b*c (operands 0–5) where half the worked
/// solutions add before multiplying, then GRPO with the math and format rewards for 10 steps of 16 prompts × 8, scored on 60
/// held-out problems as pass@1 from 4 samples at temperature 1. Shared by R1.MLNet.Tests (in-process rollouts) and
/// R1.ScaleOut.Tests (rollouts on engine processes), so both learn the same task from the same base.
/// </summary>
public sealed class ArithmeticLearning : IDisposable
{
    private readonly ArithmeticTask _task = new(heldOut: 60, seed: 3, maxOperand: 5);

    /// <summary>Prepares the task; <see cref="Pretrain"/> writes the base.</summary>
    /// <param name="template">How prompts are rendered (the same for SFT, GRPO and evaluation).</param>
    public ArithmeticLearning(PromptFormat template) => Template = template;

    /// <summary>The character tokenizer the base uses.</summary>
    public static CharTokenizer Tokenizer { get; } = CharTokenizer.CreateDefault();

    /// <summary>The prompt format.</summary>
    public PromptFormat Template { get; }

    /// <summary>Math accuracy plus half a point for the format.</summary>
    public IRewardScorer Rewards { get; } = Scorer(shuffled: false);

    /// <summary>The same rewards shuffled across samples (seed 9): the ablation that carries no information.</summary>
    public static IRewardScorer ShuffledRewards => Scorer(shuffled: true);

    /// <summary>The pre-trained base, saved as a policy folder (set by <see cref="Pretrain"/>).</summary>
    public string BaseFolder { get; } = Path.Combine(Path.GetTempPath(), "r1-arithmetic-base-" + Guid.NewGuid().ToString("N"));

    /// <summary>The base's held-out accuracy (set by <see cref="Pretrain"/>).</summary>
    public double BaseAccuracy { get; private set; }

    /// <summary>The training prompts.</summary>
    public IReadOnlyList<ReasoningExample> TrainExamples => _task.Train.Select(p => p.ToExample()).ToList();

    /// <summary>SFT of the tiny config for 400 steps of 32 on the half-slipping corpus; saves it and scores it.</summary>
    public void Pretrain()
    {
        using var policy = Policy.Create(ModelConfig.Tiny(Tokenizer.VocabSize), Tokenizer, new PolicyOptions { Seed = 3, NumThreads = 1 });
        var corpus = _task.SftCorpus(count: 400 * 32, slipRate: 0.5, seed: 3);
        new SftTrainer(policy, new SftOptions { MaxSteps = 400, BatchSize = 32, Optimizer = { LearningRate = 3e-3 }, Seed = 3 }, Template)
            .Train(corpus);
        policy.Save(BaseFolder);
        BaseAccuracy = Evaluate(policy);
    }

    /// <summary>The GRPO run: 10 steps of 16 prompts × 8, 40 new tokens, seed 3.</summary>
    public static GrpoOptions Options(LoraOptions? lora = null, double learningRate = 1e-4) => new()
    {
        MaxSteps = 10, PromptsPerStep = 16, NumGenerations = 8, Seed = 3,
        Sampling = { MaxNewTokens = 40 },
        Optimizer = { LearningRate = learningRate },
        Lora = lora,
    };

    /// <summary>Trains a fresh copy of the base with <paramref name="options"/> and returns its held-out accuracy.</summary>
    public double TrainAndEvaluate(IRewardScorer rewards, GrpoOptions options) => TrainAndEvaluate(rewards, options, out _);

    /// <summary>As <see cref="TrainAndEvaluate(IRewardScorer, GrpoOptions)"/>, with the run's result.</summary>
    public double TrainAndEvaluate(IRewardScorer rewards, GrpoOptions options, out GrpoResult result)
    {
        using var policy = Policy.Load(BaseFolder, new PolicyOptions { NumThreads = 1 });
        result = new GrpoTrainer(policy, rewards, options, Template).Train(TrainExamples);
        return Evaluate(policy);
    }

    /// <summary>pass@1 on the held-out problems: 4 samples each at temperature 1 (seed 17), 40 new tokens.</summary>
    public double Evaluate(Policy policy) =>
        new ReasoningEvaluator(policy, Rewards, Template)
            .EvaluateSampled(_task.HeldOut.Select(p => p.ToExample()).ToList(),
                maxNewTokens: 40, samplesPerExample: 4, temperature: 1.0, seed: 17).Accuracy;

    /// <summary>Deletes the base folder.</summary>
    public void Dispose()
    {
        if (Directory.Exists(BaseFolder)) Directory.Delete(BaseFolder, recursive: true);
    }

    private static IRewardScorer Scorer(bool shuffled) =>
        new ServiceCollection().AddReasoningRewards(b =>
            {
                var math = b.AddMathAccuracy().AddFormat(weight: 0.5);
                if (shuffled) math.UseShuffledRewards(seed: 9);
            })
            .BuildServiceProvider().GetRequiredService<IRewardScorer>();
}
