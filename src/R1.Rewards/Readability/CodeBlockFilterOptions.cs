namespace R1.Rewards.Readability;

/// <summary>Options of <see cref="CodeBlockFilter"/>. Fenced code blocks (<c>```</c> or <c>~~~</c>) are always detected.</summary>
public sealed class CodeBlockFilterOptions : ReadabilityFilterOptions
{
    /// <summary>Whether HTML code markup (<c>&lt;pre&gt;</c> or <c>&lt;code&gt;</c> tags, any case, with or without attributes) counts as a
    /// code block. Default: <see langword="true"/>.</summary>
    public bool DetectHtmlCode { get; set; } = true;

    /// <summary>
    /// Whether indented code counts: <see cref="MinIndentedLines"/> or more consecutive lines indented by four spaces or a tab, after a
    /// blank line (or at the start). Default: <see langword="false"/> (indented lists and equations are common in reasoning).
    /// </summary>
    public bool DetectIndentedCode { get; set; }

    /// <summary>How many consecutive indented lines make an indented code block (with <see cref="DetectIndentedCode"/>). Default: 2.</summary>
    public int MinIndentedLines { get; set; } = 2;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (MinIndentedLines < 1)
            throw new ArgumentOutOfRangeException(nameof(MinIndentedLines), MinIndentedLines, "MinIndentedLines must be at least 1.");
    }
}
