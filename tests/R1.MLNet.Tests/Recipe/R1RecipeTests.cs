using R1.MLNet.Recipe;
using R1.MLNet.Tests.Training;
using R1.MLNet.Training;

namespace R1.MLNet.Tests.Recipe;

public class R1RecipeTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Path.Combine(Path.GetTempPath(), "r1-recipe-tests-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private string Work(string name) => Path.Combine(_dir, name);

    private static R1RecipeResult Run(R1RecipeOptions options, CancellationToken ct = default)
    {
        using var basePolicy = TrainingFixtures.Create(seed: 1);
        return RecipeFixtures.Recipe(options).Run(basePolicy, RecipeFixtures.Data, ct);
    }

    [Test]
    public void Runs_the_stages_in_order_each_leaving_a_policy_a_record_and_a_per_task_type_evaluation()
    {
        var result = Run(RecipeFixtures.Options(Work("a")));

        result.Stages.Select(s => s.Stage).Should().Equal(RecipeStage.Base, RecipeStage.ColdStart, RecipeStage.ReasoningRl,
            RecipeStage.RejectionSamplingSft, RecipeStage.AllScenariosRl);
        result.Stages.Should().OnlyContain(s => !s.Loaded && File.Exists(Path.Combine(s.Folder, "stage.json")) &&
                                                File.Exists(Path.Combine(s.PolicyFolder, "config.json")));
        result.Stages.Skip(1).Select(s => s.Steps).Should().Equal(3, 3, 3, 3);
        result.Stages.Should().OnlyContain(s =>
            s.Evaluation!.Examples == 6 && s.Evaluation.ByTaskType.Keys.Order().SequenceEqual(new[] { "a", "b" }));
        foreach (var s in result.Stages)
            s.Evaluation!.Accuracy.Should().BeApproximately(s.Evaluation.Samples.Count(x => x.Correct) / 6.0, 1e-12);
        var rs = result[RecipeStage.RejectionSamplingSft]!;
        rs.RejectionSampling!.Samples.Should().Be(12, "6 prompts x k = 2");
        rs.SftRows.Should().Be(rs.RejectionSampling.Kept + 1, "the kept samples plus the one non-reasoning row");
        File.Exists(rs.SamplesPath).Should().BeTrue();
        result.FinalPolicyFolder.Should().Be(result[RecipeStage.AllScenariosRl]!.PolicyFolder);
    }

    [Test]
    public void A_completed_recipe_run_again_loads_every_stage_and_keeps_the_weights()
    {
        var options = RecipeFixtures.Options(Work("a"));
        var first = Run(options);
        var weights = RecipeFixtures.FinalWeights(first);

        var again = Run(options);

        again.Stages.Should().OnlyContain(s => s.Loaded);
        again.Stages.Select(s => s.Evaluation!.Accuracy).Should().Equal(first.Stages.Select(s => s.Evaluation!.Accuracy));
        var kept = first[RecipeStage.RejectionSamplingSft]!.RejectionSampling!.Kept;
        again[RecipeStage.RejectionSamplingSft]!.RejectionSampling!.Kept.Should().Be(kept);
        RecipeFixtures.FinalWeights(again).Should().Equal(weights);
    }

    [Test]
    public void Skipped_stages_are_not_run_and_the_next_stage_starts_from_the_last_one_that_ran()
    {
        var options = RecipeFixtures.Options(Work("a"));
        options.ColdStart = null;
        options.RejectionSampling = null;

        var result = Run(options);

        result.Stages.Select(s => s.Stage).Should().Equal(RecipeStage.Base, RecipeStage.ReasoningRl, RecipeStage.AllScenariosRl);
        Directory.Exists(Path.Combine(Work("a"), "1-cold-start")).Should().BeFalse();
    }

    [Test]
    public void A_recipe_stopped_in_a_grpo_stage_resumes_there_and_ends_with_the_uninterrupted_weights()
    {
        var straight = RecipeFixtures.FinalWeights(Run(RecipeFixtures.Options(Work("straight"))));
        using var cts = new CancellationTokenSource();
        var options = RecipeFixtures.Options(Work("stopped"));
        options.AllScenariosRl!.Progress = new Inline<GrpoStepMetrics>(m => { if (m.Step == 2) cts.Cancel(); });

        var stop = () => Run(options, cts.Token);

        stop.Should().Throw<OperationCanceledException>();
        File.Exists(Path.Combine(Work("stopped"), "4-all-scenarios-rl", "stage.json")).Should().BeFalse();
        Directory.GetDirectories(Path.Combine(Work("stopped"), "4-all-scenarios-rl", "checkpoints")).Should().Contain(d => d.EndsWith("step-000002"));
        options.AllScenariosRl.Progress = null;
        var resumed = Run(options);
        resumed.Stages.Select(s => s.Loaded).Should().Equal(true, true, true, true, false);
        resumed[RecipeStage.AllScenariosRl]!.Grpo!.History.Select(m => m.Step).Should().Equal(3);
        RecipeFixtures.FinalWeights(resumed).Should().Equal(straight, "the GRPO trainer resumes bit-exactly from its checkpoint");
    }

    [Test]
    public void A_recipe_stopped_in_rejection_sampling_resumes_it_without_duplicate_or_lost_rows()
    {
        var reference = Run(RecipeFixtures.Options(Work("straight")));
        var referenceRows = RecipeFixtures.Rows(reference[RecipeStage.RejectionSamplingSft]!.Samples!).ToList();
        using var cts = new CancellationTokenSource();
        var options = RecipeFixtures.Options(Work("stopped"));
        options.RejectionSampling!.Sampler.Progress = new Inline<RejectionSamplingProgress>(p => { if (p.Batch == 1) cts.Cancel(); });

        var stop = () => Run(options, cts.Token);

        stop.Should().Throw<OperationCanceledException>();
        string samples = Path.Combine(Work("stopped"), "3-rejection-sampling-sft", "samples.jsonl");
        File.ReadAllLines(samples).Should().HaveCount(4, "one batch of 2 prompts x k = 2 was written before the stop");
        options.RejectionSampling.Sampler.Progress = null;
        var resumed = Run(options);
        var stage = resumed[RecipeStage.RejectionSamplingSft]!;
        stage.Loaded.Should().BeFalse();
        stage.RejectionSampling!.ResumedPrompts.Should().Be(2);
        RecipeFixtures.Rows(stage.Samples!).Should().Equal(referenceRows);
        File.ReadAllLines(samples).Should().HaveCount(12);
        RecipeFixtures.FinalWeights(resumed).Should().Equal(RecipeFixtures.FinalWeights(reference));
    }

    [Test]
    public void A_recipe_stopped_in_the_sft_of_stage_3_resumes_the_sft_and_samples_nothing_again()
    {
        var reference = Run(RecipeFixtures.Options(Work("straight")));
        using var cts = new CancellationTokenSource();
        var options = RecipeFixtures.Options(Work("stopped"));
        options.RejectionSampling!.Sft.LogEvery = 1;
        options.RejectionSampling.Sft.Progress = new Inline<SftStepMetrics>(m => { if (m.Step == 1) cts.Cancel(); });

        var stop = () => Run(options, cts.Token);

        stop.Should().Throw<OperationCanceledException>();
        options.RejectionSampling.Sft.Progress = null;
        var resumed = Run(options);
        var stage = resumed[RecipeStage.RejectionSamplingSft]!;
        stage.RejectionSampling!.ResumedPrompts.Should().Be(6, "every prompt was sampled before the stop");
        stage.Sft!.History.Select(m => m.Step).Should().Equal(2, 3);
        RecipeFixtures.FinalWeights(resumed).Should().Equal(RecipeFixtures.FinalWeights(reference));
    }

    [TestCase("{ not json")]
    [TestCase(null)]
    public void A_damaged_or_missing_stage_record_makes_that_stage_and_every_later_one_run_again(string? damaged)
    {
        var options = RecipeFixtures.Options(Work("a"));
        var first = Run(options);
        var weights = RecipeFixtures.FinalWeights(first);
        string record = Path.Combine(first[RecipeStage.ReasoningRl]!.Folder, "stage.json");
        if (damaged is null) File.Delete(record);
        else File.WriteAllText(record, damaged);

        var again = Run(options);

        again.Stages.Select(s => s.Loaded).Should().Equal(true, true, false, false, false);
        RecipeFixtures.FinalWeights(again).Should().Equal(weights, "the stages are deterministic in their seeds");
    }

    [Test]
    public void A_stage_whose_policy_no_longer_matches_its_record_runs_again()
    {
        var options = RecipeFixtures.Options(Work("a"));
        var first = Run(options);
        var expected = RecipeFixtures.FinalWeights(first);
        string weights = Directory.GetFiles(first[RecipeStage.AllScenariosRl]!.PolicyFolder, "*.safetensors").Single();
        var bytes = File.ReadAllBytes(weights);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(weights, bytes);

        var again = Run(options);

        again.Stages.Select(s => s.Loaded).Should().Equal(true, true, true, true, false);
        RecipeFixtures.FinalWeights(again).Should().Equal(expected);
    }
}
