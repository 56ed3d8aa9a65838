using Microsoft.Extensions.DependencyInjection;
using R1.MLNet.Tests.TestSupport;
using R1.MLNet.Training;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;
using R1.Rewards.Math;

namespace R1.MLNet.Tests.Training;

/// <summary>An <c>IChatClient</c> as the rejection-sampling teacher, judged by the real math reward.</summary>
public class RejectionSamplerChatTests
{
    private static readonly IReadOnlyList<ReasoningExample> Prompts =
        Enumerable.Range(1, 4).Select(i => new ReasoningExample($"{i}+{i}", $"{2 * i}", TaskType: "math")).ToList();

    private static IRewardScorer MathRewards(params IReward[] more) =>
        new ServiceCollection().AddReasoningRewards(b =>
        {
            b.AddMathAccuracy();
            foreach (var r in more) b.Add(r);
        }).BuildServiceProvider().GetRequiredService<IRewardScorer>();

    /// <summary>Seed 0, so a request's seed is prompt index · k + sample index.</summary>
    private static RejectionSamplingOptions Options(int k = 4) => new() { SamplesPerPrompt = k, PromptsPerBatch = 2, MaxConcurrency = 2, Seed = 0 };

    private static int Sum(string prompt) => prompt.Split('+').Sum(int.Parse);

    [Test]
    public void Reasoning_content_is_wrapped_in_think_tags_and_the_sampling_settings_reach_the_client()
    {
        // Sample j of every prompt answers correctly when j is even, and one too many when odd.
        var client = new ReasoningChatClient((prompt, seed) => ($"add {prompt} (seed {seed})", $"<answer>{Sum(prompt) + (int)(seed % 2)}</answer>"),
            delayMs: 20);
        var result = new RejectionSampler(client, MathRewards(), Options()).Run(Prompts);

        result.Rows.Should().HaveCount(16);
        result.Rows.Should().OnlyContain(r => r.Completion.StartsWith($"<think>add {r.Prompt} (seed ") && r.Response == r.Completion);
        result.Rows.Should().OnlyContain(r => r.Kept == (r.SampleIndex % 2 == 0), "even samples answer correctly (seed parity = sample parity)");
        result.Rows.Where(r => !r.Kept).Should().OnlyContain(r => r.DropReason == "reward:math" && r.DropDetail!.Contains("< 1"));
        client.Requests.Should().HaveCount(16).And.OnlyContain(o => o.Temperature == 0.6f && o.TopP == 0.95f && o.MaxOutputTokens == 256);
        client.Requests.Select(o => o.Seed).Distinct().Should().HaveCount(16, "every sample has its own seed");
        client.MaxInFlight.Should().Be(2, "MaxConcurrency bounds the requests in flight");
    }

    [Test]
    public void A_failed_or_hanging_request_drops_only_its_sample_as_a_teacher_error()
    {
        var never = new TaskCompletionSource<ChatResponseStub>();
        var client = new ReasoningChatClient((prompt, seed) =>
        {
            if (prompt == "2+2" && seed % 4 == 1) throw new HttpRequestException("503 from the teacher");
            if (prompt == "3+3" && seed % 4 == 2) never.Task.Wait();                        // ignores cancellation; released below
            return (null, $"<think>ok</think><answer>{Sum(prompt)}</answer>");
        });
        var options = Options();
        options.TeacherTimeout = TimeSpan.FromMilliseconds(300);
        options.Deduplicate = false;
        RejectionSamplingResult result;
        try
        {
            result = new RejectionSampler(client, MathRewards(), options).Run(Prompts);
        }
        finally
        {
            never.TrySetResult(new ChatResponseStub());
        }

        var errors = result.Rows.Where(r => r.DropReason == RejectionDropReason.TeacherError).ToList();
        errors.Should().HaveCount(2);
        errors.Should().ContainSingle(r => r.Prompt == "2+2" && r.DropDetail!.Contains("503 from the teacher"));
        errors.Should().ContainSingle(r => r.Prompt == "3+3" && r.DropDetail!.Contains("did not answer within 0.3 s"));
        result.Summary.DroppedByReason.Should().Equal(new Dictionary<string, int> { [RejectionDropReason.TeacherError] = 2 });
        result.Summary.Kept.Should().Be(14);
    }

    [Test]
    public void Duplicates_and_samples_beyond_MaxKeptPerPrompt_are_dropped_in_that_order()
    {
        // Samples 0 and 1 differ only in whitespace; 2 and 3 are distinct and correct.
        var client = new ReasoningChatClient((prompt, seed) => (seed % 4) switch
        {
            0 => (null, $"<think>sum</think> <answer>{Sum(prompt)}</answer>"),
            1 => (null, $"  <think>sum</think>\n\t<answer>{Sum(prompt)}</answer> \n"),
            var j => (null, $"<think>sum {j}</think><answer>{Sum(prompt)}</answer>"),
        });
        var options = Options();
        options.MaxKeptPerPrompt = 2;
        var rows = new RejectionSampler(client, MathRewards(), options).Run(Prompts).Rows;

        foreach (var group in rows.GroupBy(r => r.PromptIndex))
            group.Select(r => r.DropReason).Should().Equal(null, RejectionDropReason.Duplicate, null, RejectionDropReason.MaxKept);
        options.Deduplicate = false;
        var kept = new RejectionSampler(client, MathRewards(), options).Run(Prompts).Rows;
        kept.GroupBy(r => r.PromptIndex).Should().OnlyContain(g => g.Select(r => r.DropReason).SequenceEqual(new[]
            { null, null, RejectionDropReason.MaxKept, RejectionDropReason.MaxKept }));
    }

    [Test]
    public void A_missing_score_drops_the_sample_with_the_reward_and_the_word_missing()
    {
        var client = new ReasoningChatClient((prompt, _) => (null, $"<think>x</think><answer>{Sum(prompt)}</answer>"));
        var options = Options(k: 2);
        options.Deduplicate = false;
        var rows = new RejectionSampler(client, MathRewards(new FailingJudge()), options).Run(Prompts).Rows;

        rows.Should().OnlyContain(r => r.DropReason == "reward:judge" && r.DropDetail!.StartsWith("missing") && r.Scores["math"] == 1.0);
    }

    [Test]
    public void The_default_readability_filters_drop_planted_mixed_language_and_code_block_chains_of_thought()
    {
        // Every answer is right; samples 1 and 2 plant a mixed-language and a code-block CoT. Sample 3 never closes its think block:
        // the math reward already scores it 0 (an unfinished CoT has no answer), so it never reaches the filters.
        var client = new ReasoningChatClient((prompt, seed) => (seed % 4) switch
        {
            0 => ($"First add the two numbers: {prompt} gives the sum.", $"<answer>{Sum(prompt)}</answer>"),
            1 => ($"먼저 두 수를 더합니다 그리고 결과를 확인합니다. then the sum of {prompt}", $"<answer>{Sum(prompt)}</answer>"),
            2 => ($"Compute it:\n```python\nprint({prompt})\n```\nwhich prints the sum.", $"<answer>{Sum(prompt)}</answer>"),
            _ => (null, $"<think>adding {prompt} and then <answer>{Sum(prompt)}</answer>"),
        });
        var options = Options();
        options.Deduplicate = false;
        var prompts = Prompts.Select(p => p with { Language = "en" }).ToList();
        var result = new RejectionSampler(client, MathRewards(), options).Run(prompts);

        foreach (var group in result.Rows.GroupBy(r => r.PromptIndex))
            group.Select(r => r.DropReason).Should().Equal(null, "filter:mixed-language", "filter:code-block", "reward:math");
        result.Rows.Where(r => r.DropReason?.StartsWith("filter:") == true).Should().OnlyContain(r => r.DropDetail!.Length > 0);
        result.Summary.DroppedByReason["filter:mixed-language"].Should().Be(4);
        result.Summary.DroppedByReason["filter:code-block"].Should().Be(4);
    }

    /// <summary>A judge that always fails: its score is missing.</summary>
    private sealed class FailingJudge : RewardBase
    {
        public override string Name => "judge";

        protected override ValueTask<RewardScore> ScoreOneAsync(RewardSample sample, CancellationToken ct) =>
            throw new InvalidOperationException("judge endpoint down");
    }

    private sealed class ChatResponseStub;
}
