using System.Text.Json.Nodes;
using R1.Rollout.Engines;
using R1.Rollout.Generation;
using R1.Rollout.Lora;
using static TorchSharp.torch;

namespace R1.Rollout.Tests.Engines;

/// <summary>
/// <see cref="ILoraRolloutEngine"/> on the remote engine against the project's server with <c>EnableLora</c>: adapters load on every
/// endpoint, rollouts sample with the one in <see cref="ILoraRolloutEngine.Adapter"/>, an unreachable endpoint is skipped until a
/// later load reaches it, and a server without LoRA gives an error that says how to enable it.
/// </summary>
public sealed class LoraRolloutEngineTests
{
    private static readonly SamplingOptions Sampling = new() { MaxNewTokens = 12, Seed = 5, Temperature = 1, TopP = 1 };
    private string _dir = "";

    [OneTimeSetUp]
    public void WriteAdapter()
    {
        _dir = Path.Combine(Path.GetTempPath(), "r1-engine-lora-" + Guid.NewGuid().ToString("N")[..8]);
        using var policy = Policy.Load(EngineFixtures.ModelFolder);
        policy.AddLora(new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0, Seed = 1 });
        using (var gen = new Generator(7))
        using (no_grad())
            foreach (var (name, p) in policy.Model.named_parameters())
                if (name.Contains(".lora_")) p.normal_(0, 0.5, gen);
        policy.SaveAdapter(Path.Combine(_dir, "a"));
    }

    [OneTimeTearDown]
    public void CleanUp() => Directory.Delete(_dir, recursive: true);

    private string Folder => Path.Combine(_dir, "a");

    [Test]
    public async Task A_loaded_adapter_is_on_every_endpoint_and_rollouts_sample_with_it_until_it_is_unloaded()
    {
        await using var first = await EngineFixtures.StartServerAsync(enableLora: true);
        await using var second = await EngineFixtures.StartServerAsync(enableLora: true);
        using var engine = new OpenAiCompatibleRolloutEngine(EngineFixtures.Options(first.BaseAddress, second.BaseAddress));
        var prompts = Enumerable.Range(0, 4).Select(i => (IReadOnlyList<int>)[3 + i, 4 + i]).ToList();
        var baseline = Texts(await engine.GenerateGroupsAsync(prompts, 2, Sampling));

        await engine.LoadAdapterAsync("step-1", Folder);
        (await Models(first)).Should().Equal("tiny", "step-1");
        (await Models(second)).Should().Equal("tiny", "step-1");
        engine.Adapter = "step-1";
        var adapted = Texts(await engine.GenerateGroupsAsync(prompts, 2, Sampling));
        adapted.Should().NotEqual(baseline, "the adapter's B is non-zero, so the samples change");

        using var local = Policy.Load(EngineFixtures.ModelFolder);
        local.LoadAdapter(Folder);
        var expected = await new InProcessRolloutEngine(local, seedPerSample: true).GenerateGroupsAsync(prompts, 2, Sampling);
        adapted.Should().Equal(Texts(expected), "each server samples as the policy with that adapter loaded");

        await engine.UnloadAdapterAsync("step-1");
        (await Models(first)).Should().Equal("tiny");
        (await Models(second)).Should().Equal("tiny");
        engine.Adapter = null;
        Texts(await engine.GenerateGroupsAsync(prompts, 2, Sampling)).Should().Equal(baseline);
        await engine.UnloadAdapterAsync("step-1");                 // not loaded any more: nothing to do
    }

    [Test]
    public async Task A_server_without_lora_gives_its_reason_and_how_to_enable_it()
    {
        await using var plain = await EngineFixtures.StartServerAsync();
        using var engine = new OpenAiCompatibleRolloutEngine(EngineFixtures.Options(plain.BaseAddress));
        var error = (await engine.Invoking(e => e.LoadAdapterAsync("step-1", Folder)).Should().ThrowAsync<RolloutEngineException>()).Which;
        error.Message.Should().Contain(plain.BaseAddress.Authority).And.Contain("not enabled").And.Contain("--enable-lora")
            .And.Contain("VLLM_ALLOW_RUNTIME_LORA_UPDATING=True");
        error.IsTransient.Should().BeFalse();
    }

    [Test]
    public async Task An_unreachable_endpoint_is_skipped_until_a_later_load_reaches_it()
    {
        var closed = EngineFixtures.ClosedPortUrl();
        await using var up = await EngineFixtures.StartServerAsync(enableLora: true);
        using var engine = new OpenAiCompatibleRolloutEngine(EngineFixtures.Options(closed, up.BaseAddress));
        await engine.LoadAdapterAsync("a1", Folder);
        engine.Endpoints[0].IsDown.Should().BeTrue();
        engine.Adapter = "a1";
        var prompts = Enumerable.Range(0, 4).Select(i => (IReadOnlyList<int>)[1 + i]).ToList();
        (await engine.GenerateGroupsAsync(prompts, 2, Sampling)).Should().HaveCount(4);
        engine.Endpoints[0].Failed.Should().Be(0, "a down endpoint is not even tried");
        engine.Endpoints[1].Completed.Should().Be(4);

        await using var back = await EngineFixtures.StartServerAsync(enableLora: true, url: closed);
        await engine.LoadAdapterAsync("a2", Folder);
        engine.Endpoints[0].IsDown.Should().BeFalse("the load reached it");
        engine.Adapter = "a2";
        var many = Enumerable.Range(0, 8).Select(i => (IReadOnlyList<int>)[1 + i]).ToList();
        (await engine.GenerateGroupsAsync(many, 2, Sampling)).Should().HaveCount(8);
        engine.Endpoints[0].Completed.Should().BeGreaterThan(0, "it is admitted again");
        (await Models(back)).Should().Equal("tiny", "a2");
    }

    [Test]
    public async Task When_no_endpoint_takes_the_adapter_the_error_names_them()
    {
        var (a, b) = (EngineFixtures.ClosedPortUrl(), EngineFixtures.ClosedPortUrl());
        var options = EngineFixtures.Options(a, b);
        options.MaxRetries = 1;
        using var engine = new OpenAiCompatibleRolloutEngine(options);
        var error = (await engine.Invoking(e => e.LoadAdapterAsync("x", Folder)).Should().ThrowAsync<RolloutEngineException>()).Which;
        error.Message.Should().Contain("No endpoint took the LoRA adapter 'x'").And.Contain(a.Authority).And.Contain(b.Authority);
        error.IsTransient.Should().BeTrue();
        engine.Endpoints.Should().OnlyContain(e => e.IsDown);
    }

    private static List<string> Texts(IReadOnlyList<IReadOnlyList<GenerationResult>> groups) =>
        groups.SelectMany(g => g).Select(r => string.Join(",", r.CompletionIds)).ToList();

    private static async Task<List<string>> Models(Serving.RunningServer server)
    {
        using var http = new HttpClient();
        var json = JsonNode.Parse(await http.GetStringAsync(new Uri(server.BaseAddress, "/v1/models")))!;
        return json["data"]!.AsArray().Select(m => (string)m!["id"]!).ToList();
    }
}
