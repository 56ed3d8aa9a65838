using System.Text.Json.Nodes;
using R1.Rollout.Tokenization;

namespace R1.Serving.Tests;

/// <summary>
/// <c>/v1/completions</c>: logprobs in OpenAI's legacy layout, token-id prompts and <c>n</c> (raw HTTP: the official client has no
/// legacy completions API).
/// </summary>
[TestFixture]
public sealed class CompletionsTests
{
    private TinyServer _server = null!;

    [OneTimeSetUp] public async Task SetUp() => _server = await TinyServer.StartAsync();
    [OneTimeTearDown] public async Task TearDown() => await _server.DisposeAsync();

    [Test]
    public async Task Logprobs_give_tokens_their_log_probs_the_top_alternatives_and_text_offsets()
    {
        var (status, body) = await _server.PostAsync("/v1/completions",
            new { model = "tiny", prompt = "Once upon", max_tokens = 12, temperature = 0, logprobs = 3 });
        status.Should().Be(200);
        ((string)body["object"]!).Should().Be("text_completion");
        var choice = body["choices"]![0]!;
        var logprobs = choice["logprobs"]!;
        var tokens = logprobs["tokens"]!.AsArray().Select(t => (string)t!).ToList();
        var tokenLogprobs = logprobs["token_logprobs"]!.AsArray().Select(t => (float)t!).ToList();
        var top = logprobs["top_logprobs"]!.AsArray().Select(t => t!.AsObject()).ToList();
        var offsets = logprobs["text_offset"]!.AsArray().Select(t => (int)t!).ToList();
        tokens.Should().HaveCount((int)body["usage"]!["completion_tokens"]!).And.NotBeEmpty();
        new[] { tokenLogprobs.Count, top.Count, offsets.Count }.Should().OnlyContain(c => c == tokens.Count);
        for (int j = 0; j < tokens.Count; j++)
        {
            top[j].Count.Should().Be(3);
            var best = top[j].MaxBy(kv => (float)kv.Value!);
            best.Key.Should().Be(tokens[j], "greedy takes the most likely token");
            ((float)best.Value!).Should().BeApproximately(tokenLogprobs[j], 1e-5f);
            tokenLogprobs[j].Should().BeLessThanOrEqualTo(0);
            offsets[j].Should().Be(Math.Min(string.Concat(tokens.Take(j)).Length, ((string)choice["text"]!).Length));
        }
    }

    [Test]
    public async Task A_token_id_prompt_gives_the_same_completion_as_its_text()
    {
        var ids = CharTokenizer.CreateDefault().Encode("Once upon a time");
        var (_, fromText) = await _server.PostAsync(
            "/v1/completions", new { model = "tiny", prompt = "Once upon a time", seed = 4, max_tokens = 16 });
        var (status, fromIds) = await _server.PostAsync("/v1/completions",
            new { model = "tiny", prompt = ids, seed = 4, max_tokens = 16, logprobs = 0, return_tokens_as_token_ids = true });
        status.Should().Be(200);
        var choice = fromIds["choices"]![0]!;
        ((string)choice["text"]!).Should().Be((string)fromText["choices"]![0]!["text"]!);
        ((int)fromIds["usage"]!["prompt_tokens"]!).Should().Be(ids.Count);
        choice["logprobs"]!["tokens"]!.AsArray().Should().OnlyContain(t => ((string)t!).StartsWith("token_id:"));
        choice["logprobs"]!["top_logprobs"]!.AsArray().Should().OnlyContain(t => t!.AsObject().Count == 0, "logprobs 0 asks for no alternatives");
    }

    [Test]
    public async Task N_choices_sample_with_consecutive_seeds()
    {
        var (_, many) = await _server.PostAsync("/v1/completions", new { model = "tiny", prompt = "abc", seed = 10, n = 3, max_tokens = 16 });
        var texts = many["choices"]!.AsArray().Select(c => (string)c!["text"]!).ToList();
        many["choices"]!.AsArray().Select(c => (int)c!["index"]!).Should().Equal(0, 1, 2);
        for (int i = 0; i < 3; i++)
        {
            var (_, one) = await _server.PostAsync("/v1/completions", new { model = "tiny", prompt = "abc", seed = 10 + i, max_tokens = 16 });
            texts[i].Should().Be((string)one["choices"]![0]!["text"]!);
        }
        texts.Distinct().Should().HaveCountGreaterThan(1);
    }

    [Test]
    public async Task A_streamed_completion_has_the_text_of_the_whole_one_per_choice()
    {
        var (_, whole) = await _server.PostAsync("/v1/completions", new { model = "tiny", prompt = "abc", seed = 21, n = 2, max_tokens = 30 });
        var texts = whole["choices"]!.AsArray().Select(c => (string)c!["text"]!).ToList();
        var chunks = await _server.StreamAsync(
            "/v1/completions", new { model = "tiny", prompt = "abc", seed = 21, n = 2, max_tokens = 30, stream = true });
        chunks.Should().OnlyContain(c => (string)c["object"]! == "text_completion");
        var choices = chunks.Select(c => c["choices"]![0]!).ToList();
        for (int i = 0; i < 2; i++)
        {
            var own = choices.Where(c => (int)c["index"]! == i).ToList();
            string.Concat(own.Select(c => (string)c["text"]!)).Should().Be(texts[i]);
            ((string?)own[^1]["finish_reason"]).Should().Be((string)whole["choices"]![i]!["finish_reason"]!);
            own.Count.Should().BeGreaterThan(2, "the text arrives in pieces");
        }
    }
}
