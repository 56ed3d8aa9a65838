using System.Text;

namespace R1.Rollout.Tests.Tokenization;

/// <summary>
/// Seeded random mixtures of the pieces that stress pre-tokenizers: letters of many scripts, digits, punctuation,
/// whitespace runs, combining marks, supplementary characters and special tokens.
/// </summary>
internal static class RandomTexts
{
    /// <summary>The pieces of the shared mixtures.</summary>
    public static readonly string[] Pieces =
    [
        "a", "Z", "hello", " world", "I'm", "'S", "'ll", "x1", "42", "12345", "3.5", "٣", "Ⅻ", "½",
        " ", "  ", "   ", "\t", "\n", "\n\n", "\r\n", "\u00A0", "\u3000", "\u2028", "\u0085", "\uFEFF", "\u200B",
        ".", ",", "!", "?", "'", "\"", "(", ")", "[", "]", "{", "}", "<", ">", "=", "+", "-", "_", "*", "/", "\\",
        "#", "$", "%", "&", "@", "^", "`", "|", "~",
        "…", "—", "“", "”", "«", "»", "€", "©", "→", "∑", "√",
        "한", "국어", "中", "文字", "日本", "ひらがな", "カタカナ", "ｶﾀ", "Ж", "ω", "ع", "ש", "क्ष", "ไทย", "é", "e\u0301", "\u1100\u1161",
        "😀", "👍🏽", "👨‍👩‍👧", "🇰🇷", "❤️", "𝑥", "𝟙", "𠀀", "𐐀",
        "<think>", "</think>", "<|im_start|>", "<|im_end|>", "<|endoftext|>", "<｜User｜>", "<｜Assistant｜>", "<｜end▁of▁sentence｜>", "<|im_",
    ];

    /// <summary>Llama 3's special tokens, mixed into extra texts for its tokenizer (the shared mixtures stay as they are).</summary>
    public static readonly string[] Llama3SpecialTokens =
        ["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>", "<|eom_id|>", "<|python_tag|>"];

    public static IReadOnlyList<string> Generate(int count, int seed) => Generate(count, seed, Pieces);

    /// <summary><paramref name="count"/> mixtures of <paramref name="pieces"/> (1 to 24 each), seeded.</summary>
    public static IReadOnlyList<string> Generate(int count, int seed, IReadOnlyList<string> pieces)
    {
        var random = new Random(seed);
        var texts = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            var sb = new StringBuilder();
            int n = random.Next(1, 25);
            for (int j = 0; j < n; j++) sb.Append(pieces[random.Next(pieces.Count)]);
            texts.Add(sb.ToString());
        }
        return texts;
    }
}
