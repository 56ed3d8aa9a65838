using R1.Docs.Tests.Snippets;
using R1.Rewards.Abstractions;

namespace R1.Docs.Tests.Setups;

/// <summary>The parsing snippet's <c>sample</c>: a DeepSeek-R1-style prompt that opens the think block.</summary>
[SnippetSetup("reward-sample")]
public static class OneRewardSample
{
    public static RewardSample sample { get; private set; } = null!;

    public static void Run(SnippetContext context) =>
        sample = new RewardSample { Prompt = "<｜User｜>What is 7*6?<｜Assistant｜><think>\n", Completion = "7*6 is 42</think>42" };
}
