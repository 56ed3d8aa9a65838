using static TorchSharp.torch;

namespace R1.Cli.Tests;

/// <summary>libtorch single-threaded: the CI machine has 2 cores shared with other test processes.</summary>
[SetUpFixture]
public class TorchThreads
{
    [OneTimeSetUp]
    public void SingleThreaded() => set_num_threads(1);
}
