using Microsoft.Extensions.Configuration;
using R1.MLNet.Training;

namespace R1.MLNet.Tests.Training;

public class RejectionSamplingOptionsBindingTests
{
    [Test]
    public void Rejection_sampling_options_bind_from_configuration_and_keep_the_unbound_defaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RejectionSampling:SamplesPerPrompt"] = "16",
            ["RejectionSampling:MaxKeptPerPrompt"] = "2",
            ["RejectionSampling:Deduplicate"] = "false",
            ["RejectionSampling:Sampling:Temperature"] = "0.7",
            ["RejectionSampling:MinScores:math"] = "0.5",
            ["RejectionSampling:MinScores:judge_general"] = "1",
            ["RejectionSampling:TeacherTimeout"] = "00:00:30",
            ["RejectionSampling:OutputPath"] = "rs.jsonl",
        }).Build();

        var options = configuration.GetSection("RejectionSampling").Get<RejectionSamplingOptions>()!;

        options.SamplesPerPrompt.Should().Be(16);
        options.MaxKeptPerPrompt.Should().Be(2);
        options.Deduplicate.Should().BeFalse();
        options.Sampling.Temperature.Should().Be(0.7);
        options.Sampling.TopP.Should().Be(0.95, "unbound values keep their defaults");
        options.MinScores.Should().Contain(new Dictionary<string, double> { ["math"] = 0.5, ["code"] = 1, ["judge"] = 1, ["judge_general"] = 1 });
        options.TeacherTimeout.Should().Be(TimeSpan.FromSeconds(30));
        options.OutputPath.Should().Be("rs.jsonl");
        options.Filters.Select(f => f.Name).Should().Equal("unfinished", "mixed-language", "long-paragraph", "code-block");
        options.Validate();
    }
}
