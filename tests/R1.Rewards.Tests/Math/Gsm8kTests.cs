using R1.Rewards.Abstractions;
using R1.Rewards.Math;

namespace R1.Rewards.Tests.Math;

public class Gsm8kTests
{
    private static string MarkedNumber(string solution) => solution[(solution.LastIndexOf("####", StringComparison.Ordinal) + 4)..].Trim();

    [Test]
    public void Every_hash_marked_answer_is_extracted_and_matched()
    {
        var records = BenchmarkData.Gsm8k();
        records.Should().HaveCount(1319);
        var failures = new List<string>();
        foreach (var (record, i) in records.Select((r, i) => (r, i)))
        {
            var number = MarkedNumber(record.Answer);
            var extracted = AnswerExtractor.Extract(record.Answer);
            if (extracted is not { Source: AnswerSource.HashMarker } || extracted.Answer != number)
                failures.Add($"#{i}: extracted {extracted} instead of '{number}'");
            else if (MathVerifier.AreEquivalent(extracted.Answer, number.Replace(",", "")) is { IsEquivalent: false } r)
                failures.Add($"#{i}: {r.Diagnostic}");
        }
        failures.Should().BeEmpty();
    }

    [Test]
    public async Task Completions_built_from_each_answer_score_one_and_a_wrong_number_scores_zero()
    {
        var records = BenchmarkData.Gsm8k();
        var samples = new List<RewardSample>();
        var expected = new List<double>();
        foreach (var record in records)
        {
            var number = MarkedNumber(record.Answer);
            var gold = number.Replace(",", "");
            var wrong = (decimal.Parse(gold, System.Globalization.CultureInfo.InvariantCulture) + 1)
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
            void Add(string completion, double score)
            {
                samples.Add(new RewardSample { Prompt = record.Question, Completion = completion, Answer = gold });
                expected.Add(score);
            }
            Add(record.Answer, 1);
            Add($"Let me compute step by step. The answer is {number}.", 1);
            Add($"<think>steps</think> So we get $\\boxed{{{number}}}$.", 1);
            Add($"<think>steps</think><answer>{number}</answer>", 1);
            Add($"The answer is ${number}.", 1);
            Add($"The answer is {wrong}.", 0);
        }

        var scores = await new MathAccuracyReward().ScoreAsync(samples);

        var mismatches = scores.Select((s, k) => (s, k)).Where(p => p.s.Value != expected[p.k])
            .Select(p => $"{samples[p.k].Completion[..System.Math.Min(60, samples[p.k].Completion.Length)]} -> {p.s}").Take(20).ToList();
        mismatches.Should().BeEmpty();
        scores.Count(s => s.Value == 1).Should().Be(5 * 1319);
    }
}
