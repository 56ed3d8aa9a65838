using R1.MLNet.Training;
using R1.Rollout;
using static TorchSharp.torch;

namespace R1.MLNet.Tests.Training;

/// <summary>GPU checks of the trainers (run by scripts/gpu-check.sh); ignored where CUDA is not available.</summary>
[TestFixture, Category("GPU")]
public class CudaTrainingTests
{
    [SetUp]
    public void RequireCuda()
    {
        if (!cuda.is_available()) Assert.Ignore("CUDA is not available (TorchSharp-cpu or no GPU).");
    }

    [Test]
    public void Bf16_mixed_GRPO_with_checkpointing_trains_on_cuda()
    {
        using var policy = Policy.Create(TrainingFixtures.Micro(), TrainingFixtures.Tokenizer,
            new PolicyOptions { Seed = 4, Device = "cuda", DType = ScalarType.BFloat16 });
        var options = new GrpoOptions
        {
            MaxSteps = 2, PromptsPerStep = 2, NumGenerations = 4, Seed = 2, Sampling = { MaxNewTokens = 8 }, Optimizer = { LearningRate = 1e-2 },
            Memory = { Precision = TrainingPrecision.BFloat16Mixed, GradientCheckpointing = true },
        };
        var result = new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), options, TrainingFixtures.Compact)
            .Train(TrainingFixtures.Prompts);
        result.History.Should().HaveCount(2).And.OnlyContain(m => double.IsFinite(m.Loss) && double.IsFinite(m.GradNorm));
    }

    [Test]
    public void Bf16_mixed_SFT_on_cuda_follows_the_cpu_run()
    {
        var pairs = new[] { ("1+1", "<answer>2</answer>"), ("2+2", "<answer>4</answer>"), ("3+3", "<answer>6</answer>") };
        SftOptions Options() => new()
        {
            MaxSteps = 10, BatchSize = 3, LogEvery = 1, Seed = 1, Optimizer = { LearningRate = 3e-3 },
            Memory = { Precision = TrainingPrecision.BFloat16Mixed },
        };
        double[] Losses(string device)
        {
            using var policy = Policy.Create(TrainingFixtures.Micro(), TrainingFixtures.Tokenizer,
                new PolicyOptions { Seed = 4, Device = device, DType = ScalarType.BFloat16 });
            return new SftTrainer(policy, Options(), TrainingFixtures.Compact).Train(pairs).History.Select(h => h.Loss).ToArray();
        }
        var cpu = Losses("cpu");
        var gpu = Losses("cuda");
        gpu.Zip(cpu, (g, c) => Math.Abs(g - c) / c).Max().Should().BeLessThan(0.03);
    }
}
