using R1.Rollout.Runtime;

namespace R1.Rollout.Tests.Runtime;

[TestFixture]
public class TorchRuntimeTests
{
    [Test]
    public void Missing_glibcxx_message_names_the_symbol_and_both_fixes()
    {
        string msg = TorchRuntime.DescribeLoadFailure(
            "libLibTorchSharp.so: /lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found",
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", hasGlibcxx: false);
        msg.Should().Contain("GLIBCXX_3.4.32").And.Contain("scripts/setup.sh").And.Contain("apt-get install -t trixie libstdc++6")
           .And.Contain("/usr/lib/x86_64-linux-gnu/libstdc++.so.6");
    }

    [Test]
    public void Lacking_symbol_is_diagnosed_even_when_the_native_error_is_generic()
    {
        string msg = TorchRuntime.DescribeLoadFailure(
            "Unable to load shared library 'LibTorchSharp'", "/usr/lib64/libstdc++.so.6", hasGlibcxx: false);
        msg.Should().Contain("lacks GLIBCXX_3.4.32").And.Contain("trixie");
    }

    [Test]
    public void Other_failures_point_to_the_native_package()
    {
        string msg = TorchRuntime.DescribeLoadFailure(
            "This application uses TorchSharp but doesn't contain a reference to libtorch-cpu", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            hasGlibcxx: true);
        msg.Should().Contain("TorchSharp-cpu").And.Contain("TorchSharp-cuda-linux").And.NotContain("trixie");
    }

    [Test]
    public void Symbol_scan_finds_ascii_in_binary()
    {
        byte[] blob = [0, 1, .. "xxGLIBCXX_3.4.32\0"u8.ToArray(), 255];
        TorchRuntime.ContainsAscii(blob, "GLIBCXX_3.4.32").Should().BeTrue();
        TorchRuntime.ContainsAscii(blob, "GLIBCXX_3.4.33").Should().BeFalse();
    }

    [Test]
    public void On_this_machine_the_backend_loads()
    {
        var act = TorchRuntime.EnsureAvailable;
        act.Should().NotThrow();
        TorchRuntime.HasRequiredGlibcxx().Should().NotBe(false, "scripts/setup.sh installs a libstdc++ with GLIBCXX_3.4.32");
    }
}
