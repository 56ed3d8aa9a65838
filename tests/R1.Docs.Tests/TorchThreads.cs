using static TorchSharp.torch;

namespace R1.Docs.Tests;

/// <summary>
/// Runs libtorch single-threaded, as the other test projects do: the CI machine has 2 cores shared with other test processes,
/// and OpenMP worker spinning under oversubscription makes small ops far slower.
/// </summary>
[SetUpFixture]
public class TorchThreads
{
    [OneTimeSetUp]
    public void SingleThreaded() => set_num_threads(1);
}
