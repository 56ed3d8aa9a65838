using R1.Rollout.Tokenization;

namespace R1.Rollout.Tests.Tokenization;

public sealed class HfAddedTokenSplitterTests
{
    private static string[] Texts(HfAddedTokenSplitter s, string text) =>
        s.Split(text).Select(x => x.Token is null ? x.Text : $"[{x.Text}]").ToArray();

    [Test]
    public void The_longest_token_at_the_leftmost_position_wins()
    {
        var s = new HfAddedTokenSplitter([new(1, "<a>", true), new(2, "<a><b>", true), new(3, "<b>", false)]);
        Texts(s, "x<a><b>y<a>z<b>").Should().Equal("x", "[<a><b>]", "y", "[<a>]", "z", "[<b>]");
    }

    [Test]
    public void Lstrip_and_rstrip_trim_the_neighbouring_whitespace()
    {
        var s = new HfAddedTokenSplitter([new(1, "<l>", true, LStrip: true), new(2, "<r>", true, RStrip: true)]);
        Texts(s, "a \t<l> b").Should().Equal("a", "[<l>]", " b");
        Texts(s, "a <r>\u3000 b").Should().Equal("a ", "[<r>]", "b");
    }

    [Test]
    public void Text_without_added_tokens_is_one_section()
    {
        var s = new HfAddedTokenSplitter([new(1, "<|im_end|>", true)]);
        Texts(s, "<|im_end no").Should().Equal("<|im_end no");
        s.Split("").Should().BeEmpty();
    }
}
