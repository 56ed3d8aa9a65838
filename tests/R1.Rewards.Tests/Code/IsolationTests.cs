using System.Net;
using System.Net.Sockets;
using R1.Rewards.Abstractions;
using R1.Rewards.Code;

namespace R1.Rewards.Tests.Code;

/// <summary>File-system and network isolation: only bubblewrap provides them (RlimitsOnly documents that it does not).</summary>
public class IsolationTests
{
    private LocalProcessExecutor _executor = null!;
    private CodeExecutionReward _reward = null!;

    [OneTimeSetUp]
    public void Create()
    {
        var options = new CodeExecutionOptions { Sandbox = SandboxMode.Bubblewrap, WallTimeSeconds = 5, MaxParallelProcesses = 2 };
        _executor = new LocalProcessExecutor(options);
        _reward = new CodeExecutionReward(options, _executor);
    }

    [OneTimeTearDown]
    public void Dispose() => _executor.Dispose();

    private async Task<RewardScore> Run(string code)
    {
        var scores = await _reward.ScoreAsync([new RewardSample { Prompt = "p", Completion = $"```python\n{code}\n```", Tests = "assert f() == 1" }]);
        return scores[0];
    }

    [Test]
    public async Task Writes_outside_the_working_directory_fail_and_leave_nothing_behind()
    {
        string name = "r1-escape-" + Guid.NewGuid().ToString("N");
        string[] targets = [Path.Combine("/tmp", name), Path.Combine("/var/tmp", name), Path.Combine(TestPaths.RepoRoot, name),
            Path.Combine("/dev/shm", name)];
        try
        {
            foreach (var target in targets)
            {
                var score = await Run($"def f():\n    with open('{target}', 'w') as out: out.write('escaped')\n    return 1");

                score.Value.Should().Be(0, target);
                score.Diagnostic.Should().MatchRegex("PermissionError|OSError|FileNotFoundError", target);
                File.Exists(target).Should().BeFalse(target);
            }
        }
        finally
        {
            foreach (var target in targets) File.Delete(target);
        }
    }

    [Test]
    public async Task The_working_directory_is_writable_and_thrown_away()
    {
        var score = await Run("import os\ndef f():\n    open('scratch.txt', 'w').write('ok')\n    return 1 if open('scratch.txt').read() == 'ok' "
            + "else 0");

        score.Value.Should().Be(1);
        Directory.EnumerateDirectories(Path.GetTempPath(), "r1-code-*").Should().BeEmpty();
    }

    [Test]
    public void Auto_mode_uses_bubblewrap_when_it_is_installed_and_falls_back_otherwise()
    {
        using var auto = new LocalProcessExecutor(new CodeExecutionOptions { MaxParallelProcesses = 1 });
        bool installed = new[] { "/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap" }.Any(File.Exists);

        auto.EffectiveMode.Should().Be(installed ? SandboxMode.Bubblewrap : SandboxMode.RlimitsOnly);
    }

    [Test]
    public async Task Network_connections_fail_to_loopback_and_outside()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptTcpClientAsync();

        var loopback = await Run($"import socket\ndef f():\n    socket.create_connection(('127.0.0.1', {port}), timeout=2)\n    return 1");
        var outside = await Run("import socket\ndef f():\n    socket.create_connection(('1.1.1.1', 53), timeout=2)\n    return 1");

        loopback.Value.Should().Be(0);
        loopback.Diagnostic.Should().Contain("ConnectionRefusedError");
        outside.Value.Should().Be(0);
        outside.Diagnostic.Should().MatchRegex("OSError|unreachable|timed out");
        accepted.IsCompleted.Should().BeFalse("no connection may reach the host's listener");
    }
}
