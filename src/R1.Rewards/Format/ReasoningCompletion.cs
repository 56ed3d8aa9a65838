using System.ComponentModel;
using R1.Rewards.Abstractions;

namespace R1.Rewards.Format;

/// <summary>
/// The one parser of reasoning completions: splits a completion into its chain of thought (<see cref="Reasoning"/>) and
/// its final answer (<see cref="FinalAnswer"/>). Every reward that looks at an answer (math accuracy through
/// <see cref="Math.AnswerExtractor"/>, the judge, the ML.NET model reward) and the ML.NET <c>Reason</c> step read the answer
/// from here, so the answer a reward graded is the answer shown. Parsing is forgiving and never throws; the
/// <see cref="FormatReward"/> is the one that judges whether the layout is right.
/// </summary>
/// <remarks>
/// <para>The rules, chosen with the policy treated as an adversary:</para>
/// <list type="bullet">
/// <item>Tags are matched case-insensitively (<c>&lt;THINK&gt;</c> is <c>&lt;think&gt;</c>); the strict format reward is the one
/// that insists on the exact spelling.</item>
/// <item>The reasoning runs from the first <c>&lt;think&gt;</c> to the <b>last</b> <c>&lt;/think&gt;</c>. The opening tag may be
/// absent (templates such as DeepSeek-R1's end the prompt inside it): the reasoning then starts at the beginning.
/// Anything before a <c>&lt;/think&gt;</c> is reasoning, so text written inside the think block — a <c>\boxed{}</c>, an
/// <c>&lt;answer&gt;</c> block, "the answer is" — is never graded, and an answer followed by more reasoning is not final.</item>
/// <item>The answer region is the text after the last <c>&lt;/think&gt;</c>; without any think tag (and unless the prompt opened
/// the think block) it is the whole completion, so plain, non-reasoning completions still have an answer.</item>
/// <item>Reasoning that never finished (a <c>&lt;think&gt;</c>, or a prompt ending inside one, with no <c>&lt;/think&gt;</c>,
/// typically a truncated completion) has <b>no</b> final answer: <see cref="FinalAnswer"/> is <see langword="null"/>, whatever
/// the unfinished text contains.</item>
/// <item>With several <c>&lt;answer&gt;</c> blocks in the answer region the <b>last</b> one is the answer (as with the last
/// <c>\boxed{}</c>): exactly one answer is ever graded, so writing several candidates cannot earn more than committing to
/// the last. A last block that is not closed (the completion was cut off, or a stop string removed <c>&lt;/answer&gt;</c>)
/// runs to the end of the completion. An empty last block is an empty answer; earlier blocks do not stand in for it.</item>
/// </list>
/// </remarks>
public sealed record ReasoningCompletion
{
    /// <summary>The opening think tag, <c>&lt;think&gt;</c>.</summary>
    public const string ThinkOpen = "<think>";

    /// <summary>The closing think tag, <c>&lt;/think&gt;</c>.</summary>
    public const string ThinkClose = "</think>";

    /// <summary>The opening answer tag, <c>&lt;answer&gt;</c>.</summary>
    public const string AnswerOpen = "<answer>";

    /// <summary>The closing answer tag, <c>&lt;/answer&gt;</c>.</summary>
    public const string AnswerClose = "</answer>";

    private const StringComparison TagComparison = StringComparison.OrdinalIgnoreCase;

    private ReasoningCompletion(string? reasoning, bool finished, string? afterReasoning, string? answerRegion, string? rawAnswer, int answerBlocks)
    {
        Reasoning = reasoning?.Trim();
        IsReasoningFinished = finished;
        AfterReasoning = afterReasoning;
        AnswerRegion = answerRegion;
        RawAnswer = rawAnswer;
        Answer = rawAnswer?.Trim();
        AnswerBlockCount = answerBlocks;
        FinalAnswer = answerRegion == null ? null : Answer ?? answerRegion.Trim();
    }

    /// <summary>
    /// The chain of thought, trimmed: the text between <c>&lt;think&gt;</c> (or the start, when the opening tag was part of the
    /// prompt) and the last <c>&lt;/think&gt;</c>; everything after <c>&lt;think&gt;</c> when the block is not closed.
    /// <see langword="null"/> when the completion has no think tags and the prompt did not open one.
    /// </summary>
    public string? Reasoning { get; }

    /// <summary>
    /// Whether the reasoning is over: <see langword="true"/> when a <c>&lt;/think&gt;</c> closed it or when there is no reasoning
    /// at all; <see langword="false"/> for a think block that never closed (then <see cref="FinalAnswer"/> is <see langword="null"/>).
    /// </summary>
    public bool IsReasoningFinished { get; }

    /// <summary>The text after the last <c>&lt;/think&gt;</c> (the R1 summary), untrimmed; <see langword="null"/> when no <c>&lt;/think&gt;</c>
    /// closed the reasoning.</summary>
    public string? AfterReasoning { get; }

    /// <summary>
    /// The trimmed content of the last <c>&lt;answer&gt;</c> block of the answer region (running to the end when it is not
    /// closed); <see langword="null"/> when the answer region has no <c>&lt;answer&gt;</c> tag or the reasoning did not finish.
    /// </summary>
    public string? Answer { get; }

    /// <summary>How many <c>&lt;answer&gt;</c> tags the answer region holds (only the last one's content is the answer).</summary>
    public int AnswerBlockCount { get; }

    /// <summary>
    /// The final answer, the one every reward grades and the ML.NET <c>Reason</c> step shows, trimmed: <see cref="Answer"/> when
    /// there is an <c>&lt;answer&gt;</c> block, else the whole answer region (the text after <c>&lt;/think&gt;</c>, or the whole
    /// completion when it has no think tags). <see langword="null"/> when the reasoning never finished. A math answer inside it
    /// (a <c>\boxed{}</c>, "the answer is …") is picked out by <see cref="Math.AnswerExtractor"/>, from this text only.
    /// </summary>
    public string? FinalAnswer { get; }

    /// <summary>The untrimmed text the answer is looked for in: after the last <c>&lt;/think&gt;</c>, or the whole completion without think
    /// tags.</summary>
    internal string? AnswerRegion { get; }

    /// <summary>The untrimmed content of the last <c>&lt;answer&gt;</c> block.</summary>
    internal string? RawAnswer { get; }

    /// <summary>Same as <see cref="FinalAnswer"/> (the argument is not used); kept for callers written against the earlier API.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public string? FinalAnswerOr(string completion) => FinalAnswer;

    /// <summary>
    /// Parses <paramref name="completion"/>. Set <paramref name="thinkOpenedInPrompt"/> when the prompt already ended with
    /// <c>&lt;think&gt;</c>: a completion without any think tag is then unfinished reasoning rather than a plain answer.
    /// </summary>
    public static ReasoningCompletion Parse(string completion, bool thinkOpenedInPrompt = false)
    {
        ArgumentNullException.ThrowIfNull(completion);
        int firstOpen = completion.IndexOf(ThinkOpen, TagComparison), lastOpen = completion.LastIndexOf(ThinkOpen, TagComparison);
        int firstClose = completion.IndexOf(ThinkClose, TagComparison), lastClose = completion.LastIndexOf(ThinkClose, TagComparison);
        // The reasoning starts after the first <think>, or at the start when a </think> comes first (the prompt opened it).
        int start = firstOpen >= 0 && (firstClose < 0 || firstOpen < firstClose) ? firstOpen + ThinkOpen.Length : 0;
        if (lastClose >= 0 && lastOpen < lastClose)
        {
            string after = completion[(lastClose + ThinkClose.Length)..];
            return WithAnswer(completion[start..lastClose], after, after);
        }
        // A think block opened (in the completion or the prompt) and never closed, or reopened after the last </think>.
        if (firstOpen >= 0 || thinkOpenedInPrompt) return new ReasoningCompletion(completion[start..], false, null, null, null, 0);
        return WithAnswer(null, null, completion);
    }

    /// <summary>
    /// Parses <see cref="RewardSample.Completion"/>, treating it as starting inside the think block when
    /// <see cref="RewardSample.Prompt"/> ends with <c>&lt;think&gt;</c> (as the format reward does).
    /// </summary>
    public static ReasoningCompletion Parse(RewardSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return Parse(sample.Completion ?? "", PromptOpensThink(sample.Prompt));
    }

    /// <summary>
    /// Whether <paramref name="prompt"/> ends (before trailing whitespace) with <c>&lt;think&gt;</c>, as the DeepSeek-R1 template's
    /// generation prompt does: its completions start inside the think block.
    /// </summary>
    public static bool PromptOpensThink(string? prompt) =>
        prompt != null && prompt.AsSpan().TrimEnd().EndsWith(ThinkOpen, StringComparison.Ordinal);

    private static ReasoningCompletion WithAnswer(string? reasoning, string? after, string region)
    {
        int blocks = 0, last = -1;
        for (int i = region.IndexOf(AnswerOpen, TagComparison); i >= 0; i = region.IndexOf(AnswerOpen, i + AnswerOpen.Length, TagComparison))
        {
            blocks++;
            last = i;
        }
        string? answer = null;
        if (last >= 0)
        {
            int start = last + AnswerOpen.Length;
            int end = region.IndexOf(AnswerClose, start, TagComparison);
            answer = end < 0 ? region[start..] : region[start..end];
        }
        return new ReasoningCompletion(reasoning, true, after, region, answer, blocks);
    }
}
