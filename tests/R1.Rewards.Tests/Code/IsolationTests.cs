using System.Net;
using System.Net.Sockets;
using R1.Rewards.Abstractions;
using R1.Rewards.Code;

namespace R1.Rewards.Tests.Code;

/// <summary>
/// File-system, socket and network isolation and the scratch-space cap: only bubblewrap provides them (UnsafeNoIsolation
/// documents that it does not). Fails loudly when bubblewrap is missing.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class IsolationTests
{
    private LocalProcessExecutor _executor = null!;
    private CodeExecutionReward _reward = null!;

    [OneTimeSetUp]
    public void Create()
    {
        var options = new CodeExecutionOptions { Sandbox = SandboxMode.Bubblewrap, WallTimeSeconds = 5, MaxParallelProcesses = 2 };
        _executor = new LocalProcessExecutor(options);
        if (_executor.SandboxProblem != null) Assert.Fail($"bubblewrap is needed for the isolation tests: {_executor.SandboxProblem}");
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
    public async Task Writes_outside_the_private_scratch_space_fail_and_nothing_reaches_the_host()
    {
        string name = "r1-escape-" + Guid.NewGuid().ToString("N");
        string[] denied = [Path.Combine(TestPaths.RepoRoot, name), Path.Combine("/dev/shm", name), Path.Combine("/usr", name), "/" + name];
        string[] privateDirs = [Path.Combine("/tmp", name), Path.Combine("/var/tmp", name)];
        try
        {
            foreach (var target in denied)
            {
                var score = await Run($"def f():\n    with open('{target}', 'w') as out: out.write('escaped')\n    return 1");

                score.Value.Should().Be(0, target);
                score.Diagnostic.Should().MatchRegex("PermissionError|OSError|FileNotFoundError", target);
                File.Exists(target).Should().BeFalse(target);
            }
            foreach (var target in privateDirs)
            {
                var score = await Run($"def f():\n    with open('{target}', 'w') as out: out.write('private')\n    return 1");

                score.Value.Should().Be(1, $"{target} is the sandbox's own tmpfs");
                File.Exists(target).Should().BeFalse(target);
            }
        }
        finally
        {
            foreach (var target in denied.Concat(privateDirs)) File.Delete(target);
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
    public void Auto_mode_is_bubblewrap_here()
    {
        using var auto = new LocalProcessExecutor(new CodeExecutionOptions { MaxParallelProcesses = 1 });

        auto.SandboxProblem.Should().BeNull();
        auto.EffectiveMode.Should().Be(SandboxMode.Bubblewrap);
    }

    [Test]
    public async Task The_checkout_the_test_data_and_host_secrets_cannot_be_read()
    {
        string[] files = [Path.Combine(TestPaths.RepoRoot, "README.md"), Path.Combine(TestPaths.RepoRoot, "src/R1.Rewards/Code/python_harness.py"),
            TestPaths.TestData("data/humaneval/HumanEval.jsonl.gz"), "/etc/passwd", "/etc/hostname", "/proc/1/environ"];
        foreach (var file in files)
        {
            File.Exists(file).Should().BeTrue(file);
            var score = await Run($"def f():\n    open('{file}', 'rb').read(1)\n    return 1");

            score.Value.Should().Be(0, file);
            score.Diagnostic.Should().MatchRegex("FileNotFoundError|PermissionError", file);
        }
    }

    [Test]
    public async Task A_host_unix_socket_in_var_tmp_cannot_be_reached()
    {
        string path = Path.Combine("/var/tmp", "r1-sock-" + Guid.NewGuid().ToString("N")[..8]);
        using var server = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        server.Bind(new UnixDomainSocketEndPoint(path));
        File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111);
        server.Listen();
        var accepted = server.AcceptAsync();
        try
        {
            var score = await Run($"import socket\ndef f():\n    s = socket.socket(socket.AF_UNIX)\n    s.connect('{path}')\n    return 1");

            score.Value.Should().Be(0);
            score.Diagnostic.Should().MatchRegex("FileNotFoundError|ConnectionRefusedError|PermissionError");
            accepted.IsCompleted.Should().BeFalse("no connection may reach the host's socket");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task Total_bytes_written_are_capped_by_the_scratch_space()
    {
        // 16 MiB per file (RLIMIT_FSIZE) but 64 MiB in all: the fifth file of 15 MiB cannot be written.
        var score = await Run("def f():\n    for i in range(40):\n        with open(f'/tmp/f{i}', 'wb') as o: o.write(b'x' * (15 << 20))\n"
            + "    return 1");
        var viaVarTmp = await Run("import os\ndef f():\n    open('/var/tmp/a', 'w').write('v')\n    return 1 if open('/tmp/a').read() == 'v' else 0");

        score.Value.Should().Be(0);
        score.Diagnostic.Should().Contain("No space left on device");
        viaVarTmp.Value.Should().Be(1, "/var/tmp is the private scratch space too");
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
