using Microsoft.Extensions.DependencyInjection;
using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Engines;
using R1.Rollout.Lora;

namespace R1.ScaleOut.Tests;

/// <summary>
/// GRPO (LoRA) with its rollouts on two <c>r1 serve</c> processes when a process dies while a step's rollouts are in flight. π_old is
/// re-scored locally (<see cref="OldLogProbSource.Local"/>) and the processes seed each request, so a run that lost nothing ends on
/// exactly the weights of a healthy run: one process killed mid-step costs retries on the other; both killed mid-step stop the run at
/// the last completed step's checkpoint, and the resumed run (on the restarted processes) ends on those same weights; a process that
/// hangs (frozen) costs one timeout per attempt, then the run goes on without it.
/// </summary>
[NonParallelizable]
public sealed class TrainingFaultTests
{
    private const string ModelId = "tiny-char-train";
    private const int Steps = 4;
    private static readonly PromptFormat Template = new(new DelegatePromptTemplate("compact", q => $"User: {q}. Assistant:"));
    private static readonly IReadOnlyList<ReasoningExample> Prompts =
        Enumerable.Range(0, 6).Select(i => new ReasoningExample($"{i}+{i + 1}", $"{2 * i + 1}")).ToList();
    private readonly string _checkpoints = ScaleOutModels.Scratch("fault-checkpoints-" + Guid.NewGuid().ToString("N")[..6]);
    private EngineProcess? _a, _b;
    private float[] _healthy = [];

    [OneTimeSetUp]
    public async Task StartTheEnginesAndTrainOnceHealthy()
    {
        var options = new EngineProcessOptions { ModelId = ModelId };
        var a = EngineProcess.StartAsync(ScaleOutModels.CharFolder, options);
        var b = EngineProcess.StartAsync(ScaleOutModels.CharFolder, options);
        (_a, _b) = (await a, await b);
        using var engine = Engine();
        using var policy = Policy.Load(ScaleOutModels.CharFolder);
        float[] initial = PolicyWeights.Flat(policy);
        var result = Train(policy, Options(engine));
        result.StepsCompleted.Should().Be(Steps);
        _healthy = PolicyWeights.Flat(policy);
        _healthy.Should().NotEqual(initial, "the healthy run learned: the adapters moved");
    }

    [OneTimeTearDown]
    public void StopTheEngines()
    {
        _a?.Dispose();
        _b?.Dispose();
    }

    [SetUp]
    public async Task BothRunning() => await Task.WhenAll(_a!.EnsureRunningAsync(), _b!.EnsureRunningAsync());

    [Test]
    public void A_process_killed_during_a_steps_rollouts_costs_retries_on_the_other_and_the_run_ends_as_a_healthy_one()
    {
        using var engine = Engine();
        var options = Options(engine);
        Task<bool>? killer = null;
        options.Progress = new Inline<GrpoStepMetrics>(m => { if (m.Step == 1) killer = KillWhenBusyAsync(_b!); });
        using var policy = Policy.Load(ScaleOutModels.CharFolder);
        var result = Train(policy, options);

        killer!.GetAwaiter().GetResult().Should().BeTrue($"process B had step 2's requests in flight when it was killed\n{_b!.Output}");
        result.StepsCompleted.Should().Be(Steps);
        _b.IsRunning.Should().BeFalse("B stayed dead: A sampled the retries of B's step-2 requests and all of steps 3 and 4");
        PolicyWeights.Flat(policy).Should().Equal(_healthy, "every step learned from the same samples as the healthy run");
    }

    [Test]
    public void Both_processes_killed_during_a_steps_rollouts_stop_the_run_at_a_checkpoint_it_resumes_from_losing_nothing()
    {
        using (var engine = Engine())
        {
            var options = Options(engine);
            options.Checkpoints.Directory = _checkpoints;
            Task<bool>? killer = null;
            options.Progress = new Inline<GrpoStepMetrics>(m =>
            {
                if (m.Step == 2) killer = KillWhenBusyAsync(_a!, _b!);
            });
            using var policy = Policy.Load(ScaleOutModels.CharFolder);
            var act = () => Train(policy, options);
            var error = act.Should().Throw<InvalidOperationException>().Which;
            killer!.GetAwaiter().GetResult().Should().BeTrue("a process had step 3's requests in flight when both were killed");
            error.Message.Should().Contain("rollouts of step 3 failed").And.Contain(Path.Combine(_checkpoints, "step-000002"))
                .And.Contain("ResumeFrom = \"latest\"");
            error.InnerException.Should().BeOfType<RolloutEngineException>();
        }

        Task.WhenAll(_a!.RestartAsync(), _b!.RestartAsync()).GetAwaiter().GetResult();
        using var again = Engine();
        var resume = Options(again);
        (resume.Checkpoints.Directory, resume.Checkpoints.ResumeFrom) = (_checkpoints, "latest");
        using var resumed = Policy.Load(ScaleOutModels.CharFolder);
        var rest = Train(resumed, resume);
        rest.History.Select(m => m.Step).Should().Equal(3, 4);
        PolicyWeights.Flat(resumed).Should().Equal(_healthy, "the resumed run ends on the healthy run's weights");
    }

    [Test]
    public void A_process_that_hangs_mid_run_times_out_per_attempt_and_the_run_ends_as_a_healthy_one()
    {
        using var engine = Engine(timeout: TimeSpan.FromSeconds(2));
        var options = Options(engine);
        options.Progress = new Inline<GrpoStepMetrics>(m => { if (m.Step == 1) _b!.Freeze(); });
        using var policy = Policy.Load(ScaleOutModels.CharFolder);
        try
        {
            var result = Train(policy, options);
            result.StepsCompleted.Should().Be(Steps);
            result.History.Skip(1).Sum(m => m.SyncSeconds + m.RolloutSeconds).Should().BeGreaterThan(2,
                "at least one attempt on the hung process waited out its 2 s timeout before going to the other");
            PolicyWeights.Flat(policy).Should().Equal(_healthy, "every step learned from the same samples as the healthy run");
        }
        finally { _b!.Resume(); }
    }

    private OpenAiCompatibleRolloutEngine Engine(TimeSpan? timeout = null)
    {
        var options = Rollouts.Options(ModelId, _a!.BaseAddress, _b!.BaseAddress);
        options.MaxConcurrencyPerEndpoint = 2;
        if (timeout is { } t) options.Timeout = t;
        return new OpenAiCompatibleRolloutEngine(options);
    }

    private static GrpoOptions Options(IRolloutEngine engine) => new()
    {
        MaxSteps = Steps, PromptsPerStep = 4, NumGenerations = 4, Seed = 13,
        Sampling = { MaxNewTokens = 24 },
        Optimizer = { LearningRate = 2e-2 },
        Lora = new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0, Seed = 5 },
        Rollout = { Engine = engine, OldLogProbs = OldLogProbSource.Local },
    };

    private static GrpoResult Train(Policy policy, GrpoOptions options)
    {
        var rewards = new ServiceCollection().AddReasoningRewards(b => b.Add(new DigitFractionReward()))
            .BuildServiceProvider().GetRequiredService<IRewardScorer>();
        return new GrpoTrainer(policy, rewards, options, Template).Train(Prompts);
    }

    /// <summary>In the background: polls until one of <paramref name="engines"/> has a request in flight, then kills them all.</summary>
    private static Task<bool> KillWhenBusyAsync(params EngineProcess[] engines) => Task.Run(async () =>
    {
        for (var end = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < end; await Task.Delay(1))
        {
            foreach (var engine in engines)
            {
                if (await engine.InFlightAsync() == 0) continue;
                foreach (var e in engines) e.Kill();
                return true;
            }
        }
        return false;
    });
}
