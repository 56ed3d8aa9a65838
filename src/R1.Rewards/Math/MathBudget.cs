using System.Diagnostics;

namespace R1.Rewards.Math;

/// <summary>
/// The time and size allowance of one equivalence check. Parsing and evaluation call <see cref="Step"/> as they go,
/// so a hostile answer stops with a <see cref="MathBudgetExceededException"/> instead of hanging (no thread aborts).
/// </summary>
internal sealed class MathBudget
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _timeout;
    private readonly CancellationToken _cancellationToken;
    private long _steps;

    /// <summary>Starts a budget of <paramref name="timeout"/> and <paramref name="maxSteps"/> steps.</summary>
    public MathBudget(TimeSpan timeout, long maxSteps, CancellationToken cancellationToken = default)
    {
        _timeout = timeout;
        MaxSteps = maxSteps;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The step allowance (parse nodes plus evaluated nodes).</summary>
    public long MaxSteps { get; }

    /// <summary>Time spent so far.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Counts one unit of work; throws when the step, time or cancellation limit is hit.</summary>
    /// <exception cref="MathBudgetExceededException">The budget is spent.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public void Step()
    {
        if (++_steps > MaxSteps) throw new MathBudgetExceededException($"more than {MaxSteps} steps");
        if ((_steps & 63) != 0) return;
        _cancellationToken.ThrowIfCancellationRequested();
        if (_clock.Elapsed > _timeout) throw new MathBudgetExceededException($"timed out after {_timeout.TotalMilliseconds:0} ms");
    }

    /// <summary>A budget with generous limits, for callers that only want parsing.</summary>
    public static MathBudget Generous() => new(TimeSpan.FromSeconds(10), 1_000_000);
}
