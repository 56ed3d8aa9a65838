using System.Diagnostics;
using Microsoft.Extensions.Logging;
using R1.Rollout;
using R1.Rollout.Engines;
using R1.Rollout.Generation;

namespace R1.MLNet.Training;

/// <summary>
/// Where a GRPO step gets its rollouts: in this process (today's path, or an <see cref="InProcessRolloutEngine"/>), or from a remote
/// engine with the weight pushes (<see cref="WeightSync"/>) due before the step and, with <see cref="RolloutOptions.Overlap"/>, the next
/// step's rollouts generated while this one scores and learns. Each step samples with the same per-step seed.
/// </summary>
internal sealed class RolloutSource : IDisposable
{
    private readonly CompletionSampler _sampler;
    private readonly GrpoOptions _options;
    private readonly Func<int, IReadOnlyList<ReasoningExample>> _batchOf;
    private readonly IRolloutEngine? _engine;
    private readonly WeightSync? _sync;
    private readonly CancellationTokenSource _stop = new();
    private Generation? _prefetch;

    /// <param name="policy">The policy being trained.</param>
    /// <param name="sampler">Prompt formatting and completion text.</param>
    /// <param name="options">The trainer's options (<see cref="GrpoOptions.Rollout"/>, the sampling settings, the seed).</param>
    /// <param name="batchOf">The prompts of a step (for the overlap's prefetch).</param>
    /// <param name="logger">Warnings of the clean-up.</param>
    public RolloutSource(Policy policy, CompletionSampler sampler, GrpoOptions options, Func<int, IReadOnlyList<ReasoningExample>> batchOf,
        ILogger logger)
    {
        (_sampler, _options, _batchOf) = (sampler, options, batchOf);
        _engine = options.Rollout.Engine;
        if (options.Rollout.IsRemote) _sync = new WeightSync(policy, options.Rollout, logger);
    }

    /// <summary>Generation seconds hidden behind learning so far.</summary>
    public double OverlapSeconds { get; private set; }

    /// <summary>Weight pushes so far.</summary>
    public int Pushes => _sync?.Pushes ?? 0;

    /// <summary>The rollouts of step <paramref name="step"/> (0-based), pushing the weights first when due.</summary>
    /// <exception cref="RolloutEngineException">The engine failed (after its retries) to take the weights or to generate.</exception>
    public StepRollouts Take(int step, IReadOnlyList<ReasoningExample> prompts)
    {
        var clock = Stopwatch.StartNew();
        if (_sync is null) return Local(step, prompts, clock);
        double sync = 0;
        if (_sync.Due(step))
        {
            if (_sync.IsFullWeights) Settle(_prefetch);                        // the servers restart: let the prefetch finish first
            var syncClock = Stopwatch.StartNew();
            _sync.Push(step);
            sync = syncClock.Elapsed.TotalSeconds;
        }
        var generation = _prefetch is { Step: var s } p && s == step ? p : Launch(step, prompts);
        _prefetch = null;
        var waitClock = Stopwatch.StartNew();
        var completions = generation.Task.GetAwaiter().GetResult();
        double wait = waitClock.Elapsed.TotalSeconds;
        _sync.UnloadRetired();                                               // nothing is in flight now
        double hidden = generation.Prefetched ? Math.Max(0, generation.Seconds - wait) : 0;
        OverlapSeconds += hidden;
        if (_options.Rollout.Overlap && step + 1 < _options.MaxSteps) _prefetch = Launch(step + 1, _batchOf(step + 1), prefetched: true);
        return new StepRollouts(completions.SelectMany(g => g).ToList(), true, step - generation.Version, sync, wait, hidden);
    }

    /// <summary>Cancels a prefetch still in flight and removes what the pushes left.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        Settle(_prefetch);
        _prefetch = null;
        _sync?.Dispose();
        _stop.Dispose();
    }

    private StepRollouts Local(int step, IReadOnlyList<ReasoningExample> prompts, Stopwatch clock)
    {
        var questions = prompts.Select(p => p.Prompt).ToList();
        var sampling = Sampling(step);
        var groups = _engine is null
            ? _sampler.SampleGroups(questions, _options.NumGenerations, sampling)
            : _sampler.SampleGroupsAsync(_engine, questions, _options.NumGenerations, sampling, CancellationToken.None).GetAwaiter().GetResult();
        return new StepRollouts(groups.SelectMany(g => g).ToList(), false, 0, 0, clock.Elapsed.TotalSeconds, 0);
    }

    private Generation Launch(int step, IReadOnlyList<ReasoningExample> prompts, bool prefetched = false)
    {
        var clock = Stopwatch.StartNew();
        var generation = new Generation(step, _sync!.Version ?? step, prefetched);
        var task = _sampler.SampleGroupsAsync(_engine!, prompts.Select(p => p.Prompt).ToList(), _options.NumGenerations, Sampling(step), _stop.Token);
        generation.Task = task.ContinueWith(t =>
        {
            generation.Seconds = clock.Elapsed.TotalSeconds;
            return t;
        }, TaskScheduler.Default).Unwrap();
        return generation;
    }

    /// <summary>The sampling settings of a step: its seed derives from the run's seed and the step, as in-process.</summary>
    private SamplingOptions Sampling(int step)
    {
        var sampling = _options.Sampling.Clone();
        sampling.Seed = (long)_options.EffectiveSeed * 1_000_003 + step;
        return sampling;
    }

    /// <summary>Waits for a generation to end, whatever its outcome (its error surfaces when the step takes it).</summary>
    private static void Settle(Generation? generation)
    {
        if (generation is null) return;
        try { generation.Task.Wait(); }
        catch (AggregateException) { }
    }

    /// <summary>One step's generation on the engine: which step, the weights' version that samples, and its task.</summary>
    private sealed class Generation(int step, int version, bool prefetched)
    {
        public int Step { get; } = step;
        public int Version { get; } = version;
        public bool Prefetched { get; } = prefetched;
        public Task<IReadOnlyList<IReadOnlyList<SampledCompletion>>> Task { get; set; } = null!;
        public double Seconds { get; set; }
    }
}
