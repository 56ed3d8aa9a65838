using R1.Rewards.Code;

namespace R1.Rewards.Tests.Code;

/// <summary>HumanEval end to end through the local sandbox, two programs at a time.</summary>
public class HumanEvalTests
{
    private static CodeExecutionReward Reward(CodeScoringMode mode, ICodeExecutor? executor = null) =>
        new(new CodeExecutionOptions { ScoringMode = mode, MaxParallelProcesses = 2 }, executor);

    [TestCase(CodeScoringMode.FractionOfTests)]
    [TestCase(CodeScoringMode.PassFail)]
    public async Task Every_canonical_solution_passes(CodeScoringMode mode)
    {
        var problems = HumanEvalData.Problems;
        problems.Should().HaveCount(164);

        using var local = new LocalProcessExecutor(new CodeExecutionOptions { MaxParallelProcesses = 2 });
        var timed = new TimedExecutor(local);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var samples = problems.Select(p => HumanEvalData.Sample(p, HumanEvalData.CanonicalCompletion(p))).ToArray();

        var scores = await Reward(mode, timed).ScoreAsync(samples);

        TestContext.Out.WriteLine($"{mode}: {scores.Count(s => s.Value == 1.0)}/164 in {clock.Elapsed.TotalSeconds:0.0} s; {timed.Summary()}");
        timed.Times.Should().HaveCount(164).And.OnlyContain(t => t > TimeSpan.Zero);
        var failures = problems.Zip(scores).Where(x => x.Second.Value != 1.0).Select(x => $"{x.First.TaskId}: {x.Second}").ToArray();
        failures.Should().BeEmpty();
        scores.Count(s => s.Value == 1.0).Should().Be(164);
    }

    [Test]
    public async Task A_stub_body_fails_every_problem_and_an_empty_completion_scores_zero()
    {
        var problems = HumanEvalData.Problems;
        var stubs = problems.Select(p => HumanEvalData.Sample(p, $"```python\n{p.Prompt}    return None\n```")).ToArray();

        var scores = await Reward(CodeScoringMode.PassFail).ScoreAsync(stubs);
        var empty = await Reward(CodeScoringMode.FractionOfTests)
            .ScoreAsync([HumanEvalData.Sample(problems[0], ""), HumanEvalData.Sample(problems[0], "```python\n```")]);

        scores.Should().OnlyContain(s => s.Value == 0.0);
        empty.Should().OnlyContain(s => s.Value == 0.0 && s.Diagnostic == "no code in the completion");
    }

    [Test]
    public async Task Swapped_canonical_solutions_fail()
    {
        var problems = HumanEvalData.Problems.Take(20).ToArray();
        var swapped = problems.Select((p, i) =>
        {
            var other = problems[(i + 1) % problems.Length];
            return HumanEvalData.Sample(p, HumanEvalData.CanonicalCompletion(other));
        }).ToArray();

        var scores = await Reward(CodeScoringMode.PassFail).ScoreAsync(swapped);

        scores.Should().OnlyContain(s => s.Value == 0.0);
        scores.Should().Contain(s => s.Diagnostic.Contains("does not define"));
    }

    [Test]
    public async Task Fraction_mode_counts_each_assert_of_check_separately()
    {
        var p = HumanEvalData.Problems[0]; // has_close_elements: 7 asserts, 3 of them expect False
        var alwaysFalse = HumanEvalData.Sample(p, $"```python\n{p.Prompt}    return False\n```");

        var fraction = await Reward(CodeScoringMode.FractionOfTests).ScoreAsync([alwaysFalse]);
        var passFail = await Reward(CodeScoringMode.PassFail).ScoreAsync([alwaysFalse]);

        fraction[0].Value.Should().BeApproximately(3.0 / 7.0, 1e-12);
        fraction[0].Diagnostic.Should().StartWith("3/7 tests passed; test 0: assertion failed");
        passFail[0].Value.Should().Be(0.0);
    }
}
