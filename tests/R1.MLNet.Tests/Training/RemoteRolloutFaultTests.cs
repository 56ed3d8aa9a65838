using R1.MLNet.Tests.Recipe;
using R1.MLNet.Training;
using R1.Rollout.Engines;
using R1.Serving;

namespace R1.MLNet.Tests.Training;

/// <summary>
/// GRPO with a remote rollout engine when things go wrong: settings that cannot work are refused at construction, a mismatched
/// server before any step, a stopped server is worked around, and with every server down the run stops cleanly at a checkpoint it
/// resumes from.
/// </summary>
[NonParallelizable]
public sealed class RemoteRolloutFaultTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Path.Combine(Path.GetTempPath(), "r1-remote-faults-" + Guid.NewGuid().ToString("N")[..8]);

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public void Overlap_with_an_in_process_engine_is_refused()
    {
        using var policy = RemoteRollouts.Create();
        var scorer = TrainingFixtures.Scorer(new DigitFractionReward());
        foreach (var engine in new IRolloutEngine?[] { null, new InProcessRolloutEngine(policy) })
        {
            var options = RemoteRollouts.Options(engine);
            options.Rollout.Overlap = true;
            var act = () => new GrpoTrainer(policy, scorer, options, TrainingFixtures.Compact);
            act.Should().Throw<ArgumentException>().WithMessage("*Rollout.Overlap needs a remote Rollout.Engine*");
        }
    }

    [Test]
    public void A_remote_engine_without_lora_or_a_reload_hook_is_refused_naming_both_fixes()
    {
        using var engine = new OpenAiCompatibleRolloutEngine(new OpenAiRolloutEngineOptions
        {
            Endpoints = [new Uri("http://127.0.0.1:9")], Model = RemoteRollouts.ModelId,
        });
        var options = RemoteRollouts.Options(engine);
        options.Lora = null;
        using var policy = RemoteRollouts.Create();
        var act = () => new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), options, TrainingFixtures.Compact);
        act.Should().Throw<ArgumentException>().WithMessage("*set GrpoOptions.Lora*GrpoOptions.Rollout.ReloadFullWeights*");
    }

    [Test]
    public async Task A_server_that_serves_another_model_fails_the_run_before_any_step()
    {
        await using var server = await RemoteRollouts.StartServerAsync();
        using var remote = RemoteRollouts.Engine("someone-else", server);
        var engine = new CountingLoraEngine(remote);
        var options = RemoteRollouts.Options(engine);
        (options.Checkpoints.Directory, options.Checkpoints.Every, options.MetricsPath) = (_dir, 1, Path.Combine(_dir, "metrics.jsonl"));
        using var policy = RemoteRollouts.Create();
        var before = PolicyWeights.Flat(policy);
        var act = () => new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), options, TrainingFixtures.Compact)
            .Train(TrainingFixtures.Prompts);
        act.Should().Throw<RolloutEngineException>().WithMessage("Model mismatch*'micro'*someone-else*");
        Directory.Exists(_dir).Should().BeFalse("nothing is written: no checkpoint, no metrics");
        (engine.Loads, engine.Generations).Should().Be((0, 0));
        PolicyWeights.Flat(policy).Should().Equal(before);
    }

    [Test]
    public async Task A_server_stopped_mid_run_is_worked_around_on_the_other()
    {
        var first = await RemoteRollouts.StartServerAsync();
        var second = await RemoteRollouts.StartServerAsync();
        await using var _ = first;
        using var engine = RemoteRollouts.Engine(first, second);
        var options = RemoteRollouts.Options(engine);
        options.Rollout.SyncEvery = 2;
        options.Progress = new Inline<GrpoStepMetrics>(m =>
        {
            if (m.Step == 1) second.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });
        using var policy = RemoteRollouts.Create();
        var result = new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), options, TrainingFixtures.Compact)
            .Train(TrainingFixtures.Prompts);
        result.StepsCompleted.Should().Be(4);
        engine.Endpoints[1].Failed.Should().BeGreaterThan(0, "step 2's requests to the stopped server failed and were retried on the other");
        engine.Endpoints[1].IsDown.Should().BeTrue("step 3's push could not reach it, so later rollouts skip it");
        engine.Endpoints[0].Completed.Should().BeGreaterThanOrEqualTo(6, "the live server took steps 2 to 4 (2 prompts each)");
    }

    [Test]
    public async Task With_every_server_down_the_run_stops_at_a_checkpoint_and_resumes_on_restarted_servers()
    {
        var servers = new[] { await RemoteRollouts.StartServerAsync(), await RemoteRollouts.StartServerAsync() };
        using var engine = RemoteRollouts.Engine(servers);
        var options = RemoteRollouts.Options(engine);
        options.Checkpoints.Directory = _dir;
        options.Progress = new Inline<GrpoStepMetrics>(m =>
        {
            if (m.Step == 2) foreach (var s in servers) s.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });
        using (var policy = RemoteRollouts.Create())
        {
            var act = () => new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), options, TrainingFixtures.Compact)
                .Train(TrainingFixtures.Prompts);
            var error = act.Should().Throw<InvalidOperationException>().Which;
            error.Message.Should().Contain("rollouts of step 3 failed").And.Contain("2 step(s) are complete")
                .And.Contain(Path.Combine(_dir, "step-000002")).And.Contain("ResumeFrom = \"latest\"");
            error.InnerException.Should().BeOfType<RolloutEngineException>();
        }
        Directory.GetDirectories(_dir, "step-*").Select(Path.GetFileName).Should().Equal("step-000002");

        await using var restarted1 = await RemoteRollouts.StartServerAsync();
        await using var restarted2 = await RemoteRollouts.StartServerAsync();
        using var again = RemoteRollouts.Engine(restarted1, restarted2);
        var resume = RemoteRollouts.Options(again);
        (resume.Checkpoints.Directory, resume.Checkpoints.ResumeFrom) = (_dir, "latest");
        using var resumed = RemoteRollouts.Create();
        var rest = new GrpoTrainer(resumed, TrainingFixtures.Scorer(new DigitFractionReward()), resume, TrainingFixtures.Compact)
            .Train(TrainingFixtures.Prompts);
        rest.StepsCompleted.Should().Be(4);
        rest.History.Select(m => m.Step).Should().Equal(3, 4);
        rest.History[0].SyncSeconds.Should().BeGreaterThan(0, "the resumed run pushes its adapter before its first step");
        RemoteRollouts.Models(restarted1).Should().Equal([RemoteRollouts.ModelId]);
    }
}
