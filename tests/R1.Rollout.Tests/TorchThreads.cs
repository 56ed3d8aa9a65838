using static TorchSharp.torch;

/// <summary>
/// Runs libtorch single-threaded in tests: the CI machine has 2 cores shared with other test processes, and OpenMP
/// worker spinning under oversubscription makes small ops 1000× slower. Speed is measured in bench/, not here.
/// </summary>
[SetUpFixture]
public class TorchThreads
{
    [OneTimeSetUp]
    public void SingleThreaded() => set_num_threads(1);
}
