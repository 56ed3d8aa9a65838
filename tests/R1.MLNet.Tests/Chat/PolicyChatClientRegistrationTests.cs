using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using R1.MLNet.Tests.TestSupport;
using R1.MLNet.Tests.Training;
using R1.MLNet.Training;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Generation;

namespace R1.MLNet.Tests.Chat;

/// <summary>
/// <c>services.AddPolicyChatClient(...)</c>: a policy registered as the <see cref="IChatClient"/> in the Microsoft.Extensions.AI style
/// (middleware chains on the returned builder), and, keyed, a locally trained policy as the judge of the judge reward.
/// </summary>
public class PolicyChatClientRegistrationTests
{
    [Test]
    public async Task The_registered_policy_answers_through_DI_and_middleware_chains_on_the_builder()
    {
        var services = new ServiceCollection();
        int loads = 0, calls = 0;
        Policy? loaded = null;
        services.AddPolicyChatClient(_ => { loads++; return loaded = TinyPolicies.Create(seed: 3); }, new ChatMlTemplate())
            .Use(async (messages, options, next, ct) => { calls++; await next(messages, options, ct); });
        loads.Should().Be(0, "the policy is loaded when the client is first resolved");

        using (var provider = services.BuildServiceProvider())
        {
            var client = provider.GetRequiredService<IChatClient>();
            var response = await client.GetResponseAsync("2+3*4", new ChatOptions { MaxOutputTokens = 8, Seed = 1 });

            response.Usage!.OutputTokenCount.Should().BeInRange(1, 8);
            response.ModelId.Should().Be("r1mlnet-policy");
            calls.Should().Be(1, "the middleware added with Use wraps the policy client");
            client.GetService<Policy>().Should().BeSameAs(loaded);
            provider.GetRequiredService<IChatClient>().Should().BeSameAs(client, "a singleton, as AddChatClient registers it");
        }
        loads.Should().Be(1);
    }

    [Test]
    public async Task A_locally_trained_policy_is_the_judge_of_the_judge_reward()
    {
        // The judge learns its verdict from the student's final answer alone: 5 is CORRECT, any other digit INCORRECT.
        var policy = TrainingFixtures.Create(seed: 4);                  // the micro model: 2 layers, hidden 32
        var verdict = new PromptFormat(new VerdictTemplate());
        var pairs = Enumerable.Range(0, 10).Where(d => d != 5).Select(d => ($"{d}", "INCORRECT"))
            .Concat(Enumerable.Repeat(("5", "CORRECT"), 9)).ToList();
        new SftTrainer(policy, new SftOptions { MaxSteps = 80, BatchSize = 18, Optimizer = { LearningRate = 1e-2 } }, verdict).Train(pairs);

        var services = new ServiceCollection();
        services.AddKeyedPolicyChatClient("judge", _ => policy, verdict.Template, new SamplingOptions { MaxNewTokens = 12 });
        services.AddReasoningRewards(b => b.AddJudge("judge", configure: o => o.MaxOutputTokens = 12));
        using var provider = services.BuildServiceProvider();
        RewardSample Sample(int answer) =>
            new() { Prompt = "What is 2+3?", Answer = "5", Completion = $"<think>2+3</think> <answer>{answer}</answer>" };

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync([Sample(5), Sample(7)]);

        result["judge"].Select(s => s.Value).Should().Equal([1.0, 0.0], "the trained judge reads the student's answer");
    }

    /// <summary>Renders only the judged answer (the line before the judge prompt's "Verdict"), or the question itself, then <c>=</c>.</summary>
    private sealed class VerdictTemplate : IChatTemplate
    {
        public string Name => "test-verdict";

        public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
        {
            string text = messages.Last(m => m.Role == ChatRole.User).Text;
            int verdict = text.IndexOf("\n\nVerdict", StringComparison.Ordinal);
            if (verdict >= 0) text = text[..verdict].Split('\n')[^1];
            return text.Trim() + "=";
        }
    }
}
