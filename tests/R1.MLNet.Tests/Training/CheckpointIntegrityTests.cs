using System.Text.Json;
using System.Text.Json.Nodes;
using R1.MLNet.Training;

namespace R1.MLNet.Tests.Training;

public class CheckpointIntegrityTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Path.Combine(Path.GetTempPath(), "r1-ckpt-tests-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private GrpoOptions Options(int steps, int every = 1, int keepLast = 0, string? resume = null) => new()
    {
        MaxSteps = steps, PromptsPerStep = 2, NumGenerations = 2, NumIterations = 1, Seed = 3,
        Sampling = { MaxNewTokens = 4 }, Loss = { Beta = 0.04 }, Optimizer = { LearningRate = 1e-2 },
        Checkpoints = { Directory = _dir, Every = every, KeepLast = keepLast, ResumeFrom = resume },
    };

    private static GrpoResult Train(GrpoOptions options, long seed = 1)
    {
        using var policy = TrainingFixtures.Create(seed);
        return new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), options, TrainingFixtures.Compact)
            .Train(TrainingFixtures.Prompts);
    }

    private string Step(int n) => Path.Combine(_dir, $"step-{n:D6}");

    private static void Rehash(string folder, Action<JsonObject> editState)
    {
        string stateFile = Path.Combine(folder, "trainer_state.json");
        var state = JsonNode.Parse(File.ReadAllText(stateFile))!.AsObject();
        editState(state);
        File.WriteAllText(stateFile, state.ToJsonString());
        string manifestFile = Path.Combine(folder, CheckpointManifest.FileName);
        var old = JsonSerializer.Deserialize<CheckpointManifest>(File.ReadAllText(manifestFile))!;
        File.Delete(manifestFile);
        string? reference = old.Reference is null ? null : Path.Combine(Path.GetDirectoryName(folder)!, old.Reference);
        CheckpointManifest.Create(folder, old.Step, reference).Write(folder);
    }

    [Test]
    public void A_damaged_weights_file_is_named_and_leaves_the_live_policy_untouched()
    {
        Train(Options(steps: 2));
        string weights = Path.Combine(Step(2), "policy", "model.safetensors");
        var bytes = File.ReadAllBytes(weights);
        new Random(1).NextBytes(bytes.AsSpan(bytes.Length - 64));
        File.WriteAllBytes(weights, bytes);

        using var policy = TrainingFixtures.Create(seed: 9);
        var before = PolicyWeights.Flat(policy);
        var trainer = new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), Options(2, resume: Step(2)),
            TrainingFixtures.Compact);
        FluentActions.Invoking(() => trainer.Train(TrainingFixtures.Prompts)).Should().Throw<InvalidDataException>()
            .WithMessage("*model.safetensors*damaged*");
        PolicyWeights.Flat(policy).Should().Equal(before, "nothing is copied before every file checks out");
    }

    [Test]
    public void A_truncated_weights_file_is_named()
    {
        Train(Options(steps: 1));
        string weights = Path.Combine(Step(1), "policy", "model.safetensors");
        var bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..(bytes.Length / 2)]);
        FluentActions.Invoking(() => TrainerCheckpoint.Verify(Step(1))).Should().Throw<InvalidDataException>()
            .WithMessage("*model.safetensors*truncated*");
    }

    [Test]
    public void Latest_skips_damaged_partial_and_empty_newest_folders_and_falls_back_to_the_last_good_one()
    {
        Train(Options(steps: 3));
        File.WriteAllText(Path.Combine(Step(3), "optimizer.bin"), "garbage");        // damaged newest
        Directory.CreateDirectory(Step(4));                                            // empty
        Directory.CreateDirectory(Step(5));                                            // partial: no manifest
        File.WriteAllText(Path.Combine(Step(5), "trainer_state.json"), "{\"Step\":5,\"Seed\":3,\"Trainer\":\"grpo\"}");
        var skipped = new List<string>();
        TrainerCheckpoint.Latest(_dir, (folder, _) => skipped.Add(Path.GetFileName(folder))).Should().Be(Step(2));
        skipped.Should().Equal("step-000005", "step-000004", "step-000003");

        var resumed = Train(Options(steps: 4, resume: "latest"), seed: 5);
        resumed.History.Select(m => m.Step).Should().Equal(3, 4);
    }

    [Test]
    public void A_negative_step_in_trainer_state_is_a_clear_error_naming_the_file()
    {
        Train(Options(steps: 2));
        Rehash(Step(2), s => s["Step"] = -3);
        FluentActions.Invoking(() => Train(Options(2, resume: Step(2)))).Should().Throw<InvalidDataException>()
            .WithMessage("*trainer_state.json*Step is -3*");
    }

    [Test]
    public void A_damaged_rng_state_is_rejected_before_it_reaches_libtorch()
    {
        string good = TorchRngState.Capture();
        TorchRngState.Decode(good, "f").Should().HaveCount(Convert.FromBase64String(good).Length);
        var random = new byte[Convert.FromBase64String(good).Length];
        new Random(2).NextBytes(random);
        FluentActions.Invoking(() => TorchRngState.Decode(Convert.ToBase64String(random), "state.json"))
            .Should().Throw<InvalidDataException>().WithMessage("state.json*not a valid mt19937 state*");
        FluentActions.Invoking(() => TorchRngState.Decode(Convert.ToBase64String(random[..100]), "state.json"))
            .Should().Throw<InvalidDataException>().WithMessage("state.json*100 bytes*");

        // End to end (the manifest rewritten to match, as a buggy tool would): an exception, not a native abort.
        Train(Options(steps: 1));
        Rehash(Step(1), s => s["TorchRngState"] = Convert.ToBase64String(random));
        FluentActions.Invoking(() => Train(Options(1, resume: Step(1)))).Should().Throw<InvalidDataException>()
            .WithMessage("*trainer_state.json*TorchRngState*");
    }

    [Test]
    public void Retention_keeps_the_newest_checkpoints_removes_stale_temp_folders_and_stores_the_reference_once()
    {
        string stale = Path.Combine(_dir, ".tmp-step-000001-deadbeef");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "partial"), "x");
        Train(Options(steps: 4, keepLast: 2));
        Directory.GetDirectories(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should()
            .HaveCount(3).And.Contain("step-000003", "step-000004").And.ContainSingle(d => d!.StartsWith("reference-"));
        Directory.Exists(Path.Combine(Step(4), "reference")).Should().BeFalse("the frozen reference is not copied into every checkpoint");
        TrainerCheckpoint.Verify(Step(4)).Manifest.Files.Keys.Should().Contain(k => k.StartsWith("../reference-"));
    }

    [Test]
    public void The_metrics_file_of_a_resumed_run_has_one_line_per_step()
    {
        var first = Options(steps: 3, every: 2);
        first.MetricsPath = Path.Combine(_dir, "metrics.jsonl");
        Train(first);                                                                 // checkpoints at 2 and 3; metrics 1..3
        Directory.Delete(Step(3), recursive: true);                                   // as if killed before the step-3 checkpoint
        File.AppendAllText(first.MetricsPath, "{\"step\": 4, \"rew");                 // and a line torn by the kill
        var again = Options(steps: 3, every: 2, resume: "latest");
        again.MetricsPath = first.MetricsPath;
        Train(again, seed: 4);
        MetricsJsonlWriter.ReadAll<GrpoStepMetrics>(first.MetricsPath).Select(m => m.Step).Should().Equal(1, 2, 3);
    }

    [Test]
    public void A_prompt_longer_than_the_context_is_rejected_before_the_first_step_naming_the_row()
    {
        using var policy = TrainingFixtures.Create(seed: 1);
        var examples = TrainingFixtures.Prompts.Append(new ReasoningExample(new string('7', 300), "7")).ToList();
        int steps = 0;
        var options = Options(steps: 2, every: 0);
        options.Checkpoints.Directory = null;
        options.Progress = new Progress<GrpoStepMetrics>(_ => steps++);
        var trainer = new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), options, TrainingFixtures.Compact);
        FluentActions.Invoking(() => trainer.Train(examples)).Should().Throw<ArgumentException>().WithMessage("train[6]*context is 256*");
        steps.Should().Be(0);

        var sft = new SftTrainer(policy, new SftOptions { MaxSteps = 1 }, TrainingFixtures.Compact);
        FluentActions.Invoking(() => sft.Train([("1+1", "2"), ("2+2", new string('4', 300))])).Should().Throw<ArgumentException>()
            .WithMessage("Example 1*context 256*");
    }
}
