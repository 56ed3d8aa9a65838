namespace R1.Rewards.Readability;

/// <summary>Ready-made sets of readability filters.</summary>
public static class ReadabilityFilters
{
    /// <summary>
    /// The DeepSeek-R1 set, as new instances with default options, in this order: <see cref="UnfinishedReasoningFilter"/>
    /// (<c>unfinished</c>), <see cref="MixedLanguageFilter"/> (<c>mixed-language</c>), <see cref="LongParagraphFilter"/>
    /// (<c>long-paragraph</c>) and <see cref="CodeBlockFilter"/> (<c>code-block</c>). The paper drops chains of thought with mixed
    /// languages, long paragraphs and code blocks; an unfinished one has no answer to keep. <see cref="MaxLengthFilter"/> and
    /// <see cref="RepeatedNGramFilter"/> are not in it: add them when wanted.
    /// </summary>
    public static IReadOnlyList<IReadabilityFilter> Default() =>
        [new UnfinishedReasoningFilter(), new MixedLanguageFilter(), new LongParagraphFilter(), new CodeBlockFilter()];
}
