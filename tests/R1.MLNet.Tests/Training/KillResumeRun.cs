using R1.MLNet.Training;

namespace R1.MLNet.Tests.Training;

/// <summary>The GRPO run of the kill test, shared by the test and the child process it kills (R1.CheckpointCrashHost).</summary>
internal static class KillResumeRun
{
    public const int Steps = 6;

    public static GrpoOptions Options(string? directory, bool resume) => new()
    {
        MaxSteps = Steps, PromptsPerStep = 2, NumGenerations = 2, NumIterations = 1, Seed = 5,
        Sampling = { MaxNewTokens = 6 }, Loss = { Beta = 0.04 }, Optimizer = { LearningRate = 1e-2 },
        Checkpoints = { Directory = directory, Every = directory is null ? 0 : 1, KeepLast = 0, ResumeFrom = resume ? "latest" : null },
    };
}
