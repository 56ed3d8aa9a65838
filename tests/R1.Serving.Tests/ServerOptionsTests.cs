using R1.Serving;

namespace R1.Serving.Tests;

public sealed class ServerOptionsTests
{
    [Test]
    public void Defaults_listen_on_loopback_port_8000_on_the_cpu()
    {
        var options = new ServerOptions();
        options.Urls.Should().Be("http://127.0.0.1:8000");
        options.Device.Should().Be("cpu");
    }
}
