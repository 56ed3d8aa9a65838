using R1.MLNet.Tests.TestSupport;
using R1.MLNet.Training;

namespace R1.MLNet.Tests.Training;

/// <summary>A stopped or torn rejection-sampling run resumes from its JSONL file with no duplicate and no lost row.</summary>
public class RejectionSamplerResumeTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "r1-rs-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static RejectionSamplingOptions Options(string? path, IProgress<RejectionSamplingProgress>? progress = null)
    {
        var o = RejectionSamplerTests.Options();
        o.OutputPath = path;
        o.Progress = progress;
        return o;
    }

    private static RejectionSamplingResult Run(RejectionSamplingOptions options, IReadOnlyList<ReasoningExample>? prompts = null,
        CancellationToken ct = default)
    {
        using var policy = TrainingFixtures.Create(seed: 3);
        return new RejectionSampler(policy, TrainingFixtures.Scorer(new VowelParityReward()), options, TrainingFixtures.Compact)
            .Run(prompts ?? RejectionSamplerTests.Prompts, ct);
    }

    private static string Describe(RejectionSampleRow r) =>
        $"{r.PromptIndex}/{r.SampleIndex} {r.Prompt} | {r.Response} | {r.Completion} | " +
        $"{string.Join(",", r.Scores.Select(s => $"{s.Key}={s.Value:R}"))} " +
        $"| {r.Total:R} | {r.Kept} | {r.DropReason} | {r.DropDetail} | {r.TaskType} | {r.Answer}";

    [Test]
    public void A_cancelled_run_resumes_to_the_rows_of_an_uninterrupted_run()
    {
        var reference = Run(Options(null));
        string path = Path.Combine(_dir, "rs.jsonl");
        using var cts = new CancellationTokenSource();
        var first = Run(Options(path, new Callback(p => { if (p.Batch == 1) cts.Cancel(); })), ct: cts.Token);

        first.Summary.Cancelled.Should().BeTrue();
        first.Rows.Should().HaveCount(3 * 4, "cancellation stops at the batch boundary after the first batch");
        File.ReadAllLines(path).Should().HaveCount(12);
        var resumed = Run(Options(path));

        resumed.Summary.Cancelled.Should().BeFalse();
        resumed.Summary.ResumedPrompts.Should().Be(3);
        resumed.Rows.Select(Describe).Should().Equal(reference.Rows.Select(Describe));
        File.ReadAllLines(path).Should().HaveCount(reference.Rows.Count, "no row is written twice");
        resumed.Summary.Kept.Should().Be(reference.Summary.Kept);
        resumed.Summary.DroppedByReason.Should().Equal(reference.Summary.DroppedByReason);
    }

    [Test]
    public void A_torn_file_is_cut_to_its_last_complete_batch_and_resumed_without_duplicates()
    {
        string path = Path.Combine(_dir, "rs.jsonl");
        var reference = Run(Options(path));
        string complete = File.ReadAllText(path);
        var lines = File.ReadAllLines(path);
        // Keep batch 0 (12 lines), 2 lines of batch 1, and half of the third line of batch 1: a kill -9 in the middle of a write.
        File.WriteAllText(path, string.Join("\n", lines.Take(14)) + "\n" + lines[14][..(lines[14].Length / 2)]);

        var resumed = Run(Options(path));

        resumed.Summary.ResumedPrompts.Should().Be(3);
        resumed.Rows.Select(Describe).Should().Equal(reference.Rows.Select(Describe));
        File.ReadAllText(path).Should().Be(complete, "the file ends up exactly as an uninterrupted run wrote it");
        var again = Run(Options(path));
        again.Summary.ResumedPrompts.Should().Be(RejectionSamplerTests.Prompts.Count, "a complete file is read back, not sampled again");
        again.Rows.Select(Describe).Should().Equal(reference.Rows.Select(Describe));
    }

    [Test]
    public void A_file_of_other_prompts_or_settings_is_refused_with_the_file_and_the_reason()
    {
        string path = Path.Combine(_dir, "rs.jsonl");
        Run(Options(path), RejectionSamplerTests.Prompts.Take(3).ToList());
        var otherPrompts = RejectionSamplerTests.Prompts.Skip(3).Take(3).ToList();
        FluentActions.Invoking(() => Run(Options(path), otherPrompts)).Should().Throw<InvalidDataException>()
            .WithMessage($"*'{path}'*line 1*prompt 0 is not the input's*");
        var otherSeed = Options(path);
        otherSeed.Seed = 8;
        FluentActions.Invoking(() => Run(otherSeed, RejectionSamplerTests.Prompts.Take(3).ToList())).Should().Throw<InvalidDataException>()
            .WithMessage($"*'{path}'*other settings*");
        File.AppendAllText(path, "not json\n{\"batch\":0}\n");
        FluentActions.Invoking(() => Run(Options(path), RejectionSamplerTests.Prompts.Take(3).ToList())).Should().Throw<InvalidDataException>()
            .WithMessage($"*'{path}'*line 13*not a rejection-sampling row*");
    }

    private sealed class Callback(Action<RejectionSamplingProgress> action) : IProgress<RejectionSamplingProgress>
    {
        public void Report(RejectionSamplingProgress value) => action(value);
    }
}
