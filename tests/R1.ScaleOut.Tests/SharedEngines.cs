namespace R1.ScaleOut.Tests;

/// <summary>
/// Two engine processes over the same checkpoint (<see cref="ScaleOutModels.QwenFolder"/>, served as
/// <see cref="ScaleOutModels.QwenId"/> with LoRA on), started once for the whole run and shared by the fixtures: a process start
/// costs seconds. A test that kills one leaves it dead; the next <see cref="StartAsync"/> (a fixture's set-up) restarts it on
/// its port. <see cref="EngineProcessCleanup"/> kills them after the last test.
/// </summary>
public static class SharedEngines
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EngineProcess? _a, _b;

    /// <summary>Both engines, each running (started, or restarted after a test killed it).</summary>
    public static async Task<(EngineProcess A, EngineProcess B)> StartAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_a is null || _b is null)
            {
                var options = new EngineProcessOptions { ModelId = ScaleOutModels.QwenId };
                string folder = ScaleOutModels.QwenFolder;
                var a = EngineProcess.StartAsync(folder, options);
                var b = EngineProcess.StartAsync(folder, options);
                (_a, _b) = (await a, await b);
            }
            await Task.WhenAll(_a.EnsureRunningAsync(), _b.EnsureRunningAsync());
            return (_a, _b);
        }
        finally { Gate.Release(); }
    }
}
