using R1.Cli.Tests.TestSupport;

namespace R1.Cli.Tests;

/// <summary><c>r1 serve</c> maps config and flags onto R1.Serving's <c>ServerOptions</c> (the runner is recorded, no host starts).</summary>
public sealed class ServeVerbTests
{
    [Test]
    public void Serve_maps_the_config_section_and_lets_flags_override_it()
    {
        string dir = TinyData.TempFolder();
        Directory.CreateDirectory(Path.Combine(dir, "policy"));
        File.WriteAllText(Path.Combine(dir, "r1.yaml"),
            "device: cpu\nserve:\n  model: policy\n  modelId: r1-tiny\n  urls: http://127.0.0.1:9000\n");
        var cli = new R1Tool();
        var result = cli.Run("serve", "--config", Path.Combine(dir, "r1.yaml"), "--urls", "http://127.0.0.1:9123");
        result.ExitCode.Should().Be(0, result.Output);
        var options = cli.Server.Calls.Should().ContainSingle().Subject;
        options.ModelPath.Should().Be(Path.Combine(dir, "policy"), "relative to the config file");
        options.ModelId.Should().Be("r1-tiny");
        options.Urls.Should().Be("http://127.0.0.1:9123", "the flag beats the config");
        options.Device.Should().Be("cpu");
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public void Serve_without_an_existing_model_fails_with_a_clear_error()
    {
        var cli = new R1Tool();
        var result = cli.Run("serve", "--model", "/no/such/policy");
        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("error:").And.Contain("/no/such/policy");
        cli.Server.Calls.Should().BeEmpty();
    }
}
