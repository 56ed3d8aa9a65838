using R1.Rewards.Abstractions;

namespace R1.Rewards.Readability;

/// <summary>
/// A readability check on a sampled completion, used by rejection sampling to drop chains of thought that are correct but
/// unfit to train on (DeepSeek-R1 drops CoTs with mixed languages, long paragraphs and code blocks). A filter reads the
/// completion (parsed with <see cref="Format.ReasoningCompletion"/>) and the reference fields of the sample it needs
/// (the target <see cref="RewardSample.Language"/>); it never throws on any completion text.
/// </summary>
public interface IReadabilityFilter
{
    /// <summary>A short, stable name used in statistics and drop reasons, for example <c>mixed-language</c>.</summary>
    string Name { get; }

    /// <summary>Checks one sample.</summary>
    ReadabilityVerdict Check(RewardSample sample);
}
