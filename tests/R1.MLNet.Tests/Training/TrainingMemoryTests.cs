using System.Diagnostics;
using R1.MLNet.Training;
using TorchSharp;

namespace R1.MLNet.Tests.Training;

/// <summary>
/// A long GRPO run must not leak: live tensors stay exactly flat and the process's resident memory stays bounded. Tensors are counted
/// on the training thread (<c>DisposeScopeManager.Statistics.ThreadTotalLiveCount</c>): <c>Tensor.TotalCount</c> is process-wide, and
/// other tests' background work moves it mid-run.
/// </summary>
public class TrainingMemoryTests
{
    private static GrpoOptions Options(int steps) => new()
    {
        MaxSteps = steps, PromptsPerStep = 2, NumGenerations = 4, NumIterations = 2, GradientAccumulationSteps = 2, Seed = 5,
        Sampling = { MaxNewTokens = 8 },
        Optimizer = { LearningRate = 1e-3 },
    };

    [Test]
    public void Live_tensors_stay_flat_over_a_GRPO_run() => Run(steps: 30, warmup: 5, maxRssGrowthMb: 64);

    [Test, Explicit("long: 300 GRPO steps (run with --filter Category=LongRun)"), Category("LongRun")]
    public void Live_tensors_and_RSS_stay_flat_over_300_GRPO_steps() => Run(steps: 300, warmup: 10, maxRssGrowthMb: 64);

    private static void Run(int steps, int warmup, int maxRssGrowthMb)
    {
        using var policy = TrainingFixtures.Create(seed: 21);
        var samples = new List<(int Step, long Tensors, long RssBytes)>();
        var options = Options(steps);
        options.Progress = new Inline<GrpoStepMetrics>(m =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            samples.Add((m.Step, DisposeScopeManager.Statistics.ThreadTotalLiveCount, Process.GetCurrentProcess().WorkingSet64));
        });
        var trainer = new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), options, TrainingFixtures.Compact);
        trainer.Train(TrainingFixtures.Prompts);

        samples.Should().HaveCount(steps);
        var settled = samples.Skip(warmup - 1).ToList();
        double growthMb = (settled[^1].RssBytes - settled[0].RssBytes) / 1048576.0;
        TestContext.Out.WriteLine(
            $"{steps} steps: live tensors {settled[0].Tensors} at step {settled[0].Step} -> {settled[^1].Tensors}; " +
            $"RSS {settled[0].RssBytes / 1048576.0:F0} MB -> {settled[^1].RssBytes / 1048576.0:F0} MB ({growthMb:+0.0;-0.0} MB)");
        settled.Select(s => s.Tensors).Distinct().Should().ContainSingle("every step disposes every tensor it creates");
        growthMb.Should().BeLessThan(maxRssGrowthMb, "resident memory must not grow with the number of steps");
    }

    [Test]
    public void Writing_checkpoints_leaves_no_tensor_to_the_finalizer()
    {
        // Probe finding: checkpoint writes left three tensor handles per tensor to the finalizer. Counted without collecting
        // garbage, so a handle left for the finalizer would still count as live.
        string dir = Path.Combine(Path.GetTempPath(), "r1-ckpt-leak-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var policy = TrainingFixtures.Create(seed: 22);
            var counts = new List<long>();
            var options = Options(steps: 8);
            options.Checkpoints.Directory = dir;
            options.Checkpoints.Every = 1;
            options.Progress = new Inline<GrpoStepMetrics>(_ => counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount));
            var trainer = new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), options, TrainingFixtures.Compact);
            trainer.Train(TrainingFixtures.Prompts);

            Directory.GetDirectories(dir, "step-*").Should().NotBeEmpty();
            counts.Skip(2).Distinct().Should().ContainSingle("a checkpoint write between two steps disposes every tensor it creates");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
