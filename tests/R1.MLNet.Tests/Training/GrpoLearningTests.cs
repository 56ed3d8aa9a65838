using Microsoft.Extensions.DependencyInjection;
using R1.MLNet.Training;
using R1.Synthetic;
using R1.Rewards.Composition;
using R1.Rewards.Format;
using R1.Rewards.Math;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Lora;
using R1.Rollout.Models;

namespace R1.MLNet.Tests.Training;

/// <summary>
/// R1-Zero in miniature, CI-sized: a tiny model pre-trained on a+b*c (operands 0–5) where half the worked solutions add before
/// multiplying; GRPO with the math and format rewards must raise held-out accuracy, and the same run with shuffled rewards must not.
/// Accuracy is pass@1 from 4 samples per problem at temperature 1: the greedy accuracy of a model whose two procedures are near
/// 50/50 also moves under pure noise (random drift re-decides near-tied greedy choices), so greedy is not a fair control here.
/// Measured: base 55.0%, GRPO 70.8%, shuffled rewards 57.9%.
/// </summary>
[NonParallelizable]
public class GrpoLearningTests
{
    private static readonly PromptFormat Template = TrainingFixtures.Compact;
    private readonly ArithmeticTask _task = new(heldOut: 60, seed: 3, maxOperand: 5);
    private IRewardScorer _rewards = null!;
    private string _baseDir = "";
    private double _baseAccuracy;

    [OneTimeSetUp]
    public void PretrainBase()
    {
        _rewards = new ServiceCollection().AddReasoningRewards(b => b.AddMathAccuracy().AddFormat(weight: 0.5))
            .BuildServiceProvider().GetRequiredService<IRewardScorer>();
        _baseDir = Path.Combine(Path.GetTempPath(), "r1-grpo-learning-" + Guid.NewGuid().ToString("N"));
        var tokenizer = TrainingFixtures.Tokenizer;
        using var policy = Policy.Create(ModelConfig.Tiny(tokenizer.VocabSize), tokenizer, new PolicyOptions { Seed = 3, NumThreads = 1 });
        var corpus = _task.SftCorpus(count: 400 * 32, slipRate: 0.5, seed: 3);
        new SftTrainer(policy, new SftOptions { MaxSteps = 400, BatchSize = 32, Optimizer = { LearningRate = 3e-3 }, Seed = 3 }, Template)
            .Train(corpus);
        policy.Save(_baseDir);
        _baseAccuracy = Evaluate(policy);
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        if (Directory.Exists(_baseDir)) Directory.Delete(_baseDir, recursive: true);
    }

    [Test]
    public void Grpo_raises_held_out_accuracy_and_shuffled_rewards_do_not()
    {
        double grpo = TrainAndEvaluate(_rewards);
        var shuffledRewards = new ServiceCollection().AddReasoningRewards(b => b.AddMathAccuracy().AddFormat(weight: 0.5).UseShuffledRewards(seed: 9))
            .BuildServiceProvider().GetRequiredService<IRewardScorer>();
        double shuffled = TrainAndEvaluate(shuffledRewards);
        TestContext.Out.WriteLine($"held-out pass@1 (4 samples, T=1): base {_baseAccuracy:P1}, GRPO {grpo:P1}, " +
                                  $"shuffled-reward ablation {shuffled:P1}");

        _baseAccuracy.Should().BeInRange(0.15, 0.75, "the base model is mediocre: it slips on about half of the problems");
        (grpo - _baseAccuracy).Should().BeGreaterThanOrEqualTo(0.10, "GRPO with the correctness reward makes the right procedure dominate");
        (shuffled - _baseAccuracy).Should().BeLessThan(0.08, "rewards that carry no information teach nothing");
        grpo.Should().BeGreaterThan(shuffled + 0.10);
    }

    /// <summary>
    /// The same run with LoRA adapters (r 16, alpha 32, dropout 0.05 on all seven projections; the base frozen, the KL reference
    /// = the base with the adapters off) at the 10x learning rate usual for LoRA. Measured: base 55.0%, LoRA GRPO 74.6%, shuffled rewards 50.4%.
    /// </summary>
    [Test]
    public void Lora_grpo_raises_held_out_accuracy_and_shuffled_rewards_do_not()
    {
        double lora = TrainAndEvaluate(_rewards, new LoraOptions(), learningRate: 1e-3);
        double shuffled = TrainAndEvaluate(ShuffledRewards(), new LoraOptions(), learningRate: 1e-3);
        TestContext.Out.WriteLine($"held-out pass@1 (4 samples, T=1): base {_baseAccuracy:P1}, LoRA GRPO {lora:P1}, " +
                                  $"shuffled-reward ablation {shuffled:P1}");
        (lora - _baseAccuracy).Should().BeGreaterThanOrEqualTo(0.10, "GRPO through the adapters alone makes the right procedure dominate");
        (shuffled - _baseAccuracy).Should().BeLessThan(0.08, "rewards that carry no information teach nothing");
    }

    private static IRewardScorer ShuffledRewards() =>
        new ServiceCollection().AddReasoningRewards(b => b.AddMathAccuracy().AddFormat(weight: 0.5).UseShuffledRewards(seed: 9))
            .BuildServiceProvider().GetRequiredService<IRewardScorer>();

    private double TrainAndEvaluate(IRewardScorer rewards, LoraOptions? lora = null, double learningRate = 1e-4)
    {
        using var policy = Policy.Load(_baseDir, new PolicyOptions { NumThreads = 1 });
        var options = new GrpoOptions
        {
            MaxSteps = 10, PromptsPerStep = 16, NumGenerations = 8, Seed = 3,
            Sampling = { MaxNewTokens = 40 },
            Optimizer = { LearningRate = learningRate },
            Lora = lora,
        };
        new GrpoTrainer(policy, rewards, options, Template).Train(_task.Train.Select(p => p.ToExample()).ToList());
        return Evaluate(policy);
    }

    private double Evaluate(Policy policy) =>
        new ReasoningEvaluator(policy, _rewards, Template)
            .EvaluateSampled(_task.HeldOut.Select(p => p.ToExample()).ToList(),
                maxNewTokens: 40, samplesPerExample: 4, temperature: 1.0, seed: 17).Accuracy;
}
