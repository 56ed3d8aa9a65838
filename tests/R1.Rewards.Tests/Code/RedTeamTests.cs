using R1.Rewards.Abstractions;
using R1.Rewards.Code;

namespace R1.Rewards.Tests.Code;

/// <summary>
/// The policy as an adversary of its reward: every program of <see cref="RedTeamPrograms"/> (lying objects, harness tampering,
/// writes to the report channel, reading the tests, early exits, timing and resource attacks) scores exactly 0 under bubblewrap,
/// against HumanEval-style and top-level-assert tests, in both scoring modes, while an honest solution scores 1.
/// </summary>
public class RedTeamTests
{
    private const string CheckTests = """
        METADATA = {'author': 'red team'}

        def check(candidate):
            assert candidate(1) == 7932
            assert candidate(2) == 15851
            assert candidate(-5) == -39582
            assert [candidate(i) for i in range(3)] == [13, 7932, 15851]
            assert True, 'not a test of the candidate'
        """;

    private const string TopLevelTests = "assert solve(1) == 7932\nassert solve(2) == 15851\nassert solve(-5) == -39582\nassert True\n";
    private const string Honest = "def solve(x):\n    return 7919 * x + 13";

    private LocalProcessExecutor _executor = null!;
    private CodeExecutionOptions _options = null!;

    public static IEnumerable<TestCaseData> Programs() =>
        RedTeamPrograms.All().Select(p => new TestCaseData(p.Code).SetName($"Hostile_program_scores_zero({p.Name})"));

    [OneTimeSetUp]
    public void Create()
    {
        _options = new CodeExecutionOptions
        {
            Sandbox = SandboxMode.Bubblewrap, WallTimeSeconds = 3, CpuSeconds = 2, MemoryMb = 256, MaxProcesses = 16, MaxParallelProcesses = 4,
            SandboxUid = 61600,
        };
        _executor = new LocalProcessExecutor(_options);
        if (_executor.SandboxProblem != null) Assert.Fail($"bubblewrap is needed for the red-team tests: {_executor.SandboxProblem}");
    }

    [OneTimeTearDown]
    public void Dispose() => _executor.Dispose();

    private async Task<IReadOnlyList<RewardScore>> ScoreEveryWay(string code)
    {
        string completion = $"```python\n{code}\n```";
        var samples = new[]
        {
            new RewardSample { Prompt = "p", Completion = completion, Tests = CheckTests, EntryPoint = "solve" },
            new RewardSample { Prompt = "p", Completion = completion, Tests = TopLevelTests },
        };
        var scores = new List<RewardScore>();
        foreach (var mode in new[] { CodeScoringMode.FractionOfTests, CodeScoringMode.PassFail })
        {
            var options = new CodeExecutionOptions { ScoringMode = mode, MaxParallelProcesses = _options.MaxParallelProcesses };
            scores.AddRange(await new CodeExecutionReward(options, _executor).ScoreAsync(samples));
        }
        return scores;
    }

    [Test]
    public async Task The_honest_solution_scores_one_every_way()
    {
        var scores = await ScoreEveryWay(Honest);

        scores.Should().HaveCount(4).And.OnlyContain(s => s.Value == 1.0, string.Join(" | ", scores));
        scores[0].Diagnostic.Should().Be("4/4 tests passed", "`assert True` says nothing about the candidate and is not counted");
    }

    [TestCaseSource(nameof(Programs))]
    public async Task Hostile_program_scores_zero(string code)
    {
        var scores = await ScoreEveryWay(code);

        TestContext.Out.WriteLine(string.Join("\n", scores));
        scores.Should().HaveCount(4);
        scores.Should().OnlyContain(s => s.IsApplicable && s.Value == 0.0,
            "a hostile program must score 0, never n/a: " + string.Join(" | ", scores));
    }

    [Test]
    public void The_suite_covers_at_least_25_programs_across_every_category()
    {
        var names = RedTeamPrograms.All().Select(p => p.Name).ToArray();

        names.Should().HaveCountGreaterThanOrEqualTo(25).And.OnlyHaveUniqueItems();
        names.Should().Contain(["eq_always_true", "int_subclass_eq", "frames_locals_and_globals", "gc_get_objects", "sys_modules_main_patched",
            "atexit_forged_reports", "writes_every_fd", "reads_judge_memory_via_proc", "os_exit_0_in_call", "systemexit_in_del",
            "sigkill_the_judge", "sigstop_the_judge", "fills_the_disk"]);
    }
}
