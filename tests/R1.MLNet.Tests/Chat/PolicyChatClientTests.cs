using Microsoft.Extensions.AI;
using R1.MLNet.Chat;
using R1.MLNet.Tests.TestSupport;
using R1.Rollout.ChatTemplates;

namespace R1.MLNet.Tests.Chat;

/// <summary>The policy as an <see cref="IChatClient"/>: streaming equals non-streaming, options map, reasoning is split out.</summary>
public class PolicyChatClientTests
{
    private static readonly ChatMessage[] Question = [new(ChatRole.User, "2+3*4")];

    [Test]
    public async Task Streaming_equals_non_streaming_for_a_fixed_seed()
    {
        using var policy = TinyPolicies.Create(seed: 3);
        using var client = policy.AsChatClient(new ChatMlTemplate());
        var options = new ChatOptions { Seed = 5, MaxOutputTokens = 24, Temperature = 1f, TopP = 1f };

        var whole = await client.GetResponseAsync(Question, options);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var u in client.GetStreamingResponseAsync(Question, options)) updates.Add(u);
        var streamed = updates.ToChatResponse();

        updates.Count.Should().BeGreaterThan(1, "the answer arrives in pieces");
        streamed.Text.Should().Be(whole.Text);
        Reasoning(streamed).Should().Be(Reasoning(whole));
        whole.Usage!.OutputTokenCount.Should().BeInRange(1, 24);
        whole.Usage.InputTokenCount.Should().Be(policy.Tokenizer.Encode(new ChatMlTemplate().Render(Question, true)).Count);
        whole.Usage.TotalTokenCount.Should().Be(whole.Usage.InputTokenCount + whole.Usage.OutputTokenCount);
    }

    [Test]
    public async Task Options_map_onto_sampling()
    {
        using var policy = TinyPolicies.Create(seed: 3);
        using var client = policy.AsChatClient(new ChatMlTemplate());

        var capped = await client.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 3, Seed = 1 });
        var a = await client.GetResponseAsync(Question, new ChatOptions { Seed = 1, MaxOutputTokens = 16 });
        var b = await client.GetResponseAsync(Question, new ChatOptions { Seed = 1, MaxOutputTokens = 16 });
        var greedy = await client.GetResponseAsync(Question, new ChatOptions { Temperature = 0, MaxOutputTokens = 16 });
        var greedyAgain = await client.GetResponseAsync(Question, new ChatOptions { Temperature = 0, MaxOutputTokens = 16, Seed = 99 });

        capped.Usage!.OutputTokenCount.Should().BeLessThanOrEqualTo(3);
        if (capped.Usage.OutputTokenCount == 3) capped.FinishReason.Should().Be(ChatFinishReason.Length);
        b.Text.Should().Be(a.Text, "the same seed samples the same completion");
        greedyAgain.Text.Should().Be(greedy.Text, "temperature 0 is greedy, whatever the seed");
        string stop = a.Text.Length > 4 ? a.Text.Substring(2, 2) : a.Text;
        var stopped = await client.GetResponseAsync(Question, new ChatOptions { Seed = 1, MaxOutputTokens = 16, StopSequences = [stop] });
        stopped.Text.Should().EndWith(stop).And.HaveLength(a.Text.IndexOf(stop, StringComparison.Ordinal) + stop.Length);
        stopped.FinishReason.Should().Be(ChatFinishReason.Stop);
        var bad = async () => await client.GetResponseAsync(Question, new ChatOptions { TopP = 2f });
        await bad.Should().ThrowAsync<ArgumentException>();
    }

    [Test]
    public async Task Cancellation_is_honoured_and_an_empty_conversation_is_refused()
    {
        using var policy = TinyPolicies.Create(seed: 3);
        using var client = policy.AsChatClient(new ChatMlTemplate());
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var whole = async () => await client.GetResponseAsync(Question, cancellationToken: cancelled.Token);
        var streaming = async () => { await foreach (var _ in client.GetStreamingResponseAsync(Question, null, cancelled.Token)) { } };
        var empty = async () => await client.GetResponseAsync([]);

        await whole.Should().ThrowAsync<OperationCanceledException>();
        await streaming.Should().ThrowAsync<OperationCanceledException>();
        await empty.Should().ThrowAsync<ArgumentException>().WithMessage("*no message*");
        client.GetService<ChatClientMetadata>()!.DefaultModelId.Should().Be("r1mlnet-policy");
    }

    [TestCase("<think>a</think>b", false, "a", "b")]
    [TestCase("  <think>a b</think> c", false, "a b", " c")]
    [TestCase("plain answer", false, "", "plain answer")]
    [TestCase("reasoning only</think>answer", true, "reasoning only", "answer")]
    [TestCase("never closed", true, "never closed", "")]
    [TestCase("<think>x</think>y</think>z", false, "x", "y</think>z")]
    [TestCase("<thin", false, "", "<thin")]
    public void A_completion_splits_into_reasoning_and_answer(string completion, bool opened, string reasoning, string answer) =>
        ReasoningStreamSplitter.Split(completion, opened).Should().Be((reasoning, answer));

    [Test]
    public void Deltas_of_any_chunking_add_up_to_the_whole_split()
    {
        string[] texts = ["<think>4*5=20 then 3+20=23</think><answer>23</answer>", "  <think>open only </thi", "no tags at all",
            "</think></think><think>", "<think><think></think>", "<th", "<think></think>"];
        var random = new Random(4);
        foreach (var text in texts)
            foreach (bool opened in new[] { false, true })
                for (int trial = 0; trial < 20; trial++)
                {
                    var splitter = new ReasoningStreamSplitter(opened);
                    string r = "", a = "";
                    for (int i = 0; i < text.Length;)
                    {
                        int n = Math.Min(text.Length - i, random.Next(1, 5));
                        var (dr, da) = splitter.Append(text.Substring(i, n));
                        (r, a, i) = (r + dr, a + da, i + n);
                    }
                    var (lr, la) = splitter.Append("", final: true);
                    (r + lr, a + la).Should().Be(ReasoningStreamSplitter.Split(text, opened), $"'{text}' opened={opened}");
                }
    }

    private static string Reasoning(ChatResponse response) =>
        string.Concat(response.Messages.SelectMany(m => m.Contents).OfType<TextReasoningContent>().Select(c => c.Text));
}
