using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using R1.Rewards.Abstractions;

namespace R1.Rewards.Format;

/// <summary>
/// Rewards the reasoning layout: 1 when the completion follows <see cref="FormatRewardOptions.Style"/> under
/// <see cref="FormatRewardOptions.Mode"/>, otherwise 0 — or, with <see cref="FormatRewardOptions.PartialCredit"/>,
/// <see cref="FormatRewardOptions.PartialCreditPerTag"/> per expected tag that appears exactly once.
/// </summary>
public sealed partial class FormatReward : RewardBase
{
    private enum Segment { Blank, Reasoning, Answer, Summary }

    private static readonly string[] R1ZeroTags = [ReasoningCompletion.ThinkOpen, ReasoningCompletion.ThinkClose, ReasoningCompletion.AnswerOpen,
        ReasoningCompletion.AnswerClose];
    private static readonly Segment[] R1ZeroSegments = [Segment.Blank, Segment.Reasoning, Segment.Blank, Segment.Answer, Segment.Blank];
    private static readonly string[] R1Tags = [ReasoningCompletion.ThinkOpen, ReasoningCompletion.ThinkClose];
    private static readonly Segment[] R1Segments = [Segment.Blank, Segment.Reasoning, Segment.Summary];

    private readonly FormatRewardOptions _options;

    /// <summary>Creates the reward with <paramref name="options"/> (defaults when <see langword="null"/>).</summary>
    public FormatReward(FormatRewardOptions? options = null)
    {
        _options = options ?? new FormatRewardOptions();
        _options.Validate();
    }

    /// <summary>Creates the reward from DI options.</summary>
    public FormatReward(IOptions<FormatRewardOptions> options) : this(options.Value) { }

    /// <summary>The reward name, <c>format</c>.</summary>
    public const string RewardName = "format";

    /// <inheritdoc />
    public override string Name => RewardName;

    /// <summary>The options in use.</summary>
    public FormatRewardOptions Options => _options;

    /// <inheritdoc />
    protected override ValueTask<RewardScore> ScoreOneAsync(RewardSample sample, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Score(sample.Completion, ReasoningCompletion.PromptOpensThink(sample.Prompt)));

    /// <summary>Scores one completion; <paramref name="thinkOpenedInPrompt"/> says the prompt already ended with <c>&lt;think&gt;</c>.</summary>
    public RewardScore Score(string completion, bool thinkOpenedInPrompt = false)
    {
        ArgumentNullException.ThrowIfNull(completion);
        bool inPrompt = thinkOpenedInPrompt || _options.ThinkOpenedInPrompt;
        string body = _options.IgnoreTrailingSpecialTokens ? TrailingSpecialTokens().Replace(completion, "") : completion;
        string text = inPrompt ? ReasoningCompletion.ThinkOpen + body : body;
        var (tags, segments) = _options.Style == FormatStyle.R1Zero ? (R1ZeroTags, R1ZeroSegments) : (R1Tags, R1Segments);
        string style = _options.Style == FormatStyle.R1Zero ? "R1-Zero" : "R1";
        string mode = _options.Mode == FormatMode.Strict ? "strict" : "lenient";

        string? failure = Check(text, tags, segments);
        if (failure == null) return RewardScore.Of(1.0, $"{mode} {style} format ok");
        if (!_options.PartialCredit) return RewardScore.Of(0.0, $"not {mode} {style} format: {failure}");

        var expected = inPrompt ? tags.Skip(1).ToArray() : tags;
        int correct = expected.Count(t => Occurrences(body, t, Comparison) == 1);
        return RewardScore.Of(correct * _options.PartialCreditPerTag, $"not {mode} {style} format: {failure}; {correct}/{expected.Length} tags once");
    }

    private StringComparison Comparison => _options.Mode == FormatMode.Strict ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>Returns why <paramref name="text"/> does not follow the layout, or <see langword="null"/> when it does.</summary>
    private string? Check(string text, string[] tags, Segment[] segments)
    {
        var positions = new int[tags.Length];
        string? failure = _options.Mode == FormatMode.Strict ? LocateStrict(text, tags, positions) : LocateLenient(text, tags, positions);
        if (failure != null) return failure;
        for (int s = 0; s < segments.Length; s++)
        {
            int start = s == 0 ? 0 : positions[s - 1] + tags[s - 1].Length;
            int end = s == tags.Length ? text.Length : positions[s];
            string where = s == 0 ? $"before {tags[0]}" : s == tags.Length ? $"after {tags[^1]}" : $"between {tags[s - 1]} and {tags[s]}";
            failure = CheckSegment(text.AsSpan(start, end - start), segments[s], where);
            if (failure != null) return failure;
        }
        return null;
    }

    private static string? LocateStrict(string text, string[] tags, int[] positions)
    {
        for (int t = 0; t < tags.Length; t++)
        {
            int count = Occurrences(text, tags[t], StringComparison.Ordinal);
            if (count != 1) return count == 0 ? $"missing {tags[t]}" : $"{tags[t]} appears {count} times";
            positions[t] = text.IndexOf(tags[t], StringComparison.Ordinal);
            if (t > 0 && positions[t] < positions[t - 1]) return $"{tags[t]} comes before {tags[t - 1]}";
        }
        return null;
    }

    private static string? LocateLenient(string text, string[] tags, int[] positions)
    {
        int from = 0;
        for (int t = 0; t < tags.Length; t++)
        {
            positions[t] = text.IndexOf(tags[t], from, StringComparison.OrdinalIgnoreCase);
            if (positions[t] < 0) return t == 0 ? $"missing {tags[t]}" : $"no {tags[t]} after {tags[t - 1]}";
            from = positions[t] + tags[t].Length;
        }
        return null;
    }

    private string? CheckSegment(ReadOnlySpan<char> segment, Segment kind, string where)
    {
        bool strict = _options.Mode == FormatMode.Strict;
        return kind switch
        {
            Segment.Blank when strict && !segment.IsWhiteSpace() => $"text {where}",
            Segment.Reasoning when strict && segment.IsWhiteSpace() => "empty reasoning",
            Segment.Answer when segment.IsWhiteSpace() => "empty answer",
            Segment.Summary when !HasLetterOrDigit(segment) => "no summary after </think>",
            _ => null,
        };
    }

    private static bool HasLetterOrDigit(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
            if (char.IsLetterOrDigit(c)) return true;
        return false;
    }

    private static int Occurrences(string text, string tag, StringComparison comparison)
    {
        int count = 0;
        for (int i = text.IndexOf(tag, comparison); i >= 0; i = text.IndexOf(tag, i + tag.Length, comparison)) count++;
        return count;
    }

    [GeneratedRegex(@"(\s*(<\|[^|<>]{1,64}\|>|<｜[^｜<>]{1,64}｜>))+\s*$")]
    private static partial Regex TrailingSpecialTokens();
}
