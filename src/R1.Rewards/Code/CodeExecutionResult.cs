namespace R1.Rewards.Code;

/// <summary>The result of one program run.</summary>
/// <param name="Outcome">How the run ended.</param>
/// <param name="TestCount">How many tests the harness counted (0 when it never started).</param>
/// <param name="Passed">How many tests passed.</param>
/// <param name="Diagnostic">A short reason: the first failure, the limit hit, the sandbox error.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
public sealed record CodeExecutionResult(CodeExecutionOutcome Outcome, int TestCount, int Passed, string Diagnostic, TimeSpan Elapsed)
{
    /// <summary>Whether every test ran and passed.</summary>
    public bool AllPassed => Outcome == CodeExecutionOutcome.Completed && TestCount > 0 && Passed == TestCount;

    /// <summary>A result for a run that could not happen.</summary>
    public static CodeExecutionResult SandboxFailure(string diagnostic) => new(CodeExecutionOutcome.SandboxError, 0, 0, diagnostic, TimeSpan.Zero);
}
