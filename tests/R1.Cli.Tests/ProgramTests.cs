namespace R1.Cli.Tests;

public sealed class ProgramTests
{
    [Test]
    public void The_tool_assembly_is_named_r1() =>
        typeof(R1.Serving.ServerOptions).Assembly.GetName().Name.Should().Be("R1.Serving");
}
