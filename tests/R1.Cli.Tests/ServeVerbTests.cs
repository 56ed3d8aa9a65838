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

    [Test]
    public void Serve_enable_lora_and_max_loras_come_from_the_config_and_flags_beat_them()
    {
        string dir = TinyData.TempFolder();
        Directory.CreateDirectory(Path.Combine(dir, "policy"));
        File.WriteAllText(Path.Combine(dir, "r1.yaml"), "serve:\n  model: policy\n  enableLora: true\n  max-loras: 2\n");
        var cli = new R1Tool();
        cli.Run("serve", "--config", Path.Combine(dir, "r1.yaml")).ExitCode.Should().Be(0);
        cli.Run("serve", "--config", Path.Combine(dir, "r1.yaml"), "--max-loras", "7").ExitCode.Should().Be(0);
        cli.Server.Calls.Should().HaveCount(2);
        cli.Server.Calls[0].EnableLora.Should().BeTrue("the config's key");
        cli.Server.Calls[0].MaxLoras.Should().Be(2);
        cli.Server.Calls[1].MaxLoras.Should().Be(7, "the flag beats the config");
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public void Serve_takes_the_model_as_an_argument_as_vllm_serve_does_and_lora_is_off_by_default()
    {
        string dir = TinyData.TempFolder();
        string policy = Directory.CreateDirectory(Path.Combine(dir, "policy")).FullName;
        var cli = new R1Tool();
        var plain = cli.Run("serve", policy);
        var lora = cli.Run("serve", policy, "--enable-lora", "--max-loras", "3");
        plain.ExitCode.Should().Be(0, plain.Output);
        lora.ExitCode.Should().Be(0, lora.Output);
        cli.Server.Calls.Select(c => c.ModelPath).Should().Equal(policy, policy);
        cli.Server.Calls[0].EnableLora.Should().BeFalse();
        cli.Server.Calls[0].MaxLoras.Should().Be(new R1.Serving.ServerOptions().MaxLoras, "the server's default");
        cli.Server.Calls[1].EnableLora.Should().BeTrue();
        cli.Server.Calls[1].MaxLoras.Should().Be(3);
        string.Concat(lora.Output.Where(c => !char.IsWhiteSpace(c))).Should().Contain("LoRAadapterson(atmost3)");
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public void Serve_with_a_non_positive_max_loras_fails_with_a_clear_error()
    {
        string dir = TinyData.TempFolder();
        string policy = Directory.CreateDirectory(Path.Combine(dir, "policy")).FullName;
        var cli = new R1Tool();
        var result = cli.Run("serve", policy, "--enable-lora", "--max-loras", "0");
        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("error:").And.Contain("max-loras").And.Contain("0");
        cli.Server.Calls.Should().BeEmpty();
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public void Serve_with_two_different_models_refuses_to_guess()
    {
        string dir = TinyData.TempFolder();
        string a = Directory.CreateDirectory(Path.Combine(dir, "a")).FullName;
        string b = Directory.CreateDirectory(Path.Combine(dir, "b")).FullName;
        var cli = new R1Tool();
        var result = cli.Run("serve", a, "--model", b);
        result.ExitCode.Should().Be(1);
        result.Output.Should().Contain("error:").And.Contain("Two models");
        cli.Server.Calls.Should().BeEmpty();
        Directory.Delete(dir, recursive: true);
    }
}
