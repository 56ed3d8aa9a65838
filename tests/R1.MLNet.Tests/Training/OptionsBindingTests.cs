using Microsoft.Extensions.Configuration;
using R1.MLNet.Training;

namespace R1.MLNet.Tests.Training;

public class OptionsBindingTests
{
    [Test]
    public void Grpo_option_groups_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Grpo:MaxSteps"] = "12",
            ["Grpo:NumGenerations"] = "16",
            ["Grpo:Sampling:Temperature"] = "0.9",
            ["Grpo:Sampling:MaxNewTokens"] = "64",
            ["Grpo:Loss:Beta"] = "0",
            ["Grpo:Loss:EpsilonHigh"] = "0.28",
            ["Grpo:Loss:LossType"] = "Dapo",
            ["Grpo:Optimizer:LearningRate"] = "1e-5",
            ["Grpo:Optimizer:Schedule"] = "Cosine",
            ["Grpo:Checkpoints:Directory"] = "ckpt",
            ["Grpo:Checkpoints:Every"] = "5",
            ["Grpo:Evaluation:Every"] = "4",
            ["Grpo:AccuracyRewards:0"] = "judge",
        }).Build();

        var options = configuration.GetSection("Grpo").Get<GrpoOptions>()!;

        options.MaxSteps.Should().Be(12);
        options.NumGenerations.Should().Be(16);
        options.Sampling.Temperature.Should().Be(0.9);
        options.Sampling.MaxNewTokens.Should().Be(64);
        options.Sampling.TopP.Should().Be(1.0, "unbound values keep their defaults");
        options.Loss.Beta.Should().Be(0);
        options.Loss.EpsilonHigh.Should().Be(0.28);
        options.Loss.EpsilonLow.Should().Be(0.2);
        options.Loss.LossType.Should().Be(GrpoLossType.Dapo);
        options.Optimizer.LearningRate.Should().Be(1e-5);
        options.Optimizer.Beta2.Should().Be(0.99, "GRPO's own default survives binding");
        options.Optimizer.Schedule.Should().Be(LearningRateScheduleKind.Cosine);
        options.Checkpoints.Directory.Should().Be("ckpt");
        options.Checkpoints.Every.Should().Be(5);
        options.Evaluation.Every.Should().Be(4);
        options.AccuracyRewards.Should().Equal(["judge"], "the default is null, so binding sets exactly the configured list");
        options.Validate();
    }

    [Test]
    public void Sft_options_bind_from_configuration_and_keep_their_own_defaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sft:BatchSize"] = "4",
            ["Sft:Optimizer:LearningRate"] = "2e-5",
        }).Build();

        var options = configuration.GetSection("Sft").Get<SftOptions>()!;

        options.BatchSize.Should().Be(4);
        options.Optimizer.LearningRate.Should().Be(2e-5);
        options.Optimizer.Schedule.Should().Be(LearningRateScheduleKind.Cosine);
        options.Optimizer.WeightDecay.Should().Be(0.01);
    }

    [Test]
    public void Clone_copies_every_group()
    {
        var options = new GrpoOptions();
        var copy = options.Clone();
        copy.Sampling.Temperature = 0.5;
        copy.Loss.Beta = 0.1;
        copy.Optimizer.LearningRate = 1;
        copy.Checkpoints.Every = 3;
        copy.Evaluation.Every = 3;
        options.Sampling.Temperature.Should().Be(1.0);
        options.Loss.Beta.Should().Be(0.04);
        options.Optimizer.LearningRate.Should().Be(3e-6);
        options.Checkpoints.Every.Should().Be(0);
        options.Evaluation.Every.Should().Be(0);
    }

    [Test]
    public void Bad_group_values_name_the_group()
    {
        var sampling = () => new GrpoOptions { Sampling = { TopP = 2 } }.Validate();
        sampling.Should().Throw<ArgumentException>().WithMessage("GrpoOptions.Sampling: TopP*");
        var greedy = () => new GrpoOptions { Sampling = { Temperature = 0 } }.Validate();
        greedy.Should().Throw<ArgumentException>().WithMessage("*GrpoOptions.Sampling must sample*");
        var loss = () => new GrpoOptions { Loss = { EpsilonLow = 1.5 } }.Validate();
        loss.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*GrpoOptions.Loss.EpsilonLow*");
        var checkpoints = () => new GrpoOptions { Checkpoints = { Every = 2 } }.Validate();
        checkpoints.Should().Throw<ArgumentException>().WithMessage("*GrpoOptions.Checkpoints.Directory*");
    }
}
