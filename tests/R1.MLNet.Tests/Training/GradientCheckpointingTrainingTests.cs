using R1.MLNet.Training;

namespace R1.MLNet.Tests.Training;

/// <summary>The trainers switch gradient checkpointing on from their options; a checkpointed GRPO run equals the plain one.</summary>
public class GradientCheckpointingTrainingTests
{
    [Test]
    public void A_checkpointed_GRPO_run_matches_the_plain_run()
    {
        GrpoOptions Options(bool checkpointing) => new()
        {
            MaxSteps = 3, PromptsPerStep = 2, NumGenerations = 4, Seed = 6, Sampling = { MaxNewTokens = 8 }, Optimizer = { LearningRate = 1e-2 },
            Memory = { GradientCheckpointing = checkpointing },
        };
        (double[] Losses, double[] Norms, float[] Weights) Run(bool checkpointing)
        {
            using var policy = TrainingFixtures.Create(seed: 13);
            var history = new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), Options(checkpointing),
                TrainingFixtures.Compact).Train(TrainingFixtures.Prompts).History;
            policy.Model.GradientCheckpointing.Should().BeFalse("the trainer restores the model's setting");
            return (history.Select(h => h.Loss).ToArray(), history.Select(h => h.GradNorm).ToArray(), PolicyWeights.Flat(policy));
        }
        var plain = Run(checkpointing: false);
        var checkpointed = Run(checkpointing: true);

        checkpointed.Norms.Zip(plain.Norms, (a, b) => Math.Abs(a - b) / b).Should().OnlyContain(r => r < 1e-5, "the same gradients");
        checkpointed.Losses.Zip(plain.Losses, (a, b) => Math.Abs(a - b)).Should().OnlyContain(d => d < 1e-6);
        double worst = checkpointed.Weights.Zip(plain.Weights, (a, b) => Math.Abs(a - b)).Max();
        TestContext.Out.WriteLine($"3 GRPO steps: largest weight difference {worst:E2}");
        worst.Should().BeLessThan(1e-5f);
    }
}
