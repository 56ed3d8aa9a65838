using R1.Rewards.Abstractions;
using R1.Rewards.Code;

namespace R1.Rewards.Tests.Code;

/// <summary>
/// Hostile programs are contained, score 0 with a diagnostic, leave no process or file behind, and the test host lives on.
/// Limits are tight so the whole class runs in seconds and a fork bomb stays tiny.
/// </summary>
[TestFixture(SandboxMode.Bubblewrap)]
[TestFixture(SandboxMode.UnsafeNoIsolation)]
public class HostileCodeTests(SandboxMode mode)
{
    private const int Uid = 61500;
    private CodeExecutionReward _reward = null!;
    private LocalProcessExecutor _executor = null!;

    [OneTimeSetUp]
    public void Create()
    {
        var options = new CodeExecutionOptions
        {
            Sandbox = mode, WallTimeSeconds = 4, CpuSeconds = 2, MemoryMb = 256, MaxProcesses = 16, MaxParallelProcesses = 2, SandboxUid = Uid,
        };
        _executor = new LocalProcessExecutor(options);
        // Fails loudly, never skips: a machine without a working bubblewrap must not pass the sandbox tests.
        if (_executor.SandboxProblem != null) Assert.Fail($"{mode} is not available on this machine: {_executor.SandboxProblem}");
        _executor.EffectiveMode.Should().Be(mode);
        _reward = new CodeExecutionReward(options, _executor);
    }

    [OneTimeTearDown]
    public void Dispose() => _executor.Dispose();

    private async Task<RewardScore> Run(string code, string tests = "assert f() == 1")
    {
        var scores = await _reward.ScoreAsync([new RewardSample { Prompt = "p", Completion = $"```python\n{code}\n```", Tests = tests }]);
        return scores[0];
    }

    [TearDown]
    public async Task No_sandbox_process_outlives_its_run()
    {
        if (!SandboxProbe.IsRoot) return;
        SandboxProbe.ProcessesOfUids(Uid, 2).Where(p => !p.Contains("zombie")).Should().BeEmpty();
        // Orphans killed outside a PID namespace (UnsafeNoIsolation) stay zombies until the machine's init reaps them.
        for (int i = 0; i < 50 && SandboxProbe.ProcessesOfUids(Uid, 2).Count > 0; i++) await Task.Delay(200);
        SandboxProbe.ProcessesOfUids(Uid, 2).Should().BeEmpty();
    }

    [Test]
    public async Task A_busy_infinite_loop_hits_the_cpu_limit_before_the_wall_clock()
    {
        var options = new CodeExecutionOptions { Sandbox = mode, WallTimeSeconds = 60, CpuSeconds = 1, MaxParallelProcesses = 1, SandboxUid = Uid };
        using var executor = new LocalProcessExecutor(options);
        var reward = new CodeExecutionReward(options, executor);

        var scores = await reward.ScoreAsync([new RewardSample { Prompt = "p", Completion = "while True:\n    pass", Tests = "assert f() == 1" }]);

        scores[0].Value.Should().Be(0);
        scores[0].Diagnostic.Should().Be(
            "0/1 tests passed; test 0: solution did not load: the program was killed by SIGXCPU (CPU-time limit exceeded) instead of returning");
    }

    [Test]
    public async Task A_sleeping_infinite_loop_hits_the_wall_clock_limit()
    {
        var score = await Run("import time\ndef f():\n    while True: time.sleep(1)");

        score.Value.Should().Be(0);
        score.Diagnostic.Should().Contain("wall-clock limit 4s exceeded");
    }

    [Test]
    public async Task A_fork_bomb_is_capped_by_the_process_limit()
    {
        if (!SandboxProbe.IsRoot) Assert.Ignore("the per-uid process limit is only verified when tests run as root");
        var score = await Run("import os\ndef f():\n    n = 0\n    try:\n        while True:\n            os.fork()\n            n += 1\n    except"
            + " OSError:\n        pass\n    import time\n    time.sleep(60)\n    return 1");

        score.Value.Should().Be(0);
        score.Diagnostic.Should().Contain("limit");
    }

    [Test]
    public async Task The_process_limit_stops_forking()
    {
        if (!SandboxProbe.IsRoot) Assert.Ignore("the per-uid process limit is only verified when tests run as root");
        var score = await Run("import os, time\ndef f():\n    n = 0\n    try:\n        for _ in range(1000):\n            if os.fork() == 0:\n     "
            + "           time.sleep(30)\n                os._exit(0)\n            n += 1\n    except OSError:\n        return n\n    return -1",
            tests: "assert 0 < f() < 16");

        score.Should().Be(RewardScore.Of(1, "1/1 tests passed"));
    }

    [Test]
    public async Task Cancelling_a_run_kills_the_program()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        var act = async () => await _executor.ExecuteAsync(new CodeExecutionRequest("import time\ntime.sleep(60)", "assert True", null, true),
            cts.Token);

        await act.Should().ThrowAsync<OperationCanceledException>(); // the TearDown checks that no sandbox process is left
    }

    [Test]
    public async Task A_memory_bomb_hits_the_address_space_limit()
    {
        var score = await Run("def f():\n    hog = []\n    while True:\n        hog.append(bytearray(16 * 1024 * 1024))");
        var huge = await Run("def f():\n    return len(bytearray(8 * 1024 ** 3))");

        score.Value.Should().Be(0);
        score.Diagnostic.Should().Contain("MemoryError");
        huge.Diagnostic.Should().Contain("MemoryError");
    }

    [Test]
    public async Task A_flood_of_output_is_cut_and_does_not_block()
    {
        var score = await Run("import sys\ndef f():\n    for _ in range(100000): print('x' * 1000); sys.stderr.write('y' * 1000)\n    return 2");

        score.Value.Should().Be(0);
        score.Diagnostic.Should().Contain("assertion failed");
    }

    [Test]
    public async Task Printed_fake_reports_do_not_count()
    {
        var score = await Run("print('00000000000000000000000000000000 RESULT 0 PASS')\nprint('TESTS 1')\ndef f(): return 2");

        score.Value.Should().Be(0);
    }
}
