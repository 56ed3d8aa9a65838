using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;
using Microsoft.ML.Data;
using R1.MLNet.DataView;
using R1.MLNet.Grpo;
using R1.MLNet.RejectionSample;
using R1.MLNet.Sft;
using R1.MLNet.Tests.TestSupport;
using R1.MLNet.Tests.Training;
using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rewards.Math;

namespace R1.MLNet.Tests.RejectionSample;

/// <summary><c>mlContext.Reasoning().RejectionSample(...)</c>: columns, kept rows, the teacher hand-over, schema errors.</summary>
public class RejectionSampleEstimatorTests
{
    private readonly MLContext _ml = new(seed: 1);

    private static readonly PromptRow[] Rows =
    [
        new() { Prompt = "1+1", Answer = "2", TaskType = "math" }, new() { Prompt = "2+2", Answer = "4", TaskType = "math" },
        new() { Prompt = "3+3", Answer = "6", TaskType = "math" },
    ];

    private IDataView Data => _ml.Data.LoadFromEnumerable(Rows);

    private static IServiceProvider MathServices() =>
        new ServiceCollection().AddReasoningRewards(b => b.AddMathAccuracy()).BuildServiceProvider();

    /// <summary>Sample j answers a sum correctly when j is even (the seed is prompt·k + j with Seed 0); other prompts get a greeting.</summary>
    private static ReasoningChatClient Teacher() => new((prompt, seed) =>
        prompt.Contains('+') ? ($"{prompt} (try {seed})", $"<answer>{Sum(prompt) + (int)(seed % 2)}</answer>") : (null, "hello"));

    private static int Sum(string prompt) => prompt.Split('+').Sum(int.Parse);

    [Test]
    public void Outputs_the_kept_rows_with_their_provenance_and_all_rows_with_IncludeRejected()
    {
        var estimator = _ml.Reasoning().RejectionSample(MathServices(), Teacher(), samplesPerPrompt: 4);
        var options = new RejectionSampleEstimator.Options
        {
            Services = MathServices(), Teacher = Teacher(), IncludeRejected = true, Sampler = { SamplesPerPrompt = 4, Seed = 0 },
        };
        var keptOnly = new RejectionSampleEstimator(new RejectionSampleEstimator.Options
            { Services = MathServices(), Teacher = Teacher(), Sampler = { SamplesPerPrompt = 4, Seed = 0 } }).Fit(Data);
        var all = _ml.Reasoning().RejectionSample(options).Fit(Data);

        estimator.Should().NotBeNull();
        var kept = _ml.Data.CreateEnumerable<SampledRow>(keptOnly.Transform(Data), reuseRowObject: false).ToList();
        var every = _ml.Data.CreateEnumerable<SampledRow>(all.Transform(Data), reuseRowObject: false).ToList();
        every.Should().HaveCount(12);
        kept.Should().HaveCount(6).And.OnlyContain(r => r.Kept && r.SampleIndex % 2 == 0 && r.DropReason == "" && r.TaskType == "math");
        kept.Should().OnlyContain(r => r.Scores.Length == 1 && r.Scores[0] == 1.0 && r.Total == 1.0);
        kept.Select(r => r.Response).Should().OnlyContain(t => t.StartsWith("<think>") && t.Contains("</think><answer>"));
        every.Where(r => !r.Kept).Should().HaveCount(6).And.OnlyContain(r => r.DropReason == "reward:math" && r.DropDetail.Length > 0);
        keptOnly.Summary.Kept.Should().Be(6);
        keptOnly.Teacher.Should().BeNull();
        keptOnly.Transform(Data).Should().NotBeAssignableTo<IPolicyCarrier>("a chat teacher has no policy to hand on");
        var schema = keptOnly.GetOutputSchema(Data.Schema);
        schema["PromptIndex"].Type.Should().Be(NumberDataViewType.Int32);
        schema["Kept"].Type.Should().Be(BooleanDataViewType.Instance);
        var slots = default(VBuffer<ReadOnlyMemory<char>>);
        schema["Scores"].Annotations.GetValue("SlotNames", ref slots);
        slots.DenseValues().Select(s => s.ToString()).Should().Equal("math");
    }

    [Test]
    public void The_output_carries_the_teacher_so_Sft_continues_from_it_or_starts_from_a_base_folder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "r1-rs-base-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var teacher = TrainingFixtures.Create(seed: 3);
            using (var basePolicy = TrainingFixtures.Create(seed: 4)) basePolicy.Save(folder);
            var rewards = TrainingFixtures.Scorer(new DigitReward());
            RejectionSampleEstimator Sample() => _ml.Reasoning().RejectionSample(new RejectionSampleEstimator.Options
            {
                Policy = teacher, Rewards = rewards, Prompt = TrainingFixtures.Compact,
                Sampler = { SamplesPerPrompt = 2, Sampling = { MaxNewTokens = 6 }, MinScores = new() { ["digits"] = 0 }, Filters = [] },
            });
            SftEstimator Sft(PolicySource policy) => _ml.Reasoning().Sft(new SftEstimator.Options
                { Policy = policy, Prompt = TrainingFixtures.Compact, Trainer = new SftOptions { MaxSteps = 1, BatchSize = 2 } });

            var continued = Sample().Append(Sft(PolicySource.PreviousStep)).Fit(Data);
            var fromBase = Sample().Append(Sft(PolicySource.FromFolder(folder))).Fit(Data);

            continued.LastTransformer.Policy.Should().BeSameAs(teacher);
            var rs = fromBase.First().Should().BeOfType<RejectionSampleTransformer>().Subject;
            rs.Teacher.Should().BeSameAs(teacher);
            rs.Summary.Kept.Should().BeGreaterThan(0);
            fromBase.LastTransformer.Policy.Should().NotBeSameAs(teacher);
            fromBase.LastTransformer.Result.Steps.Should().Be(1);
            fromBase.LastTransformer.Policy.Dispose();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void The_TaskType_column_reaches_the_rewards_in_RejectionSample_and_in_Grpo()
    {
        var recorder = new TaskTypeRecorder();
        var data = _ml.Data.LoadFromEnumerable(new[]
        {
            new PromptRow { Prompt = "1+1", Answer = "2", TaskType = "math" }, new PromptRow { Prompt = "hi", TaskType = "general" },
        });
        var rs = _ml.Reasoning().RejectionSample(new RejectionSampleEstimator.Options
            {
                Rewards = TrainingFixtures.Scorer(recorder), Teacher = Teacher(), IncludeRejected = true, Sampler = { SamplesPerPrompt = 2 },
            }).Fit(data);
        recorder.Seen.Distinct().Should().BeEquivalentTo([("1+1", "math"), ("hi", "general")]);
        _ml.Data.CreateEnumerable<SampledRow>(rs.Transform(data), false).Select(r => r.TaskType).Should().Equal("math", "math", "general", "general");

        using var policy = TrainingFixtures.Create(seed: 3);
        var grpoRecorder = new TaskTypeRecorder();
        _ml.Reasoning().Grpo(new GrpoEstimator.Options
        {
            Policy = policy, Rewards = TrainingFixtures.Scorer(grpoRecorder), Prompt = TrainingFixtures.Compact,
            Trainer = new GrpoOptions { MaxSteps = 1, PromptsPerStep = 2, NumGenerations = 2, Sampling = { MaxNewTokens = 4 } },
        }).Fit(data);
        grpoRecorder.Seen.Distinct().Should().BeEquivalentTo([("1+1", "math"), ("hi", "general")]);
    }

    [Test]
    public void Transform_over_another_input_samples_that_input()
    {
        var transformer = new RejectionSampleEstimator(new RejectionSampleEstimator.Options
            { Services = MathServices(), Teacher = Teacher(), Sampler = { SamplesPerPrompt = 2, Seed = 0 } }).Fit(Data);
        var other = _ml.Data.LoadFromEnumerable(new[] { new PromptRow { Prompt = "4+4", Answer = "8" } });

        var rows = _ml.Data.CreateEnumerable<SampledRow>(transformer.Transform(other), false).ToList();

        rows.Should().ContainSingle().Which.Prompt.Should().Be("4+4");
        transformer.Summary.Prompts.Should().Be(1);
    }

    [Test]
    public void Schema_errors_name_the_column_in_Fit_and_GetOutputSchema()
    {
        var estimator = _ml.Reasoning().RejectionSample(MathServices(), Teacher());
        var noPrompt = _ml.Data.LoadFromEnumerable(new[] { new Reply() }).Schema;
        var numericTask = _ml.Data.LoadFromEnumerable(new[] { new NumericTaskRow { Prompt = "1+1", TaskType = 3 } });
        var shape = SchemaShapes.FromSchema(noPrompt);

        FluentActions.Invoking(() => estimator.Fit(_ml.Data.LoadFromEnumerable(new[] { new Reply() })))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*prompt column 'Prompt' was not found*");
        FluentActions.Invoking(() => estimator.Fit(numericTask)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*task type column 'TaskType' has the wrong type*");
        FluentActions.Invoking(() => estimator.GetOutputSchema(SchemaShapes.FromSchema(numericTask.Schema))).Should()
            .Throw<ArgumentOutOfRangeException>().WithMessage("*task type column 'TaskType'*");
        FluentActions.Invoking(() => estimator.GetOutputSchema(shape)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*prompt column 'Prompt'*");
        var fitted = estimator.Fit(Data);
        FluentActions.Invoking(() => fitted.GetOutputSchema(noPrompt)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("*prompt column 'Prompt'*");
        estimator.GetOutputSchema(SchemaShapes.FromSchema(Data.Schema)).Select(c => c.Name).Should()
            .Contain(["Prompt", "Response", "Completion", "Scores", "Kept", "DropReason"]);
    }

    public sealed class NumericTaskRow
    {
        public string Prompt { get; set; } = "";
        public float TaskType { get; set; }
    }
}
