using static TorchSharp.torch;

namespace R1.ScaleOut.Tests;

/// <summary>
/// The assembly's set-up and tear-down: libtorch single-threaded in the test host (the engines run in their own processes on the
/// same 2 cores), and after the last test every engine process still alive is killed, even when a test failed before its
/// dispose; <see cref="AppDomain.ProcessExit"/> does the same if the host is stopped early.
/// </summary>
[SetUpFixture]
public sealed class EngineProcessCleanup
{
    [OneTimeSetUp]
    public void SetUp()
    {
        set_num_threads(1);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => EngineProcess.KillAll();
    }

    [OneTimeTearDown]
    public void TearDown()
    {
        EngineProcess.KillAll();
        ScaleOutModels.Delete();
    }
}
