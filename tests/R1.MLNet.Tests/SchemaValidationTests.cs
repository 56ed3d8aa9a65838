using R1.Rollout.ChatTemplates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;
using R1.MLNet;
using R1.MLNet.DataView;
using R1.MLNet.Grpo;
using R1.MLNet.Reason;
using R1.MLNet.Sft;
using R1.MLNet.Tests.TestSupport;
using R1.Rewards.Composition;

namespace R1.MLNet.Tests;

public class SchemaValidationTests
{
    private readonly MLContext _ml = new(seed: 1);
    private static readonly IRewardScorer Rewards = new RewardScorer([(new DigitReward(), 1.0)]);

    private IDataView Qa => _ml.Data.LoadFromEnumerable(new[] { new QaRow { Prompt = "1+1", Answer = "2" } });
    private IDataView Numeric => _ml.Data.LoadFromEnumerable(new[] { new NumericPromptRow { Prompt = 1f } });

    [Test]
    public void Sft_names_a_missing_response_column_in_GetOutputSchema_and_Fit()
    {
        var sft = _ml.Reasoning().Sft(PolicySource.PreviousStep);
        var shape = () => sft.GetOutputSchema(SchemaShapes.FromSchema(Qa.Schema));
        var fit = () => sft.Fit(Qa);
        shape.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*response column 'Response'*not found*");
        fit.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*response column 'Response'*not found*");
    }

    [Test]
    public void Grpo_names_a_mistyped_prompt_with_expected_and_found_types()
    {
        var grpo = _ml.Reasoning().Grpo(Rewards);
        var shape = () => grpo.GetOutputSchema(SchemaShapes.FromSchema(Numeric.Schema));
        var fit = () => grpo.Fit(Numeric);
        shape.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*prompt column 'Prompt'*expected type: String, found: Single*");
        fit.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*prompt column 'Prompt'*expected type: String, found: Single*");
    }

    [Test]
    public void Grpo_reference_columns_at_default_names_may_be_absent_but_explicit_names_must_exist()
    {
        var defaults = _ml.Reasoning().Grpo(Rewards);
        defaults.GetOutputSchema(SchemaShapes.FromSchema(Qa.Schema)).Select(c => c.Name).Should().Equal("Prompt", "Answer", "Noise");

        var explicitGold = _ml.Reasoning().Grpo(Rewards, answerColumnName: "Gold");
        var shape = () => explicitGold.GetOutputSchema(SchemaShapes.FromSchema(Qa.Schema));
        shape.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*answer column 'Gold'*");
    }

    [Test]
    public void Grpo_needs_rewards_or_services()
    {
        var create = () => _ml.Reasoning().Grpo(new GrpoEstimator.Options());
        create.Should().Throw<ArgumentException>().WithMessage("*Rewards*Services*AddReasoningRewards*");
    }

    [Test]
    public void Grpo_with_a_provider_lacking_rewards_says_what_to_register()
    {
        using var services = new ServiceCollection().BuildServiceProvider();
        var fit = () => _ml.Reasoning().Grpo(services).Fit(Qa);
        fit.Should().Throw<InvalidOperationException>().WithMessage("*no IRewardScorer*AddReasoningRewards*");
    }

    [Test]
    public void Reason_adds_text_columns_to_the_shape_and_checks_the_prompt()
    {
        var reason = _ml.Reasoning().Reason();
        reason.GetOutputSchema(SchemaShapes.FromSchema(Qa.Schema)).Select(c => c.Name)
            .Should().Equal("Prompt", "Noise", "Completion", "Reasoning", "Answer");
        var bad = () => _ml.Reasoning().Reason(promptColumnName: "Question").GetOutputSchema(SchemaShapes.FromSchema(Qa.Schema));
        bad.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'Question'*");
    }

    [Test]
    public void Previous_step_policy_without_a_policy_step_before_it_is_a_clear_error()
    {
        var fit = () => _ml.Reasoning().Reason().Fit(Qa);
        fit.Should().Throw<InvalidOperationException>().WithMessage("*PolicySource.PreviousStep*Sft(...), Grpo(...) or Reason(...)*");
        var fittedBy = () => _ml.Reasoning().Reason(PolicySource.FittedBy(_ml.Reasoning().Sft(PolicySource.PreviousStep))).Fit(Qa);
        fittedBy.Should().Throw<InvalidOperationException>().WithMessage("*SftEstimator, which has not been fitted yet*");
    }

    [Test]
    public void Invalid_options_name_the_setting()
    {
        var reason = () => _ml.Reasoning().Reason(samples: 0);
        reason.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Samples");
        var template = () => _ml.Reasoning().Reason(new ReasonOptions { Prompt = PromptFormat.FromName("nope") });
        template.Should().Throw<ArgumentException>().WithMessage("*Unknown chat template 'nope'*");
        var sampling = () => _ml.Reasoning().Reason(new ReasonOptions { Sampling = { TopP = 0 } });
        sampling.Should().Throw<ArgumentException>().WithMessage("ReasonOptions.Sampling: TopP*");
    }
}
