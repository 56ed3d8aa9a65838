namespace R1.Bench;

/// <summary>
/// The step shape and run length of the <c>scaleout</c> suite, from its arguments: <c>quick</c> (shorter completions, one measured
/// step, one round), <c>threads=N</c> (the trainer's libtorch threads; default the core count).
/// </summary>
internal sealed record ScaleOutShape(int Threads, int Prompts, int Generations, int MaxNewTokens, int MeasuredSteps, int FullMeasuredSteps,
    int Rounds)
{
    /// <summary>Steps before the measured ones (JIT, first allocations, the first adapter push).</summary>
    public const int WarmUpSteps = 1;

    /// <summary>The shape the arguments ask for.</summary>
    public static ScaleOutShape From(string[] args)
    {
        bool quick = args.Contains("quick");
        int threads = args.FirstOrDefault(a => a.StartsWith("threads=", StringComparison.Ordinal)) is { } t
            ? int.Parse(t["threads=".Length..])
            : Environment.ProcessorCount;
        return quick
            ? new ScaleOutShape(threads, Prompts: 8, Generations: 8, MaxNewTokens: 24, MeasuredSteps: 1, FullMeasuredSteps: 1, Rounds: 1)
            : new ScaleOutShape(threads, Prompts: 8, Generations: 8, MaxNewTokens: 32, MeasuredSteps: 3, FullMeasuredSteps: 2, Rounds: 2);
    }

    /// <summary>One line for the output.</summary>
    public override string ToString() =>
        $"{Prompts} prompts x G={Generations}, {MaxNewTokens} new tokens (T 1), warm-up {WarmUpSteps} step then " +
        $"{MeasuredSteps} measured (full fine-tuning: {FullMeasuredSteps}); {Rounds} round(s) of all configurations, interleaved, " +
        "each configuration's best round kept (the cores are shared with other work)";
}
