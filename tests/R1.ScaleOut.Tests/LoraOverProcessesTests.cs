using R1.Rollout;
using R1.Rollout.Engines;
using R1.Rollout.Generation;
using R1.Rollout.Lora;
using static TorchSharp.torch;

namespace R1.ScaleOut.Tests;

/// <summary>
/// The LoRA sync path of a remote trainer, over processes: a PEFT adapter folder (written by <see cref="Policy.SaveAdapter"/>
/// from the policy with perturbed adapters) is loaded into both engines through <c>/v1/load_lora_adapter</c>, and rollouts with
/// the adapter's name as <c>model</c> decode as the in-process policy with that adapter; the base id still decodes the base.
/// </summary>
[TestFixture]
public sealed class LoraOverProcessesTests
{
    private const string Adapter = "step-1";
    private static readonly SamplingOptions Greedy = new() { MaxNewTokens = 12, Temperature = 0 };
    private Policy _policy = null!;
    private EngineProcess _a = null!, _b = null!;

    [OneTimeSetUp]
    public async Task LoadTheAdapterIntoBothProcesses()
    {
        _policy = Policy.Load(ScaleOutModels.QwenFolder);
        _policy.AddLora(new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0, Seed = 21 });
        using (var gen = new Generator(21))
        using (no_grad())
        {
            foreach (var (name, p) in _policy.Model.named_parameters())
                if (name.Contains(".lora_")) p.normal_(0, 0.5, gen);   // a trained-looking adapter: B is no longer zero
        }
        string folder = ScaleOutModels.Scratch("adapter-" + Adapter);
        _policy.SaveAdapter(folder);
        (_a, _b) = await SharedEngines.StartAsync();
        await Task.WhenAll(_a.LoadLoraAdapterAsync(Adapter, folder), _b.LoadLoraAdapterAsync(Adapter, folder));
    }

    [OneTimeTearDown]
    public async Task UnloadAndDispose()
    {
        foreach (var e in new[] { _a, _b }.Where(e => e is { IsRunning: true }))
            await e.UnloadLoraAdapterAsync(Adapter);
        _policy.Dispose();
    }

    [Test]
    public async Task Greedy_rollouts_with_the_adapter_name_equal_the_in_process_policy_with_the_adapter_on_each_process()
    {
        var prompts = Rollouts.Prompts(_policy.Tokenizer, 4);
        var local = await new InProcessRolloutEngine(_policy, seedPerSample: true).GenerateGroupsAsync(prompts, 1, Greedy);
        // One engine per process, then both together.
        foreach (var endpoints in new[] { [_a.BaseAddress], [_b.BaseAddress], new[] { _a.BaseAddress, _b.BaseAddress } })
        {
            using var engine = new OpenAiCompatibleRolloutEngine(Rollouts.Options(Adapter, endpoints));
            Rollouts.ShouldMatch(await engine.GenerateGroupsAsync(prompts, 1, Greedy), local, tolerance: 1e-3f);
        }
    }

    [Test]
    public async Task The_base_id_still_decodes_the_base_and_the_adapter_changes_the_rollouts()
    {
        var prompts = Rollouts.Prompts(_policy.Tokenizer, 4);
        using var baseEngine = new OpenAiCompatibleRolloutEngine(Rollouts.Options(ScaleOutModels.QwenId, _a.BaseAddress, _b.BaseAddress));
        using var adapted = new OpenAiCompatibleRolloutEngine(Rollouts.Options(Adapter, _a.BaseAddress, _b.BaseAddress));
        var remoteBase = await baseEngine.GenerateGroupsAsync(prompts, 1, Greedy);
        var remoteAdapted = await adapted.GenerateGroupsAsync(prompts, 1, Greedy);

        IReadOnlyList<IReadOnlyList<GenerationResult>> localBase;
        using (_policy.DisableAdapters())
            localBase = await new InProcessRolloutEngine(_policy, seedPerSample: true).GenerateGroupsAsync(prompts, 1, Greedy);
        Rollouts.ShouldMatch(remoteBase, localBase, tolerance: 1e-3f);
        remoteAdapted.Select(g => string.Join(",", g[0].CompletionIds))
            .Should().NotEqual(remoteBase.Select(g => string.Join(",", g[0].CompletionIds)), "the adapter's B is not zero");
    }
}
