using R1.MLNet.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace R1.MLNet.Tests.Training;

public class TrainingOptimizerTests
{
    private static readonly OptimizationOptions Options = new()
    {
        LearningRate = 0.01, Beta1 = 0.9, Beta2 = 0.99, WeightDecay = 0.1, Schedule = LearningRateScheduleKind.Cosine, WarmupSteps = 2,
        MinLearningRateRatio = 0.1, MaxGradNorm = 0,
    };

    [Test]
    public void Each_step_applies_AdamW_at_the_scheduled_learning_rate()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var init = randn(4, 3);
        var ours = new Parameter(init.clone());
        var manual = new Parameter(init.clone());
        using var optimizer = new TrainingOptimizer([ours], Options, totalSteps: 6);
        var reference = optim.AdamW([manual], lr: 0.01, beta1: 0.9, beta2: 0.99, eps: 1e-8, weight_decay: 0.1);
        var rates = new List<double>();
        for (int step = 0; step < 6; step++)
        {
            var target = randn(4, 3);
            rates.Add(optimizer.BeginStep(step));
            reference.ParamGroups.First().LearningRate = 0.01 * LearningRateSchedule.Factor(LearningRateScheduleKind.Cosine, step, 6, 2, 0.1);
            (ours - target).pow(2).sum().backward();
            (manual - target).pow(2).sum().backward();
            optimizer.Step();
            reference.step();
            optimizer.ZeroGrad();
            reference.zero_grad();
        }
        rates[0].Should().BeApproximately(0.005, 1e-12, "step 1 of 2 warm-up steps");
        rates[1].Should().BeApproximately(0.01, 1e-12, "the peak after warm-up");
        rates[5].Should().BeLessThan(rates[2]).And.BeGreaterThan(0.001, "cosine decay towards 10% of the peak");
        ours.data<float>().ToArray().Should().Equal(manual.data<float>().ToArray(), "the same AdamW update at the same learning rate");
    }

    [Test]
    public void Saved_state_resumes_bit_exactly()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var original = new Parameter(randn(4, 3));
        using var optimizer = new TrainingOptimizer([original], Options, totalSteps: 8);
        for (int step = 0; step < 3; step++) Update(optimizer, original, step, randn(4, 3));
        string file = Path.Combine(Path.GetTempPath(), "r1-optimizer-" + Guid.NewGuid().ToString("N"));
        try
        {
            optimizer.Save(file);
            var copy = new Parameter(original.detach().clone());
            using var restored = new TrainingOptimizer([copy], Options, totalSteps: 8);
            restored.Load(file);
            for (int step = 3; step < 6; step++)
            {
                var target = randn(4, 3);
                Update(optimizer, original, step, target);
                Update(restored, copy, step, target);
            }
            copy.data<float>().ToArray().Should().Equal(original.data<float>().ToArray(), "the restored optimizer continues bit-exactly");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Gradient_clipping_scales_to_the_max_norm_and_reports_the_original()
    {
        using var scope = NewDisposeScope();
        var p = new Parameter(zeros(2));
        p.grad = tensor(new[] { 3f, 4f });
        using var optimizer = new TrainingOptimizer([p], new OptimizationOptions { MaxGradNorm = 1.0 }, totalSteps: 1);
        optimizer.ClipGradNorm().Should().BeApproximately(5.0, 1e-5);
        p.grad!.norm().ToDouble().Should().BeApproximately(1.0, 1e-4);
    }

    [Test]
    public void Learning_rate_schedules_warm_up_then_decay()
    {
        LearningRateSchedule.Factor(LearningRateScheduleKind.Cosine, 0, 100, 10).Should().BeApproximately(0.1, 1e-12);
        LearningRateSchedule.Factor(LearningRateScheduleKind.Cosine, 10, 100, 10).Should().BeApproximately(1.0, 1e-12);
        LearningRateSchedule.Factor(LearningRateScheduleKind.Cosine, 100, 100, 10, minRatio: 0.1).Should().BeApproximately(0.1, 1e-12);
        LearningRateSchedule.Factor(LearningRateScheduleKind.Linear, 55, 100, 10).Should().BeApproximately(0.5, 1e-12);
        LearningRateSchedule.Factor(LearningRateScheduleKind.Constant, 80, 100, 0).Should().Be(1.0);
    }

    [Test]
    public void Bad_optimizer_options_name_the_option()
    {
        var act = () => new OptimizationOptions { Beta2 = 1.0 }.Validate("SftOptions");
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*SftOptions.Optimizer.Beta2*");
        var lr = () => new GrpoOptions { Optimizer = { LearningRate = 0 } }.Validate();
        lr.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*GrpoOptions.Optimizer.LearningRate*");
    }

    private static void Update(TrainingOptimizer optimizer, Parameter p, int step, Tensor target)
    {
        optimizer.BeginStep(step);
        (p - target).pow(2).sum().backward();
        optimizer.Step();
        optimizer.ZeroGrad();
    }
}
