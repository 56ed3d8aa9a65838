using Microsoft.Extensions.DependencyInjection;
using R1.MLNet.Training;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;
using R1.MLNet.Tests.TestSupport;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;

namespace R1.MLNet.Tests.Training;

/// <summary>Small models, prompts and rewards shared by the trainer tests.</summary>
internal static class TrainingFixtures
{
    public static readonly CharTokenizer Tokenizer = CharTokenizer.CreateDefault();

    /// <summary>A very small Qwen2-style config (fast enough for unit tests).</summary>
    public static ModelConfig Micro() => new()
    {
        ModelType = "qwen2", VocabSize = Tokenizer.VocabSize, HiddenSize = 32, IntermediateSize = 64, NumHiddenLayers = 2,
        NumAttentionHeads = 2, NumKeyValueHeads = 1, MaxPositionEmbeddings = 256, TieWordEmbeddings = true,
    };

    public static Policy Create(long seed, ModelConfig? config = null) =>
        Policy.Create(config ?? Micro(), Tokenizer, new PolicyOptions { Seed = seed, NumThreads = 1 });

    public static IReadOnlyList<ReasoningExample> Prompts { get; } =
        Enumerable.Range(0, 6).Select(i => new ReasoningExample($"{i}+{i + 1}", $"{2 * i + 1}")).ToList();

    /// <summary>A short prompt format (<c>User: {q}. Assistant:</c>) for the trainer tests.</summary>
    public static PromptFormat Compact { get; } = new(new CompactTemplate());

    public static IRewardScorer Scorer(params IReward[] rewards) =>
        new ServiceCollection().AddReasoningRewards(b => { foreach (var r in rewards) b.Add(r); })
            .BuildServiceProvider().GetRequiredService<IRewardScorer>();
}

/// <summary>A broken reward: NaN for every sample.</summary>
internal sealed class NaNReward : RewardBase
{
    public override string Name => "nan";

    protected override ValueTask<RewardScore> ScoreOneAsync(RewardSample sample, CancellationToken cancellationToken) =>
        ValueTask.FromResult(RewardScore.Of(double.NaN, "broken"));
}
