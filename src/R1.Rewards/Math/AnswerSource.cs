namespace R1.Rewards.Math;

/// <summary>Where <see cref="AnswerExtractor"/> found the final answer.</summary>
public enum AnswerSource
{
    /// <summary>The last <c>\boxed{…}</c> or <c>\fbox{…}</c>.</summary>
    Boxed,
    /// <summary>The last <c>&lt;answer&gt;…&lt;/answer&gt;</c> tag.</summary>
    AnswerTag,
    /// <summary>A sentence such as "The answer is …" or "Final answer: …".</summary>
    AnswerPhrase,
    /// <summary>GSM8K's <c>#### n</c> line.</summary>
    HashMarker,
}
