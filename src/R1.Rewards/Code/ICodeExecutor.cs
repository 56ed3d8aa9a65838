namespace R1.Rewards.Code;

/// <summary>
/// Runs a program against its tests somewhere isolated (a local sandboxed process, a remote service) and reports
/// per-test results. Implementations are thread-safe and never throw for bad programs: they return a result with an
/// <see cref="CodeExecutionOutcome"/> and a diagnostic.
/// </summary>
public interface ICodeExecutor
{
    /// <summary>Runs <paramref name="request"/> and reports how many tests passed.</summary>
    ValueTask<CodeExecutionResult> ExecuteAsync(CodeExecutionRequest request, CancellationToken cancellationToken = default);
}
