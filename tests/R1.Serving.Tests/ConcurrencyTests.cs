using Microsoft.Extensions.AI;

namespace R1.Serving.Tests;

/// <summary>
/// Dynamic batching: concurrent requests share decode batches, and each gets exactly what it gets alone (per-row seeds and
/// settings), through the official OpenAI client.
/// </summary>
[TestFixture]
public sealed class ConcurrencyTests
{
    private TinyServer _server = null!;

    // A fresh server per test (its counters start at zero), with a wide window so that requests sent together surely meet in
    // one batch even on a busy machine.
    [SetUp] public async Task SetUp() => _server = await TinyServer.StartAsync(o => o.BatchWindow = TimeSpan.FromMilliseconds(150));
    [TearDown] public async Task TearDown() => await _server.DisposeAsync();

    /// <summary>Eight different requests: prompts, seeds, temperatures, top-p and lengths all differ.</summary>
    private static (string Prompt, ChatOptions Options)[] Requests() => Enumerable.Range(0, 8).Select(i =>
        ($"Question {i}: what is {i}+{i * 3}?", new ChatOptions
        {
            Seed = 100 + i, MaxOutputTokens = 8 + 5 * i, Temperature = i % 3 == 0 ? 0f : 0.5f + 0.25f * (i % 3), TopP = i % 2 == 0 ? 1f : 0.75f,
        })).ToArray();

    [Test]
    public async Task Eight_concurrent_clients_get_the_same_outputs_as_sequential_ones_and_share_a_batch()
    {
        var requests = Requests();
        var sequential = new List<string>();
        foreach (var (prompt, options) in requests)
            sequential.Add((await _server.ChatClient().GetResponseAsync(prompt, options)).Text);
        var before = await _server.HealthAsync();
        var concurrent = await Task.WhenAll(requests.Select(r => Task.Run(async () =>
            (await _server.ChatClient().GetResponseAsync(r.Prompt, r.Options)).Text)));
        var after = await _server.HealthAsync();

        concurrent.Should().Equal(sequential);
        sequential.Distinct().Should().HaveCountGreaterThan(4, "the requests differ, so do their answers");
        ((int)before["batching"]!["largest_batch"]!).Should().Be(1, "sequential requests each decode alone");
        ((int)after["batching"]!["largest_batch"]!).Should().BeGreaterThan(1, "concurrent requests shared a decode batch");
        long batches = (long)after["batching"]!["batches"]! - (long)before["batching"]!["batches"]!;
        batches.Should().BeLessThan(8, "eight concurrent requests took fewer than eight decode batches");
        ((long)after["batching"]!["rows"]!).Should().Be(16, "each request is one row");
    }

    [Test]
    public async Task Concurrent_streams_get_the_same_text_as_whole_responses()
    {
        var requests = Requests().Take(4).ToArray();
        var whole = await Task.WhenAll(requests.Select(r => _server.ChatClient().GetResponseAsync(r.Prompt, r.Options)));
        var streamed = await Task.WhenAll(requests.Select(async r =>
        {
            var text = new System.Text.StringBuilder();
            await foreach (var update in _server.ChatClient().GetStreamingResponseAsync(r.Prompt, r.Options)) text.Append(update.Text);
            return text.ToString();
        }));
        streamed.Should().Equal(whole.Select(w => w.Text));
    }

    [Test]
    public async Task A_short_request_is_answered_while_a_long_one_in_its_batch_goes_on()
    {
        object Body(int maxTokens) => new { model = "tiny", prompt = "Once upon a time", temperature = 0, max_tokens = maxTokens };
        var finished = new List<string>();
        async Task<int> Send(string name, int maxTokens)
        {
            var (_, body) = await _server.PostAsync("/v1/completions", Body(maxTokens));
            lock (finished) finished.Add(name);
            return (int)body["usage"]!["completion_tokens"]!;
        }
        await Send("warm-up", 2);                   // the first response pays for JIT; the race below must not
        finished.Clear();
        var tokens = await Task.WhenAll(Send("long", 1000), Send("short", 2));
        tokens[0].Should().BeGreaterThan(100, "greedy decoding of this prompt runs long on the tiny model");
        tokens[1].Should().BeLessThanOrEqualTo(2);
        ((int)(await _server.HealthAsync())["batching"]!["largest_batch"]!).Should().Be(2, "both decoded in one batch");
        finished.Should().Equal(["short", "long"], "a row that ends is answered at once, not when its batch ends");
    }
}
