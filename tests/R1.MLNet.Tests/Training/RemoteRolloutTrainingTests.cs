using R1.MLNet.Tests.Recipe;
using R1.MLNet.Tests.TestSupport;
using R1.MLNet.Training;
using R1.Rollout;
using R1.Rollout.Engines;
using R1.Rollout.Generation;
using R1.Rollout.Lora;
using R1.Rollout.Scoring;
using R1.Serving;
using TorchSharp;
using static TorchSharp.torch;

namespace R1.MLNet.Tests.Training;

/// <summary>
/// GRPO with its rollouts on two OpenAI-compatible servers (the project's, in this process, LoRA enabled): the adapters are pushed as
/// <c>step-N</c> and retired, <c>SyncEvery</c> and <c>Overlap</c> set the policy lag, π_old comes from the engine at temperature 1 and
/// from local re-scoring otherwise, full fine-tuning goes through the reload hook.
/// </summary>
[NonParallelizable]
public sealed class RemoteRolloutTrainingTests
{
    private RunningServer _first = null!, _second = null!;

    [OneTimeSetUp]
    public async Task StartServers()
    {
        _first = await RemoteRollouts.StartServerAsync();
        _second = await RemoteRollouts.StartServerAsync();
    }

    [OneTimeTearDown]
    public async Task StopServers()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Test]
    public void Lora_grpo_on_two_servers_pushes_each_steps_adapter_and_retires_the_previous_one()
    {
        using var remote = RemoteRollouts.Engine(_first, _second);
        var engine = new CountingLoraEngine(remote);
        var options = RemoteRollouts.Options(engine);
        var listed = new List<(List<string> First, List<string> Second)>();
        options.Progress = new Inline<GrpoStepMetrics>(_ => listed.Add((RemoteRollouts.Models(_first), RemoteRollouts.Models(_second))));
        using var policy = RemoteRollouts.Create();
        var result = new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), options, TrainingFixtures.Compact)
            .Train(TrainingFixtures.Prompts);

        result.StepsCompleted.Should().Be(4);
        for (int k = 0; k < 4; k++)
        {
            listed[k].First.Should().Equal(RemoteRollouts.ModelId, $"step-{k}");
            listed[k].Second.Should().Equal(RemoteRollouts.ModelId, $"step-{k}");
        }
        RemoteRollouts.Models(_first).Should().Equal(RemoteRollouts.ModelId);
        RemoteRollouts.Models(_second).Should().Equal([RemoteRollouts.ModelId], "the run unloads its adapters at the end");
        engine.Loads.Should().Be(4, "one push before each step (none after the last)");
        engine.LoadedFolders.Should().OnlyContain(f => !Directory.Exists(f), "the temporary sync folder is removed at the end");
        engine.Adapter.Should().BeNull("the engine gets its own adapter setting back");
        remote.Endpoints.Should().OnlyContain(e => e.Completed > 0, "both servers sampled");
        result.History.Should().OnlyContain(m => m.PolicyLag == 0 && m.SyncSeconds > 0 && m.RolloutOverlapSeconds == 0 && !m.Skipped);
        result.History.Should().OnlyContain(m => m.ClipFraction == 0,
            "on-policy at temperature 1 the engine's π_old equals the trained policy's log-probs, so the ratio is 1 (within rounding)");
        result.History[^1].Kl.Should().BeGreaterThan(0, "the adapters learned");
    }

    [Test]
    public void SyncEvery_2_pushes_half_as_often_and_lags_every_other_step()
    {
        using var remote = RemoteRollouts.Engine(_first, _second);
        var engine = new CountingLoraEngine(remote);
        var options = RemoteRollouts.Options(engine);
        options.Rollout.SyncEvery = 2;
        using var policy = RemoteRollouts.Create();
        var result = new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), options, TrainingFixtures.Compact)
            .Train(TrainingFixtures.Prompts);
        result.History.Select(m => m.PolicyLag).Should().Equal(0, 1, 0, 1);
        engine.Loads.Should().Be(2, "pushes before steps 1 and 3, half of SyncEvery = 1's four");
        result.History.Select(m => m.SyncSeconds > 0).Should().Equal(true, false, true, false);
        result.History.Where(m => m.PolicyLag == 1).Should().Contain(m => m.ClipFraction > 0 || m.Loss != 0,
            "a lagged step learns from the engine's older π_old");
    }

    /// <summary>
    /// Full fine-tuning with a reload hook that restarts both servers on each pushed folder, so the servers really sample with the trained
    /// weights (LoRA on the frozen random micro base learns too slowly to show in a few steps). Measured: the digit fraction goes
    /// 0.082 → 0.132 in 20 steps with overlap (10-30% of the tokens clipped: the lag of one step at lr 1e-2), 0.082 → 0.161 in 12
    /// steps without.
    /// </summary>
    [Test]
    public async Task Overlap_generates_the_next_step_while_this_one_learns_one_step_behind_and_still_learns()
    {
        await using var servers = await RestartingServers.StartAsync(2);
        using var remote = RemoteRollouts.Engine(servers.Current.ToArray());
        var options = RemoteRollouts.Options(remote, steps: 20);
        (options.Lora, options.PromptsPerStep, options.NumGenerations, options.Optimizer.LearningRate) = (null, 4, 8, 1e-2);
        options.Sampling.MaxNewTokens = 16;
        options.Rollout.Overlap = true;
        options.Rollout.ReloadFullWeights = (folder, _) => servers.RestartAsync(folder);
        using var policy = RemoteRollouts.Create();
        var result = new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), options, TrainingFixtures.Compact)
            .Train(TrainingFixtures.Prompts);
        var h = result.History;
        TestContext.Out.WriteLine($"overlap: rewards {string.Join(" ", h.Select(m => m.RewardMean.ToString("F3")))}; " +
                                  $"hidden {result.TotalRolloutOverlapSeconds:F2}s, sync {result.TotalSyncSeconds:F2}s");
        servers.Restarts.Should().Be(20, "a push before each step");
        h[0].PolicyLag.Should().Be(0);
        h.Skip(1).Should().OnlyContain(m => m.PolicyLag == 1, "each step learns from rollouts sampled before the previous update");
        h[0].RolloutOverlapSeconds.Should().Be(0);
        result.TotalRolloutOverlapSeconds.Should().BeGreaterThan(0);
        h.TakeLast(3).Average(m => m.RewardMean).Should().BeGreaterThan(h.Take(3).Average(m => m.RewardMean) + 0.02, "the reward rises");
        h.Skip(1).Should().Contain(m => m.ClipFraction > 0, "π_old is the engine's, one update behind, so the ratio moves");
    }

    [Test]
    public async Task At_temperature_1_the_engines_log_probs_of_a_pushed_adapter_equal_local_rescoring()
    {
        using var policy = RemoteRollouts.Create();
        policy.AddLora(new LoraOptions { Rank = 4, Dropout = 0 });
        using (var gen = new Generator(3))
        using (no_grad())
            foreach (var (name, p) in policy.Model.named_parameters())
                if (name.Contains(".lora_")) p.normal_(0, 0.3, gen);
        string folder = Path.Combine(Path.GetTempPath(), "r1-remote-logp-" + Guid.NewGuid().ToString("N")[..8]);
        policy.SaveAdapter(folder);
        using var engine = RemoteRollouts.Engine(_first, _second);
        await engine.LoadAdapterAsync("direct", folder);
        try
        {
            engine.Adapter = "direct";
            var sampler = new CompletionSampler(policy, TrainingFixtures.Compact);
            var sampling = new SamplingOptions { MaxNewTokens = 10, Temperature = 1, TopP = 1, Seed = 4 };
            var results = (await sampler.SampleGroupsAsync(engine, TrainingFixtures.Prompts.Select(p => p.Prompt).ToList(), 3, sampling, default))
                .SelectMany(g => g).Select(c => c.Generation).ToList();
            using var scope = NewDisposeScope();
            using var batch = ScoringBatch.Build(results.Select(r => r.PromptIds).ToList(), results.Select(r => r.CompletionIds).ToList(),
                policy.Tokenizer.PadId, policy.Device);
            var (engineLogp, mask) = EngineLogProbs.Build(results, batch, batch.CompletionMask);
            using var noGrad = no_grad();
            var local = LogProbScorer.Compute(policy.Model, batch, 1.0).LogProbs;
            double maxDiff = ((engineLogp - local).abs() * mask).max().ToDouble();
            TestContext.Out.WriteLine($"max |engine - local| log-prob: {maxDiff:E2} over {mask.sum().ToDouble()} tokens");
            mask.sum().ToDouble().Should().Be(batch.CompletionMask.sum().ToDouble(), "every token has a reported log-prob");
            maxDiff.Should().BeLessThan(1e-3);
            using var baseLogp = policy.DisableAdapters();
            ((LogProbScorer.Compute(policy.Model, batch, 1.0).LogProbs - engineLogp).abs() * mask).max().ToDouble()
                .Should().BeGreaterThan(1e-2, "the servers sampled with the adapter, not the base");
        }
        finally
        {
            await engine.UnloadAdapterAsync("direct");
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestCase(0.7, "local re-scoring (Local)")]
    [TestCase(1.0, "the engine's log-probs")]
    public void OldLogProbs_Auto_takes_the_engines_log_probs_only_at_temperature_1(double temperature, string expected)
    {
        using var engine = RemoteRollouts.Engine(_first, _second);
        var options = RemoteRollouts.Options(engine, steps: 1);
        options.Sampling.Temperature = temperature;
        var log = new ListLogger();
        using var policy = RemoteRollouts.Create();
        new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), options, TrainingFixtures.Compact, log)
            .Train(TrainingFixtures.Prompts).StepsCompleted.Should().Be(1);
        log.Lines.Where(l => l.StartsWith("Information: GRPO: pi_old from", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().Contain(expected).And.Contain("Auto");
    }

    [Test]
    public void Full_fine_tuning_reloads_the_engine_from_a_loadable_folder_at_each_push()
    {
        using var engine = RemoteRollouts.Engine(_first, _second);
        var options = RemoteRollouts.Options(engine, steps: 3);
        options.Lora = null;
        options.Optimizer.LearningRate = 1e-3;
        using var policy = RemoteRollouts.Create();
        var reloads = new List<(string Folder, bool SameWeights)>();
        options.Rollout.ReloadFullWeights = (folder, _) =>
        {
            using var loaded = Policy.Load(folder);
            reloads.Add((folder, PolicyWeights.Flat(loaded).SequenceEqual(PolicyWeights.Flat(policy))));
            return Task.CompletedTask;
        };
        var initial = PolicyWeights.Flat(policy);
        var result = new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), options, TrainingFixtures.Compact)
            .Train(TrainingFixtures.Prompts);
        reloads.Should().HaveCount(3, "a push before each step");
        reloads.Should().OnlyContain(r => r.SameWeights, "each folder holds the policy as it was at that push");
        reloads.Select(r => Path.GetFileName(r.Folder)).Should().Equal("step-0", "step-1", "step-2");
        result.History.Should().OnlyContain(m => m.SyncSeconds > 0);
        PolicyWeights.Flat(policy).Should().NotEqual(initial);
    }
}
