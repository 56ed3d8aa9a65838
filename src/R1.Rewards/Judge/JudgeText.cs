using R1.Rewards.Abstractions;
using R1.Rewards.Format;

namespace R1.Rewards.Judge;

/// <summary>Picks the text a <see cref="JudgeReward"/> sends for its <see cref="JudgeScope"/>, and clips it to the configured length.</summary>
internal static class JudgeText
{
    /// <summary>The text to judge, or <see langword="null"/> with the reason the sample is "not applicable".</summary>
    public static (string? Text, string Reason) Select(RewardSample sample, JudgeScope scope)
    {
        var parsed = ReasoningCompletion.Parse(sample);
        string? text = scope switch
        {
            JudgeScope.Summary => parsed.IsReasoningFinished ? parsed.AnswerRegion?.Trim() : null,
            JudgeScope.WholeResponse => (sample.Completion ?? "").Trim(),
            _ => parsed.FinalAnswer,
        };
        if (!string.IsNullOrWhiteSpace(text)) return (text, "");
        return (null, scope switch
        {
            JudgeScope.Summary => "no summary: it is empty or the reasoning did not finish",
            JudgeScope.WholeResponse => "empty response",
            _ => "no final answer: it is empty or the reasoning did not finish",
        });
    }

    /// <summary>
    /// Clips <paramref name="text"/> to <paramref name="maxChars"/>: a final answer or summary keeps its last characters (where the
    /// conclusion is); a whole response keeps its beginning and its end around a marker, so neither the start of the reasoning nor the
    /// summary is lost.
    /// </summary>
    public static string Clip(string text, int maxChars, JudgeScope scope)
    {
        if (text.Length <= maxChars) return text;
        if (scope != JudgeScope.WholeResponse) return text[^maxChars..];
        int head = maxChars / 2, tail = maxChars - head;
        return $"{text[..head]}\n[… {text.Length - maxChars} characters cut …]\n{text[^tail..]}";
    }
}
