namespace R1.Synthetic;

/// <summary>How a worked solution's chain of thought is written: readable, or with one of the planted readability failures.</summary>
public enum CotStyle
{
    /// <summary>Plain English: <c>4*5=20 then 3+20=23</c>.</summary>
    Plain,

    /// <summary>Mixed scripts: opens with a Hangul word ("first"), <c>먼저 4*5=20 then 3+20=23</c>.</summary>
    MixedScript,

    /// <summary>The steps in a fenced code block: <c>```\n4*5=20\n3+20=23\n```</c>.</summary>
    CodeBlock,
}
