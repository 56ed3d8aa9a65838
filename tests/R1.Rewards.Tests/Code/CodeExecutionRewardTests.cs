using R1.Rewards.Abstractions;
using R1.Rewards.Code;

namespace R1.Rewards.Tests.Code;

/// <summary>Scoring rules, with top-level asserts (MBPP style) and the reward's not-applicable cases.</summary>
public class CodeExecutionRewardTests
{
    private const string Tests = "assert double(1) == 2\nimport math\nassert double(2) == 4\nassert double(3) == 7\n";
    private const string Doubler = "```python\ndef double(x):\n    return 2 * x\n```";

    private static async Task<RewardScore> Score(CodeScoringMode mode, RewardSample sample, ICodeExecutor? executor = null)
    {
        var reward = new CodeExecutionReward(new CodeExecutionOptions { ScoringMode = mode, MaxParallelProcesses = 2 }, executor);
        return (await reward.ScoreAsync([sample]))[0];
    }

    private static RewardSample Sample(string completion, string? tests = Tests) =>
        new() { Prompt = "double it", Completion = completion, Tests = tests };

    [Test]
    public async Task Fraction_counts_top_level_asserts_and_skips_setup_statements()
    {
        var score = await Score(CodeScoringMode.FractionOfTests, Sample(Doubler));

        score.Value.Should().BeApproximately(2.0 / 3.0, 1e-12);
        score.Diagnostic.Should().Be("2/3 tests passed; test 2: assertion failed");
    }

    [Test]
    public async Task Pass_fail_needs_every_test()
    {
        var partial = await Score(CodeScoringMode.PassFail, Sample(Doubler));
        var full = await Score(CodeScoringMode.PassFail, Sample(Doubler, "assert double(1) == 2\nassert double(5) == 10"));

        partial.Value.Should().Be(0);
        partial.Diagnostic.Should().Contain("assertion failed");
        full.Should().Be(RewardScore.Of(1, "1/1 tests passed"));
    }

    [Test]
    public async Task A_program_that_does_not_load_fails_every_test()
    {
        var syntax = await Score(CodeScoringMode.FractionOfTests, Sample("```python\ndef double(x) return x\n```"));
        var exits = await Score(CodeScoringMode.FractionOfTests, Sample("```python\nimport sys\nsys.exit(0)\n```"));

        syntax.Value.Should().Be(0);
        syntax.Diagnostic.Should().Contain("SyntaxError");
        exits.Value.Should().Be(0);
        exits.Diagnostic.Should().Contain("SystemExit");
    }

    [Test]
    public async Task Samples_without_tests_or_in_another_language_are_not_applicable_and_other_fences_score_zero()
    {
        var noTests = await Score(CodeScoringMode.FractionOfTests, Sample(Doubler, tests: null));
        var csharpTask = await Score(CodeScoringMode.FractionOfTests,
            Sample(Doubler) with { Extra = new Dictionary<string, string> { ["code_language"] = "csharp" } });
        var jsAnswer = await Score(CodeScoringMode.FractionOfTests, Sample("```javascript\nfunction double(x) { return 2 * x; }\n```"));

        noTests.IsApplicable.Should().BeFalse();
        csharpTask.Diagnostic.Should().Contain("'csharp' is not supported");
        jsAnswer.Should().Be(RewardScore.Of(0, "the code block is 'javascript', expected python"));
    }

    [Test]
    public async Task A_sandbox_failure_is_not_applicable()
    {
        var options = new CodeExecutionOptions
        {
            PythonPath = "/nonexistent/python3", Sandbox = SandboxMode.UnsafeNoIsolation, MaxParallelProcesses = 1,
        };
        using var executor = new LocalProcessExecutor(options);

        var score = await Score(CodeScoringMode.FractionOfTests, Sample(Doubler), executor);

        score.IsApplicable.Should().BeFalse();
        score.Diagnostic.Should().Contain("/nonexistent/python3");
    }

    [Test]
    public void Bad_options_are_named()
    {
        var act = () => new CodeExecutionReward(new CodeExecutionOptions { WallTimeSeconds = 0 });

        act.Should().Throw<ArgumentException>().WithMessage("*WallTimeSeconds must be positive, got 0*");
    }
}
