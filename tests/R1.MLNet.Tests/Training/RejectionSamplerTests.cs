using R1.MLNet.Tests.TestSupport;
using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rewards.Readability;
using R1.Rollout.ChatTemplates;
using TorchSharp;

namespace R1.MLNet.Tests.Training;

/// <summary>The rejection-sampling engine over a local policy: exactly the correct, readable samples are kept, each drop has its reason.</summary>
public class RejectionSamplerTests
{
    internal static readonly IReadOnlyList<ReasoningExample> Prompts =
    [
        .. Enumerable.Range(0, 6).Select(i => new ReasoningExample($"{i}+{i + 1}", $"{2 * i + 1}", TaskType: "math")),
        new ReasoningExample("say hi", TaskType: "general"), new ReasoningExample("say bye", TaskType: "general"),
    ];

    internal static RejectionSamplingOptions Options() => new()
    {
        SamplesPerPrompt = 4, PromptsPerBatch = 3, MaxKeptPerPrompt = 2, Seed = 7,
        Sampling = { MaxNewTokens = 6, Temperature = 1.0, TopP = 1.0 },
        Filters = [new ForbiddenCharsFilter("no-xyz", "xyzXYZ"), new ForbiddenCharsFilter("no-low-digits", "01234")],
    };

    [Test]
    public void Keeps_exactly_the_correct_readable_samples_and_gives_every_drop_its_reason()
    {
        using var policy = TrainingFixtures.Create(seed: 3);
        var rewards = TrainingFixtures.Scorer(new VowelParityReward());
        var options = Options();
        var result = new RejectionSampler(policy, rewards, options, TrainingFixtures.Compact).Run(Prompts);

        result.Rows.Should().HaveCount(Prompts.Count * 4);
        var rescored = rewards.ScoreAsync(result.Rows.Select(r => ReasoningEvaluator.ToRewardSample(Prompts[r.PromptIndex], r.Completion)).ToList())
            .AsTask().GetAwaiter().GetResult()["math"];
        foreach (var group in result.Rows.Select((row, n) => (Row: row, Math: rescored[n])).GroupBy(x => x.Row.PromptIndex))
        {
            var keptTexts = new HashSet<string>();
            foreach (var (row, math) in group)
            {
                string? expected = Expected(row, math.Value, options.Filters, keptTexts, options.MaxKeptPerPrompt!.Value);
                row.DropReason.Should().Be(expected, $"prompt {row.PromptIndex} sample {row.SampleIndex}: '{row.Completion}' scored {math}");
                row.Kept.Should().Be(expected is null);
                if (expected is null) keptTexts.Add(RejectionJudge.Normalize(row.Completion));
                else row.DropDetail.Should().NotBeNullOrWhiteSpace();
                row.Scores["math"].Should().Be(math.Value);
                row.Response.Should().Be(row.Completion, "the compact format has no completion prefix and opens no think block");
            }
        }
        var reasons = result.Summary.DroppedByReason;
        result.Summary.Kept.Should().BeGreaterThan(0);
        reasons.Keys.Should().Contain(["reward:math", "reward:none-applicable", "filter:no-xyz"]);
        reasons.Values.Sum().Should().Be(result.Summary.Samples - result.Summary.Kept);
        result.Summary.Samples.Should().Be(32);
        result.ToSftPairs().Should().Equal(result.Kept.Select(r => (r.Prompt, r.Response)));
        string table = result.Summary.ToString();
        table.Should().Contain($"{result.Summary.Kept} kept").And.MatchRegex($@"reward:math +{reasons["reward:math"]}\b");
        TestContext.Out.WriteLine(table);
    }

    /// <summary>The reason the documented order gives, computed independently of the engine.</summary>
    private static string? Expected(RejectionSampleRow row, double? math, IList<IReadabilityFilter> filters, HashSet<string> kept, int max)
    {
        if (math is null) return RejectionDropReason.NoneApplicable;
        if (math < 1) return "reward:math";
        var sample = ReasoningEvaluator.ToRewardSample(Prompts[row.PromptIndex], row.Completion);
        if (filters.FirstOrDefault(f => !f.Check(sample).Passed) is { } failed) return "filter:" + failed.Name;
        if (kept.Contains(RejectionJudge.Normalize(row.Completion))) return RejectionDropReason.Duplicate;
        return kept.Count >= max ? RejectionDropReason.MaxKept : null;
    }

    [Test]
    public void The_same_seed_gives_the_same_rows_and_another_seed_other_rows()
    {
        using var policy = TrainingFixtures.Create(seed: 3);
        var rewards = TrainingFixtures.Scorer(new VowelParityReward());
        string[] Texts(int seed)
        {
            var o = Options();
            o.Seed = seed;
            var rows = new RejectionSampler(policy, rewards, o, TrainingFixtures.Compact).Run(Prompts.Take(3).ToList()).Rows;
            return rows.Select(r => r.Completion).ToArray();
        }
        Texts(7).Should().Equal(Texts(7));
        Texts(8).Should().NotEqual(Texts(7));
    }

    [Test]
    public void A_template_that_opens_think_leaves_it_out_of_the_response_and_in_the_self_contained_completion()
    {
        using var policy = TrainingFixtures.Create(seed: 3);
        var format = new PromptFormat(new DeepSeekR1ChatTemplate());
        var o = Options();
        o.Filters = [];
        var rows = new RejectionSampler(policy, TrainingFixtures.Scorer(new VowelParityReward()), o, format).Run(Prompts.Take(2).ToList()).Rows;

        rows.Where(r => r.DropReason != RejectionDropReason.TeacherError).Should().NotBeEmpty()
            .And.OnlyContain(r => r.Completion == "<think>" + r.Response);
        var prefixed = new RejectionSampler(policy, TrainingFixtures.Scorer(new VowelParityReward()), o,
            TrainingFixtures.Compact with { CompletionPrefix = "<answer>" }).Run(Prompts.Take(2).ToList()).Rows;
        prefixed.Where(r => r.DropReason != RejectionDropReason.TeacherError).Should().NotBeEmpty()
            .And.OnlyContain(r => r.Completion == "<answer>" + r.Response);
    }

    [Test]
    public void Options_are_validated_and_name_the_bad_value()
    {
        using var policy = TrainingFixtures.Create(seed: 3);
        var rewards = TrainingFixtures.Scorer(new VowelParityReward());
        RejectionSampler Make(Action<RejectionSamplingOptions> change)
        {
            var o = Options();
            change(o);
            return new RejectionSampler(policy, rewards, o);
        }
        FluentActions.Invoking(() => Make(o => o.SamplesPerPrompt = 0)).Should().Throw<ArgumentException>().WithMessage("*SamplesPerPrompt*");
        FluentActions.Invoking(() => Make(o => o.MaxKeptPerPrompt = 0)).Should().Throw<ArgumentException>().WithMessage("*MaxKeptPerPrompt*");
        FluentActions.Invoking(() => Make(o => o.Sampling.TopP = 2)).Should().Throw<ArgumentException>().WithMessage("*Sampling*TopP*");
        FluentActions.Invoking(() => Make(o => o.MinScores["math"] = double.NaN)).Should().Throw<ArgumentException>().WithMessage("*MinScores*");
        FluentActions.Invoking(() => Make(o => o.Filters.Add(new ForbiddenCharsFilter("no-xyz", "q"))))
            .Should().Throw<ArgumentException>().WithMessage("*two filters named 'no-xyz'*");
        FluentActions.Invoking(() => Make(o => o.MinScores = new() { ["judge"] = 1 }))
            .Should().Throw<ArgumentException>().WithMessage("*MinScores names judge*pipeline has math*");
        FluentActions.Invoking(() => Make(o => o.MinScores = new()))
            .Should().Throw<ArgumentException>().WithMessage("*nothing decides correctness*");
        FluentActions.Invoking(() => Make(_ => { }).Run([new ReasoningExample(" ")]))
            .Should().Throw<ArgumentException>().WithMessage("*prompts[0]*empty*");
    }

    [Test]
    public void Live_tensors_stay_flat_over_runs()
    {
        using var policy = TrainingFixtures.Create(seed: 3);
        var sampler = new RejectionSampler(policy, TrainingFixtures.Scorer(new VowelParityReward()), Options(), TrainingFixtures.Compact);
        var counts = new List<long>();
        for (int i = 0; i < 4; i++)
        {
            sampler.Run(Prompts.Take(3).ToList());
            GC.Collect();
            GC.WaitForPendingFinalizers();
            counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }
        counts.Skip(1).Distinct().Should().ContainSingle("a run disposes every tensor it creates");
    }
}
