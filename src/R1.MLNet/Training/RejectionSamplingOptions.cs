using R1.Rewards.Readability;
using R1.Rollout.Generation;

namespace R1.MLNet.Training;

/// <summary>
/// Every setting of <see cref="RejectionSampler"/> (DeepSeek-R1's stage 3: sample several completions per prompt from a teacher,
/// keep the correct and readable ones), with its default. Binds from configuration
/// (<c>configuration.GetSection("RejectionSampling").Bind(options)</c>; <see cref="Filters"/> and <see cref="Progress"/> are set in code).
/// </summary>
public sealed class RejectionSamplingOptions
{
    /// <summary>k: completions sampled per prompt. Default 4.</summary>
    public int SamplesPerPrompt { get; set; } = 4;

    /// <summary>
    /// How completions are sampled. Default temperature 0.6, top-p 0.95 (the paper's sampling settings), <c>MaxNewTokens</c> 256.
    /// Its <c>Seed</c> is not used: each batch's seed derives from <see cref="Seed"/> and the batch index, so a resumed run samples
    /// exactly as an uninterrupted one. With an <c>IChatClient</c> teacher, temperature, top-p and <c>MaxNewTokens</c> become
    /// <c>ChatOptions.Temperature</c>, <c>TopP</c> and <c>MaxOutputTokens</c>.
    /// </summary>
    public SamplingOptions Sampling { get; set; } = new() { Temperature = 0.6, TopP = 0.95, MaxNewTokens = 256 };

    /// <summary>Prompts per batch: the unit of generation, of the output file and of resuming. Default 16.</summary>
    public int PromptsPerBatch { get; set; } = 16;

    /// <summary>
    /// The most samples kept per prompt (the first ones in sample order); the rest are dropped as <c>max-kept</c>. Default null: all.
    /// </summary>
    public int? MaxKeptPerPrompt { get; set; }

    /// <summary>
    /// Drop a sample whose completion equals (after trimming and collapsing whitespace) one already kept for the same prompt, as
    /// <c>duplicate</c>. Default true.
    /// </summary>
    public bool Deduplicate { get; set; } = true;

    /// <summary>
    /// The correctness rule: the minimum score per reward (by reward name, case-insensitive). A sample is correct when at least one
    /// of these rewards applies to it and every one that applies reaches its minimum; a missing score (the reward failed) drops it.
    /// Rewards of the pipeline not named here (format, language, …) do not decide correctness. Names the pipeline does not have
    /// are ignored, but at least one must be in it unless the dictionary is empty. Empty: only <see cref="MinTotal"/> decides.
    /// Default <c>math</c> ≥ 1, <c>code</c> ≥ 1, <c>judge</c> ≥ 1.
    /// </summary>
    public Dictionary<string, double> MinScores { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["math"] = 1.0, ["code"] = 1.0, ["judge"] = 1.0,
    };

    /// <summary>Also require the weighted total reward to reach this value (dropped as <c>reward:total</c>). Default null: no total check.</summary>
    public double? MinTotal { get; set; }

    /// <summary>
    /// The readability filters, run in order on correct samples; the first that fails is the drop reason (<c>filter:&lt;Name&gt;</c>).
    /// Default <see cref="ReadabilityFilters.Default"/>: the paper's set (<c>unfinished</c>, <c>mixed-language</c>, <c>long-paragraph</c>,
    /// <c>code-block</c>) with default options. Empty: no readability filtering.
    /// </summary>
    public IList<IReadabilityFilter> Filters { get; set; } = ReadabilityFilters.Default().ToList();

    /// <summary>
    /// A JSONL file that receives one line per sample (kept and dropped), appended and flushed batch by batch. A new run with the
    /// same path resumes: it reads the file back, drops a torn last line and an incomplete last batch, checks that the file belongs
    /// to the same prompts and settings, and samples only the remaining batches. Default none.
    /// </summary>
    public string? OutputPath { get; set; }

    /// <summary>Requests in flight at once with an <c>IChatClient</c> teacher. Default 4.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>How long one <c>IChatClient</c> request may take before it counts as a <c>teacher-error</c>. Default 5 minutes.</summary>
    public TimeSpan TeacherTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Random seed of the sampling; the same seed, teacher and prompts give the same rows. Default <see langword="null"/>: 42, or, for a step
    /// made by <c>mlContext.Reasoning()</c>, a seed drawn from the
    /// <c>MLContext</c>'s own (so <c>new MLContext(seed: n)</c> decides the run).
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>The seed in use: <see cref="Seed"/>, else 42.</summary>
    internal int EffectiveSeed => Seed ?? 42;

    /// <summary>Receives the progress after each batch. Default none.</summary>
    public IProgress<RejectionSamplingProgress>? Progress { get; set; }

    /// <summary>A copy (its <see cref="Sampling"/>, <see cref="MinScores"/> and <see cref="Filters"/> are copies too).</summary>
    public RejectionSamplingOptions Clone()
    {
        var copy = (RejectionSamplingOptions)MemberwiseClone();
        copy.Sampling = Sampling?.Clone()!;
        copy.MinScores = MinScores is null ? null! : new Dictionary<string, double>(MinScores, StringComparer.OrdinalIgnoreCase);
        copy.Filters = Filters is null ? null! : Filters.ToList();
        return copy;
    }

    /// <summary>Checks every value and throws an <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        const string name = nameof(RejectionSamplingOptions);
        static void Positive(int v, string property)
        {
            if (v < 1) throw new ArgumentOutOfRangeException(property, v, $"{name}.{property} must be at least 1.");
        }
        Positive(SamplesPerPrompt, nameof(SamplesPerPrompt));
        Positive(PromptsPerBatch, nameof(PromptsPerBatch));
        Positive(MaxConcurrency, nameof(MaxConcurrency));
        if (MaxKeptPerPrompt is { } max) Positive(max, nameof(MaxKeptPerPrompt));
        if (TeacherTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(TeacherTimeout), TeacherTimeout, $"{name}.TeacherTimeout must be positive.");
        if (Sampling is null) throw new ArgumentNullException(nameof(Sampling), $"{name}.Sampling must not be null.");
        SamplingChecks.Validate(Sampling, $"{name}.Sampling");
        if (MinScores is null) throw new ArgumentNullException(nameof(MinScores), $"{name}.MinScores must not be null.");
        foreach (var (reward, min) in MinScores)
            if (string.IsNullOrWhiteSpace(reward) || !double.IsFinite(min))
                throw new ArgumentException($"{name}.MinScores['{reward}'] = {min}: names must be non-empty and minimums finite.", nameof(MinScores));
        if (MinTotal is { } total && !double.IsFinite(total))
            throw new ArgumentOutOfRangeException(nameof(MinTotal), total, $"{name}.MinTotal must be finite.");
        if (MinScores.Count == 0 && MinTotal is null)
            throw new ArgumentException($"{name}: MinScores is empty and MinTotal is not set, so nothing decides correctness.", nameof(MinScores));
        if (Filters is null) throw new ArgumentNullException(nameof(Filters), $"{name}.Filters must not be null.");
        for (int i = 0; i < Filters.Count; i++)
            if (Filters[i] is null || string.IsNullOrWhiteSpace(Filters[i].Name))
                throw new ArgumentException($"{name}.Filters[{i}] is null or has no Name.", nameof(Filters));
        var twice = Filters.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"{name}.Filters has two filters named '{twice.Key}'.", nameof(Filters));
        if (OutputPath is { } path && string.IsNullOrWhiteSpace(path))
            throw new ArgumentException($"{name}.OutputPath must be null or a file path (got '{path}').", nameof(OutputPath));
    }
}
