namespace R1.Rewards.Format;

/// <summary>The completion layout that <see cref="FormatReward"/> expects.</summary>
public enum FormatStyle
{
    /// <summary>DeepSeek-R1-Zero: <c>&lt;think&gt; reasoning &lt;/think&gt; &lt;answer&gt; answer &lt;/answer&gt;</c>.</summary>
    R1Zero,

    /// <summary>DeepSeek-R1: <c>&lt;think&gt; reasoning &lt;/think&gt;</c> followed by a readable summary (no answer tags needed).</summary>
    R1,
}
