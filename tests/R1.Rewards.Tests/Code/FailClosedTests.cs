using R1.Rewards.Abstractions;
using R1.Rewards.Code;
using R1.Rewards.Tests.Composition;

namespace R1.Rewards.Tests.Code;

/// <summary>
/// Without a working bubblewrap no code runs: the reward scores "not applicable" with the reason and logs an error, or the
/// executor throws when created. Auto never falls back to running without isolation.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class FailClosedTests
{
    private static readonly string NoBwrap = "/nonexistent-r1-" + Guid.NewGuid().ToString("N");

    /// <summary>A program that leaves a file on the host if it ever runs without isolation.</summary>
    private static (RewardSample Sample, string Marker) Escapee()
    {
        string marker = Path.Combine(Path.GetTempPath(), "r1-unsandboxed-" + Guid.NewGuid().ToString("N"));
        var sample = new RewardSample
        {
            Prompt = "p", Completion = $"```python\nopen('{marker}', 'w').write('ran')\ndef f(): return 1\n```", Tests = "assert f() == 1",
        };
        return (sample, marker);
    }

    [TestCase(SandboxMode.Auto)]
    [TestCase(SandboxMode.Bubblewrap)]
    public async Task Without_bwrap_on_the_path_code_scores_not_applicable_logs_an_error_and_never_runs(SandboxMode mode)
    {
        using var logs = new ListLoggerProvider();
        var options = new CodeExecutionOptions { Sandbox = mode, MaxParallelProcesses = 1 };
        using var executor = new LocalProcessExecutor(options, logs.CreateLogger("code"), searchPath: NoBwrap);
        var reward = new CodeExecutionReward(options, executor);
        var (sample, marker) = Escapee();

        var score = (await reward.ScoreAsync([sample]))[0];

        score.IsApplicable.Should().BeFalse();
        score.Diagnostic.Should().Contain("sandbox unavailable: bubblewrap (bwrap) is not installed")
            .And.Contain("never run without isolation");
        executor.EffectiveMode.Should().Be(SandboxMode.Bubblewrap, "Auto must not fall back to UnsafeNoIsolation");
        logs.Lines.Should().ContainSingle(l => l.StartsWith("Error code: Code reward: sandbox unavailable", StringComparison.Ordinal));
        File.Exists(marker).Should().BeFalse("the program must not have run");
    }

    [Test]
    public void The_throw_option_fails_when_the_executor_is_created()
    {
        var options = new CodeExecutionOptions { WhenSandboxUnavailable = SandboxUnavailableBehavior.Throw, MaxParallelProcesses = 1 };

        var act = () => new LocalProcessExecutor(options, logger: null, searchPath: NoBwrap);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("Code reward: sandbox unavailable: bubblewrap (bwrap) is not installed; code is never run without isolation*"
                + "UnsafeNoIsolation*");
    }

    [Test]
    public async Task A_bwrap_that_cannot_create_the_sandbox_fails_closed_too()
    {
        var dir = Directory.CreateTempSubdirectory("r1-fake-bwrap-");
        try
        {
            string fake = Path.Combine(dir.FullName, "bwrap");
            await File.WriteAllTextAsync(fake, "#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n");
            File.SetUnixFileMode(fake, (UnixFileMode)0b111_101_101);
            var options = new CodeExecutionOptions { MaxParallelProcesses = 1 };
            using var executor = new LocalProcessExecutor(options, logger: null, searchPath: dir.FullName);
            var (sample, marker) = Escapee();

            var score = (await new CodeExecutionReward(options, executor).ScoreAsync([sample]))[0];

            score.IsApplicable.Should().BeFalse();
            score.Diagnostic.Should().Contain("bubblewrap cannot create the sandbox here (exit 1: bwrap: No permissions to create new namespace)");
            File.Exists(marker).Should().BeFalse();
            var throwing = () => new LocalProcessExecutor(new CodeExecutionOptions { WhenSandboxUnavailable = SandboxUnavailableBehavior.Throw },
                logger: null, searchPath: dir.FullName);
            throwing.Should().Throw<InvalidOperationException>().WithMessage("*cannot create the sandbox*");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public void A_judge_that_cannot_protect_itself_is_not_applicable_but_only_before_the_tests_start()
    {
        var before = HarnessReport.Parse("N", "N SANDBOX no prctl\nN TESTS 1\nN RESULT 0 PASS\nN DONE\n");
        var after = HarnessReport.Parse("N", "N TESTS 1\nN SANDBOX no prctl\nN RESULT 0 FAIL x\nN DONE\n");

        before.ToResult(0, false, "", TimeSpan.Zero, TimeSpan.FromSeconds(1)).Should()
            .Be(new CodeExecutionResult(CodeExecutionOutcome.SandboxError, 0, 0, "the harness cannot run safely: no prctl", TimeSpan.Zero));
        after.ToResult(0, false, "", TimeSpan.Zero, TimeSpan.FromSeconds(1)).Outcome.Should().Be(CodeExecutionOutcome.Completed);
    }

    [Test]
    public async Task Running_without_isolation_needs_the_explicit_unsafe_mode()
    {
        var options = new CodeExecutionOptions { Sandbox = SandboxMode.UnsafeNoIsolation, MaxParallelProcesses = 1 };
        using var logs = new ListLoggerProvider();
        using var executor = new LocalProcessExecutor(options, logs.CreateLogger("code"), searchPath: NoBwrap);
        var (sample, marker) = Escapee();
        try
        {
            var score = (await new CodeExecutionReward(options, executor).ScoreAsync([sample]))[0];

            score.Value.Should().Be(1);
            executor.EffectiveMode.Should().Be(SandboxMode.UnsafeNoIsolation);
            File.Exists(marker).Should().BeTrue("without isolation the program reaches the host: that is what the name warns of");
            logs.Lines.Should().Contain(l => l.StartsWith("Warning code: Code reward: sandbox mode UnsafeNoIsolation", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(marker);
        }
    }
}
