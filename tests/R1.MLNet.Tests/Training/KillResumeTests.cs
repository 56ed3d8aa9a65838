using System.Diagnostics;
using R1.MLNet.Training;

namespace R1.MLNet.Tests.Training;

/// <summary>
/// A real <c>kill -9</c>: a child process (R1.CheckpointCrashHost) trains with a checkpoint every step and is killed with
/// SIGKILL; <c>ResumeFrom = "latest"</c> then continues from the last complete checkpoint and ends with the weights of the
/// uninterrupted run.
/// </summary>
[NonParallelizable]
public class KillResumeTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Path.Combine(Path.GetTempPath(), "r1-kill-tests-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public void Killed_after_a_checkpoint_resumes_from_the_last_complete_one()
    {
        int lastStep = KillWhen(() => File.Exists(Path.Combine(_dir, "step-000001", CheckpointManifest.FileName)));
        AssertResumes(lastStep);
    }

    [Test]
    public void Killed_while_writing_a_checkpoint_never_loads_the_partial_one()
    {
        int lastStep = KillWhen(() => Directory.GetDirectories(_dir, ".tmp-step-000002-*").Any(d => File.Exists(Path.Combine(d, "WRITING"))),
            slowStep: 2);
        Directory.Exists(Path.Combine(_dir, "step-000002")).Should().BeFalse("the process died before the rename");
        Directory.GetDirectories(_dir, ".tmp-step-*").Should().NotBeEmpty("the partial write is still on disk");
        var resumedFrom = AssertResumes(lastStep);
        resumedFrom.Should().Be(1);
        Directory.GetDirectories(_dir, ".tmp-step-*").Should().BeEmpty("the resumed run removes the partial write");
    }

    /// <summary>Runs the child until <paramref name="condition"/> holds, kills it with SIGKILL, and returns the last step it printed.</summary>
    private int KillWhen(Func<bool> condition, int slowStep = 0)
    {
        string host = Path.Combine(AppContext.BaseDirectory, "R1.CheckpointCrashHost.dll");
        string config = Path.Combine(AppContext.BaseDirectory, "R1.CheckpointCrashHost.runtimeconfig.json");
        if (!File.Exists(config)) config = Path.Combine(AppContext.BaseDirectory, "R1.MLNet.Tests.runtimeconfig.json");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "exec", "--runtimeconfig", config, "--depsfile", Path.Combine(AppContext.BaseDirectory, "R1.MLNet.Tests.deps.json"),
                     host, _dir, slowStep.ToString(), "60000" })
            start.ArgumentList.Add(a);
        int lastStep = 0;
        var stderr = new System.Text.StringBuilder();
        using var child = new Process { StartInfo = start };
        child.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("step ", StringComparison.Ordinal)) Volatile.Write(ref lastStep, int.Parse(line[5..]));
        };
        child.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        child.Start();
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (!(Directory.Exists(_dir) && condition()))
        {
            if (child.HasExited) Assert.Fail($"The child exited ({child.ExitCode}) before the kill point: {stderr}");
            if (clock.Elapsed > TimeSpan.FromMinutes(2)) { child.Kill(); Assert.Fail("The child never reached the kill point."); }
            Thread.Sleep(5);
        }
        child.Kill(entireProcessTree: true);                                          // SIGKILL on Unix: no clean-up runs
        child.WaitForExit();
        return Volatile.Read(ref lastStep);
    }

    /// <summary>Resumes in this process, checks it lost at most one interval and matches the uninterrupted run; returns the resumed step.</summary>
    private int AssertResumes(int lastStepSeen)
    {
        string latest = TrainerCheckpoint.Latest(_dir)!;
        latest.Should().NotBeNull();
        int from = TrainerCheckpoint.Verify(latest).State.Step;
        from.Should().BeGreaterThanOrEqualTo(Math.Max(1, lastStepSeen - 1), "at most one checkpoint interval is lost");

        var scorer = TrainingFixtures.Scorer(new DigitFractionReward());
        using var resumed = TrainingFixtures.Create(seed: 77);
        var rest = new GrpoTrainer(resumed, scorer, KillResumeRun.Options(_dir, resume: true), TrainingFixtures.Compact)
            .Train(TrainingFixtures.Prompts);
        rest.History.First().Step.Should().Be(from + 1);
        rest.StepsCompleted.Should().Be(KillResumeRun.Steps);

        using var straight = TrainingFixtures.Create(seed: 1);
        new GrpoTrainer(straight, scorer, KillResumeRun.Options(null, resume: false), TrainingFixtures.Compact).Train(TrainingFixtures.Prompts);
        PolicyWeights.Flat(resumed).Should().Equal(PolicyWeights.Flat(straight), "the resumed run continues bit-exactly");
        return from;
    }
}
