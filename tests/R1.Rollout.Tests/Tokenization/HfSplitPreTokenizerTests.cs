using System.Globalization;
using R1.Rollout.Tokenization;

namespace R1.Rollout.Tests.Tokenization;

public sealed class HfSplitPreTokenizerTests
{
    private static string[] Pieces(HfSplitPreTokenizer p, string text) =>
        p.PreTokenize(text).Select(r => text.Substring(r.Offset, r.Length)).ToArray();

    [Test]
    public void Each_pattern_isolates_its_matches_inside_the_previous_pieces()
    {
        var p = new HfSplitPreTokenizer([@"\p{N}{1,3}", "[\u4e00-\u9fa5]+", @"\s+|[a-z]+"]);
        Pieces(p, "ab12345 你好x").Should().Equal("ab", "123", "45", " ", "你好", "x");
    }

    [Test]
    public void Pieces_cover_the_text_exactly()
    {
        var p = new HfSplitPreTokenizer([@"\p{N}{1,3}", @"[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+| ?[\p{P}\p{S}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"]);
        const string text = "Hi 😀 there,  𝑥=12345!\n\n  end";
        string.Concat(Pieces(p, text)).Should().Be(text);
    }

    [Test]
    public void A_supplementary_symbol_is_one_symbol_not_two_surrogates()
    {
        var p = new HfSplitPreTokenizer([@" ?[\p{P}\p{S}]+|[\p{L}]+|\s+"]);
        Pieces(p, "a 😀😀b").Should().Equal("a", " 😀😀", "b");
    }

    [Test]
    public void Whitespace_means_what_it_means_in_javascript()
    {
        var p = new HfSplitPreTokenizer([@"\s+"]);
        Pieces(p, "a\uFEFFb").Should().Equal("a", "\uFEFF", "b");
        Pieces(p, "a\u0085b").Should().Equal("a\u0085b");
    }

    [Test]
    public void Stand_ins_have_the_category_they_stand_for()
    {
        foreach (UnicodeCategory c in Enum.GetValues<UnicodeCategory>())
        {
            if (c is UnicodeCategory.Control or UnicodeCategory.Surrogate or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                continue;
            CharUnicodeInfo.GetUnicodeCategory(HfCodePointText.StandIn(c)).Should().Be(c);
        }
    }

    [Test]
    public void An_invalid_pattern_is_reported_with_the_pattern()
    {
        var act = () => new HfSplitPreTokenizer(["(unclosed"]);
        act.Should().Throw<InvalidDataException>().WithMessage("*(unclosed*");
    }
}
