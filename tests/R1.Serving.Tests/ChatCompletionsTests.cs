using Microsoft.Extensions.AI;
using R1.Rollout.ChatTemplates;

namespace R1.Serving.Tests;

/// <summary><c>/v1/chat/completions</c> through the official OpenAI client (Microsoft.Extensions.AI.OpenAI) and raw HTTP.</summary>
[TestFixture]
public sealed class ChatCompletionsTests
{
    private TinyServer _server = null!;
    private TinyServer _reasoner = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _server = await TinyServer.StartAsync();
        _reasoner = await TinyServer.StartAsync(o => o.ChatTemplate = "deepseek-r1");   // its generation prompt opens <think>
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _server.DisposeAsync();
        await _reasoner.DisposeAsync();
    }

    private static ChatOptions Options(long seed, int max = 24) => new() { Seed = seed, MaxOutputTokens = max, Temperature = 0.75f, TopP = 0.875f };

    [Test]
    public async Task Chat_renders_the_template_and_reports_usage_and_finish_reason()
    {
        var response = await _server.ChatClient().GetResponseAsync("What is 2+3?", Options(seed: 1));
        response.Usage!.OutputTokenCount.Should().BeInRange(1, 24);
        response.Usage.InputTokenCount.Should().BePositive();
        response.FinishReason.Should().BeOneOf(ChatFinishReason.Stop, ChatFinishReason.Length);
        response.ModelId.Should().Be("tiny");
        // The same rendered prompt sent as a plain completion with the same seed gives the same text.
        string prompt = new R1ZeroChatTemplate().Render([new ChatMessage(ChatRole.User, "What is 2+3?")], addGenerationPrompt: true);
        var (status, body) = await _server.PostAsync("/v1/completions",
            new { model = "tiny", prompt, seed = 1, max_tokens = 24, temperature = 0.75, top_p = 0.875 });
        status.Should().Be(200);
        response.Text.Should().Be((string)body["choices"]![0]!["text"]!);
    }

    [Test]
    public async Task Streaming_text_equals_non_streaming_text_for_a_fixed_seed()
    {
        var client = _server.ChatClient();
        var whole = await client.GetResponseAsync("Tell me a story", Options(seed: 7, max: 40));
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("Tell me a story", Options(seed: 7, max: 40))) updates.Add(update);
        string.Concat(updates.Select(u => u.Text)).Should().Be(whole.Text);
        whole.Text.Should().NotBeEmpty();
        updates.Count(u => u.Text.Length > 0).Should().BeGreaterThan(1, "the text arrives in pieces");
        updates.Select(u => u.FinishReason).Last(f => f is not null).Should().Be(whole.FinishReason);
    }

    [Test]
    public async Task Reasoning_comes_back_as_reasoning_content_whole_and_streamed()
    {
        var request = new { model = "tiny", messages = new[] { new { role = "user", content = "What is 17*23?" } }, seed = 5, max_tokens = 30 };
        var (status, body) = await _reasoner.PostAsync("/v1/chat/completions", request);
        status.Should().Be(200);
        var message = body["choices"]![0]!["message"]!;
        string reasoning = (string)message["reasoning_content"]!;
        reasoning.Should().NotBeEmpty("the template opened <think> and the random model never closes it");
        ((string)message["content"]!).Should().BeEmpty();
        ((string)message["role"]!).Should().Be("assistant");
        string prompt = new DeepSeekR1ChatTemplate().Render([new ChatMessage(ChatRole.User, "What is 17*23?")], addGenerationPrompt: true);
        var (_, completion) = await _reasoner.PostAsync("/v1/completions", new { model = "tiny", prompt, seed = 5, max_tokens = 30 });
        reasoning.Should().Be((string)completion["choices"]![0]!["text"]!, "the whole completion is inside the think block");

        var chunks = await _reasoner.StreamAsync(
            "/v1/chat/completions", new { request.model, request.messages, request.seed, request.max_tokens, stream = true });
        chunks.Should().OnlyContain(c => (string)c["object"]! == "chat.completion.chunk");
        var deltas = chunks.Select(c => c["choices"]![0]!["delta"]!).ToList();
        string.Concat(deltas.Select(d => (string?)d["reasoning_content"])).Should().Be(reasoning);
        string.Concat(deltas.Select(d => (string?)d["content"])).Should().BeEmpty();
        ((string?)chunks[^1]["choices"]![0]!["finish_reason"]).Should().Be((string)body["choices"]![0]!["finish_reason"]!);
    }

    [Test]
    public async Task Streaming_with_include_usage_ends_with_a_usage_chunk_and_done()
    {
        var chunks = await _server.StreamAsync("/v1/chat/completions", new
        {
            model = "tiny", messages = new[] { new { role = "user", content = "hi" } }, seed = 2, max_tokens = 8, stream = true,
            stream_options = new { include_usage = true },
        });
        var usage = chunks[^1]["usage"]!;
        chunks[^1]["choices"]!.AsArray().Should().BeEmpty();
        ((int)usage["completion_tokens"]!).Should().BeInRange(1, 8);
        ((int)usage["total_tokens"]!).Should().Be((int)usage["prompt_tokens"]! + (int)usage["completion_tokens"]!);
    }

    [Test]
    public async Task Stop_strings_end_the_text_and_are_left_out()
    {
        var (_, free) = await _server.PostAsync("/v1/completions", new { model = "tiny", prompt = "abc", seed = 9, max_tokens = 40 });
        string text = (string)free["choices"]![0]!["text"]!;
        text.Length.Should().BeGreaterThan(6);
        string stop = text.Substring(3, 2);
        var (_, stopped) = await _server.PostAsync("/v1/completions", new { model = "tiny", prompt = "abc", seed = 9, max_tokens = 40, stop });
        var choice = stopped["choices"]![0]!;
        ((string)choice["text"]!).Should().Be(text[..text.IndexOf(stop, StringComparison.Ordinal)]);
        ((string)choice["finish_reason"]!).Should().Be("stop");
    }
}
