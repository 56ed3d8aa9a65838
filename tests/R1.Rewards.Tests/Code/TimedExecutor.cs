using System.Collections.Concurrent;
using R1.Rewards.Code;

namespace R1.Rewards.Tests.Code;

/// <summary>Records the wall-clock time of each run of an inner executor (for the HumanEval timing report).</summary>
internal sealed class TimedExecutor(ICodeExecutor inner) : ICodeExecutor
{
    private readonly ConcurrentBag<TimeSpan> _times = new();

    public IReadOnlyCollection<TimeSpan> Times => _times;

    public async ValueTask<CodeExecutionResult> ExecuteAsync(CodeExecutionRequest request, CancellationToken cancellationToken = default)
    {
        var result = await inner.ExecuteAsync(request, cancellationToken);
        _times.Add(result.Elapsed);
        return result;
    }

    /// <summary>Mean, median, 95th percentile and maximum per program, in milliseconds.</summary>
    public string Summary()
    {
        var ms = _times.Select(t => t.TotalMilliseconds).Order().ToArray();
        if (ms.Length == 0) return "no runs";
        return $"per program: mean {ms.Average():0} ms, median {ms[ms.Length / 2]:0} ms, p95 {ms[(int)(ms.Length * 0.95)]:0} ms, max {ms[^1]:0} ms";
    }
}
