using R1.MLNet.Recipe;
using R1.MLNet.Tests.Training;
using R1.MLNet.Training;

namespace R1.MLNet.Tests.Recipe;

public class R1RecipeOptionsTests
{
    private static Action Create(Action<R1RecipeOptions> change)
    {
        var options = RecipeFixtures.Options(Path.Combine(Path.GetTempPath(), "r1-recipe-unused"));
        change(options);
        return () => RecipeFixtures.Recipe(options);
    }

    [Test]
    public void The_work_directory_is_required() =>
        Create(o => o.WorkDirectory = " ").Should().Throw<ArgumentException>().WithMessage("*WorkDirectory*");

    [Test]
    public void At_least_one_stage_must_run() =>
        Create(o => (o.ColdStart, o.ReasoningRl, o.RejectionSampling, o.AllScenariosRl) = (null, null, null, null))
            .Should().Throw<ArgumentException>().WithMessage("*every stage is null*");

    [Test]
    public void A_bad_value_inside_a_stage_is_named()
    {
        Create(o => o.ReasoningRl!.NumGenerations = 1).Should().Throw<ArgumentException>().WithMessage("*NumGenerations*");
        Create(o => o.ColdStart!.BatchSize = 0).Should().Throw<ArgumentException>().WithMessage("*BatchSize*");
        Create(o => o.RejectionSampling!.Sampler.SamplesPerPrompt = 0).Should().Throw<ArgumentException>().WithMessage("*SamplesPerPrompt*");
        Create(o => o.RejectionSampling!.Sft = null!).Should().Throw<ArgumentException>().WithMessage("*RejectionSampling.Sft*");
        Create(o => o.Evaluation.MaxNewTokens = 0).Should().Throw<ArgumentException>().WithMessage("*Evaluation.MaxNewTokens*");
        Create(o => o.Evaluation.AccuracyRewards["words"] = "").Should().Throw<ArgumentException>().WithMessage("*AccuracyRewards['words']*");
    }

    [Test]
    public void A_checkpoint_interval_needs_no_folder_because_the_recipe_gives_each_stage_one()
    {
        Create(o => o.ReasoningRl!.Checkpoints.Every = 2).Should().NotThrow();
        Create(o => o.RejectionSampling!.Sft.Checkpoints.Every = 2).Should().NotThrow();
        Create(o => o.ColdStart!.Checkpoints.KeepLast = -1).Should().Throw<ArgumentException>().WithMessage("*KeepLast*");
    }

    [Test]
    public void The_options_are_copied_so_later_changes_do_not_reach_the_recipe()
    {
        var options = RecipeFixtures.Options(Path.Combine(Path.GetTempPath(), "r1-recipe-unused"));
        var recipe = RecipeFixtures.Recipe(options);
        options.ColdStart = null;
        options.AllScenariosRl = null;
        recipe.Stages.Should().Equal(RecipeStage.Base, RecipeStage.ColdStart, RecipeStage.ReasoningRl, RecipeStage.RejectionSamplingSft,
            RecipeStage.AllScenariosRl);
    }

    [Test]
    public void A_configured_stage_without_its_data_is_refused_before_anything_runs()
    {
        string dir = Path.Combine(Path.GetTempPath(), "r1-recipe-" + Guid.NewGuid().ToString("N"));
        var recipe = RecipeFixtures.Recipe(RecipeFixtures.Options(dir));
        using var policy = TrainingFixtures.Create(seed: 1);
        var data = new R1RecipeData
        {
            ColdStart = RecipeFixtures.Data.ColdStart, ReasoningPrompts = RecipeFixtures.Examples, AllScenariosPrompts = RecipeFixtures.Examples,
        };

        recipe.Invoking(r => r.Run(policy, data)).Should().Throw<ArgumentException>().WithMessage("*RejectionSamplingPrompts*");
        Directory.Exists(dir).Should().BeFalse();
    }

    [Test]
    public void Evaluation_picks_the_accuracy_reward_per_task_type()
    {
        var evaluation = new RecipeEvaluationOptions();
        evaluation.AccuracyRewardFor("general").Should().Be("judge");
        evaluation.AccuracyRewardFor("MATH").Should().Be("math");
        evaluation.AccuracyRewardFor("poetry").Should().Be("math");
        evaluation.AccuracyRewardFor(null).Should().Be("math");
    }
}
