using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;
using R1.MLNet.Distill;
using R1.MLNet.RejectionSample;
using R1.MLNet.Tests.TestSupport;
using R1.MLNet.Tests.Training;
using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rewards.Math;
using R1.Rollout;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;

namespace R1.MLNet.Tests.Distill;

/// <summary><c>mlContext.Reasoning().Distill(...)</c>: samples cross as text, so teacher and student may have different tokenizers.</summary>
public class DistillEstimatorTests
{
    private readonly MLContext _ml = new(seed: 1);

    private IDataView Data => _ml.Data.LoadFromEnumerable(new[]
    {
        new RejectionSample.PromptRow { Prompt = "1+1", Answer = "2" }, new RejectionSample.PromptRow { Prompt = "2+3", Answer = "5" },
    });

    /// <summary>The same characters and R1 tags as the default tokenizer, with other ids (reversed order) and a larger vocabulary.</summary>
    private static CharTokenizer StudentTokenizer()
    {
        var standard = CharTokenizer.CreateDefault();
        return new CharTokenizer(new string(standard.Alphabet.Reverse().ToArray()) + "αβγδ",
            ["</answer>", "<answer>", "</think>", "<think>", "<unk>", "<eos>", "<pad>", "<bos>"]);
    }

    private static Policy Student(CharTokenizer tokenizer)
    {
        var config = TrainingFixtures.Micro();
        config.VocabSize = tokenizer.VocabSize;
        config.MaxPositionEmbeddings = 512;                                               // room for the R1-Zero preamble
        return Policy.Create(config, tokenizer, new PolicyOptions { Seed = 9, NumThreads = 1 });
    }

    private static SftOptions Sft => new() { MaxSteps = 2, BatchSize = 4, Optimizer = { LearningRate = 1e-3 } };

    [Test]
    public void A_policy_teacher_from_a_folder_distils_into_a_student_with_another_tokenizer()
    {
        string folder = Path.Combine(Path.GetTempPath(), "r1-distill-teacher-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var teacher = TrainingFixtures.Create(seed: 3)) teacher.Save(folder);
            var tokenizer = StudentTokenizer();
            using var student = Student(tokenizer);
            var before = PolicyWeights.Flat(student);
            var distill = _ml.Reasoning().Distill(new DistillEstimator.Options
            {
                Teacher = PolicySource.FromFolder(folder), Student = student, Rewards = TrainingFixtures.Scorer(new DigitReward()),
                TeacherPrompt = TrainingFixtures.Compact, StudentPrompt = TrainingFixtures.Compact, Trainer = Sft,
                Sampler = { SamplesPerPrompt = 4, Sampling = { MaxNewTokens = 8 }, MinScores = new() { ["digits"] = 0 }, Filters = [] },
            });

            var model = distill.Fit(Data);

            model.Policy.Should().BeSameAs(student);
            distill.FittedPolicy.Should().BeSameAs(student);
            model.Policy.Tokenizer.VocabSize.Should().NotBe(TrainingFixtures.Tokenizer.VocabSize);
            model.Summary.Kept.Should().BeGreaterThan(0);
            model.Training.Steps.Should().Be(2);
            PolicyWeights.Flat(student).Should().NotEqual(before, "the student trained on the teacher's samples");
            foreach (var row in model.Sampling.Kept)
            {
                tokenizer.Encode(row.Response).Should()
                    .NotEqual(TrainingFixtures.Tokenizer.Encode(row.Response), "the ids differ, the text does not");
                tokenizer.Decode(tokenizer.Encode(row.Response)).Should().Be(row.Response);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void A_chat_teacher_distils_its_self_contained_completions_through_the_simple_overload()
    {
        var client = new ReasoningChatClient((prompt, seed) =>
            ($"{prompt} makes {prompt.Split('+').Sum(int.Parse)} (try {seed})", $"<answer>{prompt.Split('+').Sum(int.Parse)}</answer>"));
        var services = new ServiceCollection().AddReasoningRewards(b => b.AddMathAccuracy()).BuildServiceProvider();
        using var student = Student(StudentTokenizer());

        var model = _ml.Reasoning().Distill(services, client, student, samplesPerPrompt: 2).Fit(Data);

        model.Summary.Kept.Should().Be(4);
        model.Sampling.Kept.Should().OnlyContain(r => r.Completion.StartsWith("<think>") && r.Completion.EndsWith("</answer>"));
        model.Training.Steps.Should().BeGreaterThan(0);
        model.Policy.Should().BeSameAs(student);
    }

    [Test]
    public void A_teacher_whose_samples_are_all_dropped_fails_with_the_summary()
    {
        var client = new ReasoningChatClient((_, _) => (null, "<think>no idea</think><answer>0</answer>"));
        using var student = Student(StudentTokenizer());
        var distill = _ml.Reasoning().Distill(new DistillEstimator.Options
            { TeacherClient = client, Student = student, Rewards = TrainingFixtures.Scorer(new MathAccuracyReward()), Trainer = Sft });

        FluentActions.Invoking(() => distill.Fit(Data)).Should().Throw<InvalidOperationException>()
            .WithMessage("*no sample that the rewards and filters keep*reward:math*");
        FluentActions.Invoking(() =>
                new DistillEstimator(new DistillEstimator.Options { TeacherClient = client, Rewards = TrainingFixtures.Scorer() }))
            .Should().Throw<ArgumentNullException>().WithMessage("*Student is required*");
    }
}
