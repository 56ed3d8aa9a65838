using System.Diagnostics;

namespace R1.Serving.Tests;

/// <summary>Runs <c>scripts/curl-server.sh</c> (plain curl and grep) against a server on a tiny model; skipped without curl.</summary>
[TestFixture]
public sealed class CurlScriptTests
{
    [Test]
    public async Task The_curl_script_passes_against_a_running_server()
    {
        if (!OnPath("curl") || !OnPath("bash")) Assert.Ignore("curl or bash is not installed.");
        await using var server = await TinyServer.StartAsync();
        var start = new ProcessStartInfo("bash", [Path.Combine(TestPaths.RepoRoot, "scripts", "curl-server.sh")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["R1_SERVER_URL"] = server.Server.BaseAddress.ToString().TrimEnd('/') },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        process.ExitCode.Should().Be(0, await stderr);
        (await stdout).Should().MatchRegex(@"curl-server: 1[0-9] checks passed");
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));
}
