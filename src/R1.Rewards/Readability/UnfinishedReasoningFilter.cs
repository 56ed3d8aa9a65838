using R1.Rewards.Abstractions;
using R1.Rewards.Format;

namespace R1.Rewards.Readability;

/// <summary>
/// Drops completions whose reasoning never finished: no <c>&lt;/think&gt;</c> closes the think block (opened in the completion or by a
/// prompt ending with <c>&lt;think&gt;</c>; typically a completion cut off at the length limit), parsed by
/// <see cref="ReasoningCompletion"/>. A completion without any think tag fails too, unless
/// <see cref="UnfinishedReasoningFilterOptions.AllowNoReasoning"/> is set.
/// </summary>
public sealed class UnfinishedReasoningFilter : IReadabilityFilter
{
    /// <summary>The filter name, <c>unfinished</c>.</summary>
    public const string FilterName = "unfinished";

    private readonly UnfinishedReasoningFilterOptions _options;

    /// <summary>Creates the filter with <paramref name="options"/> (defaults when <see langword="null"/>).</summary>
    public UnfinishedReasoningFilter(UnfinishedReasoningFilterOptions? options = null) =>
        _options = options ?? new UnfinishedReasoningFilterOptions();

    /// <inheritdoc />
    public string Name => FilterName;

    /// <summary>The options in use.</summary>
    public UnfinishedReasoningFilterOptions Options => _options;

    /// <inheritdoc />
    public ReadabilityVerdict Check(RewardSample sample) =>
        ReadabilityText.Run(Name, sample, ReadabilityTarget.WholeCompletion, (_, s) => CheckParsed(ReasoningCompletion.Parse(s)));

    private ReadabilityVerdict CheckParsed(ReasoningCompletion parsed)
    {
        if (!parsed.IsReasoningFinished) return ReadabilityVerdict.Fail("the reasoning never finished: no </think> closes the think block");
        if (parsed.AfterReasoning != null) return ReadabilityVerdict.Pass("the reasoning ends with </think>");
        return _options.AllowNoReasoning
            ? ReadabilityVerdict.Pass("no reasoning block (allowed)")
            : ReadabilityVerdict.Fail("no </think>: the completion has no finished reasoning block");
    }
}
