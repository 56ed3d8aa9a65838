using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using R1.Rollout;
using R1.Rollout.Generation;
using R1.Rollout.Lora;
using R1.Serving.Batching;
using static TorchSharp.torch;

namespace R1.Serving.Tests;

/// <summary>
/// vLLM's runtime adapter endpoints: <c>/v1/load_lora_adapter</c> and <c>/v1/unload_lora_adapter</c>, and requests whose
/// <c>model</c> is a loaded adapter's name. The adapters are PEFT folders written from the tiny policy with random (non-zero) B.
/// </summary>
[TestFixture]
public sealed class LoraAdapterTests
{
    private const string Prompt = "Once upon a time";
    private TinyServer _server = null!;
    private string _dir = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "r1-serving-lora-" + Guid.NewGuid().ToString("N")[..8]);
        WriteAdapter(Path.Combine(_dir, "a"), rank: 4, seed: 11);
        WriteAdapter(Path.Combine(_dir, "wide"), rank: 4, seed: 12, targets: ["q_proj", "v_proj"]);
        _server = await TinyServer.StartAsync(o => o.EnableLora = true);
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task A_loaded_adapter_is_listed_and_samples_as_the_policy_with_that_adapter()
    {
        string folder = Path.Combine(_dir, "a");
        var (status, text) = await PostTextAsync("/v1/load_lora_adapter", new { lora_name = "step-1", lora_path = folder });
        status.Should().Be(200, text);
        text.Should().Contain("step-1");
        try
        {
            var models = JsonNode.Parse(await _server.Http.GetStringAsync("/v1/models"))!["data"]!.AsArray();
            var card = models.Single(m => (string)m!["id"]! == "step-1")!;
            ((string)card["parent"]!).Should().Be("tiny");
            ((string)card["root"]!).Should().Be(folder);

            string adapted = await CompleteAsync("step-1");
            string base_ = await CompleteAsync("tiny");
            adapted.Should().Be(InProcess(folder), "the adapter's copy samples exactly as the policy with the adapter loaded");
            base_.Should().Be(InProcess(null), "the base id still samples without the adapter");
            adapted.Should().NotBe(base_, "the adapter's B is non-zero, so it changes what the model samples");
        }
        finally { await PostTextAsync("/v1/unload_lora_adapter", new { lora_name = "step-1" }); }
    }

    [Test]
    public async Task An_unloaded_name_is_no_longer_a_model_and_can_be_loaded_again()
    {
        string folder = Path.Combine(_dir, "a");
        (await PostTextAsync("/v1/load_lora_adapter", new { lora_name = "sync", lora_path = folder })).Status.Should().Be(200);
        string first = await CompleteAsync("sync");
        (await PostTextAsync("/v1/unload_lora_adapter", new { lora_name = "sync" })).Status.Should().Be(200);

        var (status, body) = await _server.PostAsync("/v1/completions", new { model = "sync", prompt = Prompt, seed = 4, max_tokens = 8 });
        status.Should().Be(400);
        ((string)body["error"]!["code"]!).Should().Be("model_not_found");
        var ids = JsonNode.Parse(await _server.Http.GetStringAsync("/v1/models"))!["data"]!.AsArray().Select(m => (string)m!["id"]!);
        ids.Should().Equal("tiny");

        (await PostTextAsync("/v1/load_lora_adapter", new { lora_name = "sync", lora_path = folder })).Status.Should().Be(200);
        try { (await CompleteAsync("sync")).Should().Be(first, "the same adapter loaded again under the same name samples the same"); }
        finally { await PostTextAsync("/v1/unload_lora_adapter", new { lora_name = "sync" }); }
    }

    [Test]
    public async Task Health_counts_the_adapters_rows_apart_from_the_bases_and_keeps_them_after_the_unload()
    {
        var before = await _server.HealthAsync();
        (await PostTextAsync("/v1/load_lora_adapter", new { lora_name = "counted", lora_path = Path.Combine(_dir, "a") })).Status.Should().Be(200);
        var (status, body) = await _server.PostAsync("/v1/completions", new { model = "counted", prompt = Prompt, n = 3, max_tokens = 4 });
        status.Should().Be(200, body.ToJsonString());
        var loaded = await _server.HealthAsync();
        (await PostTextAsync("/v1/unload_lora_adapter", new { lora_name = "counted" })).Status.Should().Be(200);
        var after = await _server.HealthAsync();

        long Rows(JsonNode health, string loop) => (long)health[loop]!["rows"]!;
        (Rows(loaded, "lora_batching") - Rows(before, "lora_batching")).Should().Be(3, "one request with n = 3 is three adapter rows");
        Rows(loaded, "batching").Should().Be(Rows(before, "batching"), "the base decoded none of them");
        Rows(after, "lora_batching").Should().Be(Rows(loaded, "lora_batching"), "an unloaded adapter's rows stay counted");
        ((int)after["lora_batching"]!["in_flight"]!).Should().Be(0);
    }

    [Test]
    public async Task Chat_completions_answer_with_the_adapter_as_model()
    {
        (await PostTextAsync("/v1/load_lora_adapter", new { lora_name = "chat", lora_path = Path.Combine(_dir, "wide") })).Status.Should().Be(200);
        try
        {
            var (status, body) = await _server.PostAsync("/v1/chat/completions",
                new { model = "chat", messages = new[] { new { role = "user", content = "hi" } }, seed = 2, max_tokens = 8 });
            status.Should().Be(200);
            ((string)body["model"]!).Should().Be("chat");
        }
        finally { await PostTextAsync("/v1/unload_lora_adapter", new { lora_name = "chat" }); }
    }

    [Test]
    public async Task Bad_loads_and_unloads_are_refused_with_the_reason()
    {
        var missing = await _server.PostAsync("/v1/load_lora_adapter", new { lora_name = "x", lora_path = Path.Combine(_dir, "nothing") });
        missing.Status.Should().Be(400);
        ((string)missing.Body["error"]!["message"]!).Should().Contain("adapter_config.json");

        var noName = await _server.PostAsync("/v1/load_lora_adapter", new { lora_path = Path.Combine(_dir, "a") });
        noName.Status.Should().Be(400);
        ((string)noName.Body["error"]!["param"]!).Should().Be("lora_name");

        (await PostTextAsync("/v1/load_lora_adapter", new { lora_name = "dup", lora_path = Path.Combine(_dir, "a") })).Status.Should().Be(200);
        try
        {
            var duplicate = await _server.PostAsync("/v1/load_lora_adapter", new { lora_name = "dup", lora_path = Path.Combine(_dir, "a") });
            duplicate.Status.Should().Be(400);
            ((string)duplicate.Body["error"]!["message"]!).Should().Contain("already been loaded");
        }
        finally { await PostTextAsync("/v1/unload_lora_adapter", new { lora_name = "dup" }); }

        var unknown = await _server.PostAsync("/v1/unload_lora_adapter", new { lora_name = "never" });
        unknown.Status.Should().Be(404);
        ((string)unknown.Body["error"]!["code"]!).Should().Be("model_not_found");
    }

    [Test]
    public async Task An_adapter_that_does_not_fit_the_base_is_refused()
    {
        string folder = Path.Combine(_dir, "misfit");
        WriteAdapter(folder, rank: 4, seed: 13);
        string weights = Path.Combine(folder, PeftAdapter.WeightsFile);
        File.WriteAllBytes(weights, File.ReadAllBytes(weights)[..64]);      // a truncated safetensors file
        var (status, body) = await _server.PostAsync("/v1/load_lora_adapter", new { lora_name = "misfit", lora_path = folder });
        status.Should().Be(400);
        ((string)body["error"]!["message"]!).Should().Contain("does not fit the base model 'tiny'");
        ((string)body["error"]!["param"]!).Should().Be("lora_path");
    }

    [Test]
    public async Task Without_EnableLora_the_endpoints_answer_400()
    {
        await using var plain = await TinyServer.StartAsync();
        var (status, body) = await plain.PostAsync("/v1/load_lora_adapter", new { lora_name = "a", lora_path = Path.Combine(_dir, "a") });
        status.Should().Be(400);
        ((string)body["error"]!["message"]!).Should().Contain("not enabled");
        (await plain.PostAsync("/v1/unload_lora_adapter", new { lora_name = "a" })).Status.Should().Be(400);
    }

    [Test]
    public async Task MaxLoras_caps_the_adapters_loaded_at_once()
    {
        await using var one = await TinyServer.StartAsync(o => (o.EnableLora, o.MaxLoras) = (true, 1));
        string folder = Path.Combine(_dir, "a");
        (await PostTextAsync("/v1/load_lora_adapter", new { lora_name = "first", lora_path = folder }, one)).Status.Should().Be(200);
        var (status, body) = await one.PostAsync("/v1/load_lora_adapter", new { lora_name = "second", lora_path = folder });
        status.Should().Be(400);
        ((string)body["error"]!["message"]!).Should().Contain("MaxLoras = 1");
        (await PostTextAsync("/v1/unload_lora_adapter", new { lora_name = "first" }, one)).Status.Should().Be(200);
        (await PostTextAsync("/v1/load_lora_adapter", new { lora_name = "second", lora_path = folder }, one)).Status.Should().Be(200,
            "an unload frees the place");
    }

    [Test]
    public async Task A_drained_decode_loop_refuses_later_requests_with_the_given_reason()
    {
        using var policy = Policy.Load(TinyServer.ModelFolder);
        var batcher = new DecodeBatcher(policy, new ServerOptions { ModelPath = "unused" }, NullLogger.Instance);
        var prompt = policy.Tokenizer.Encode(Prompt);
        var queued = new Submission([(prompt, new SamplingOptions { MaxNewTokens = 4, Seed = 1 })], null, null, CancellationToken.None);
        batcher.Enqueue(queued);
        var refusal = new InvalidOperationException("unloaded");
        await batcher.DrainAsync(refusal);
        (await queued.Results).Should().ContainSingle("a request queued before the unload is still decoded");
        var late = new Submission([(prompt, new SamplingOptions { MaxNewTokens = 4 })], null, null, CancellationToken.None);
        batcher.Enqueue(late);
        await late.Invoking(s => s.Results).Should().ThrowAsync<InvalidOperationException>().WithMessage("unloaded");
    }

    private async Task<string> CompleteAsync(string model)
    {
        var (status, body) = await _server.PostAsync("/v1/completions", new { model, prompt = Prompt, seed = 4, max_tokens = 16 });
        status.Should().Be(200, body.ToJsonString());
        ((string)body["model"]!).Should().Be(model);
        return (string)body["choices"]![0]!["text"]!;
    }

    private async Task<(int Status, string Text)> PostTextAsync(string path, object body, TinyServer? server = null)
    {
        using var response = await (server ?? _server).Http.PostAsJsonAsync(path, body);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>What the tiny policy, with the adapter in <paramref name="adapter"/> loaded (or none), samples for the test's request
    /// (through <see cref="Policy.GenerateBatch"/>, as the server's batcher does).</summary>
    private static string InProcess(string? adapter)
    {
        using var policy = Policy.Load(TinyServer.ModelFolder);
        if (adapter is not null) policy.LoadAdapter(adapter);
        var prompt = policy.Tokenizer.Encode(Prompt);
        return policy.GenerateBatch([new GenerationRequest(prompt, new SamplingOptions { MaxNewTokens = 16, Seed = 4 })])[0].Text;
    }

    private static void WriteAdapter(string folder, int rank, long seed, string[]? targets = null)
    {
        using var policy = Policy.Load(TinyServer.ModelFolder);
        policy.AddLora(new LoraOptions { Rank = rank, Alpha = 2 * rank, Dropout = 0, Seed = (int)seed, TargetModules = targets });
        using (var gen = new Generator((ulong)seed))
        using (no_grad())
        {
            foreach (var (name, p) in policy.Model.named_parameters())
                if (name.Contains(".lora_")) p.normal_(0, 0.5, gen);
        }
        policy.SaveAdapter(folder);
    }
}
