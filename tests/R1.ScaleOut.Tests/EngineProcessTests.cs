using System.Diagnostics;
using System.Text.Json.Nodes;

namespace R1.ScaleOut.Tests;

/// <summary>The test helper itself: an <c>r1 serve</c> child process starts, reports where it serves, dies, restarts and is cleaned up.</summary>
public sealed class EngineProcessTests
{
    [Test]
    public async Task A_started_engine_serves_its_model_at_the_printed_address()
    {
        var (a, _) = await SharedEngines.StartAsync();
        a.ApiAddress.Should().Be(new Uri(a.BaseAddress, "v1/"));
        a.BaseAddress.Port.Should().BePositive("port 0 was replaced by the real one from the 'Serving … at' line");
        a.ModelId.Should().Be(ScaleOutModels.QwenId);
        using var http = new HttpClient();
        var models = JsonNode.Parse(await http.GetStringAsync(new Uri(a.ApiAddress, "models")))!["data"]!.AsArray();
        models.Select(m => (string)m!["id"]!).Should().Contain(ScaleOutModels.QwenId);
        ((string)(await a.HealthAsync())["status"]!).Should().Be("ok");
    }

    [Test]
    public async Task A_killed_engine_is_gone_a_restart_serves_on_the_same_port_and_dispose_leaves_no_process()
    {
        var engine = await EngineProcess.StartAsync(ScaleOutModels.CharFolder, new EngineProcessOptions { ModelId = "char" });
        try
        {
            int first = engine.ProcessId;
            var address = engine.BaseAddress;
            engine.Kill();
            engine.IsRunning.Should().BeFalse();
            IsAlive(first).Should().BeFalse("Kill ends the whole tree");
            await engine.Invoking(e => e.HealthAsync()).Should().ThrowAsync<HttpRequestException>();

            await engine.RestartAsync();
            engine.ProcessId.Should().NotBe(first);
            engine.BaseAddress.Should().Be(address, "a restart reuses the port, so a configured endpoint reaches it");
            ((string)(await engine.HealthAsync())["model"]!).Should().Be("char");
        }
        finally { engine.Dispose(); }
        engine.IsRunning.Should().BeFalse();
        await engine.Invoking(e => e.HealthAsync()).Should().ThrowAsync<HttpRequestException>();
    }

    [Test]
    public async Task A_server_that_cannot_start_fails_fast_with_its_output_in_the_error()
    {
        string missing = Path.Combine(ScaleOutModels.Scratch("missing"), "no-such-policy");
        var act = () => EngineProcess.StartAsync(missing);
        var error = (await act.Should().ThrowAsync<InvalidOperationException>()).Which;
        error.Message.Should().Contain("exited with code 1 before serving").And.Contain("error:").And.Contain("no-such-policy");
    }

    [Test]
    public async Task A_server_that_does_not_serve_in_time_is_killed_and_the_error_holds_its_output()
    {
        var options = new EngineProcessOptions { StartTimeout = TimeSpan.FromMilliseconds(200) };
        var act = () => EngineProcess.StartAsync(ScaleOutModels.CharFolder, options);
        var error = (await act.Should().ThrowAsync<TimeoutException>()).Which;
        error.Message.Should().Contain("printed no 'Serving … at' line within").And.Contain("stderr:").And.Contain("r1.dll serve");
        Process.GetProcesses().Where(p => IsServing(p, ScaleOutModels.CharFolder)).Should().BeEmpty("the timed-out process was killed");
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; }
    }

    /// <summary>Whether <paramref name="p"/> is an <c>r1 serve</c> over <paramref name="folder"/> (Linux: its command line).</summary>
    private static bool IsServing(Process p, string folder)
    {
        try { return File.ReadAllText($"/proc/{p.Id}/cmdline").Contains(folder) && !p.HasExited; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException) { return false; }
    }
}
