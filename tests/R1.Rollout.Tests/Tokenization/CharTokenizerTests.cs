using R1.Rollout.Tokenization;

namespace R1.Rollout.Tests.Tokenization;

public sealed class CharTokenizerTests
{
    [Test]
    public void Round_trips_text_and_special_tokens()
    {
        var t = CharTokenizer.CreateDefault();
        const string text = "<think>12+30=42</think> <answer>42</answer>";
        var ids = t.Encode(text);
        ids[0].Should().Be(t.SpecialTokens.ToList().IndexOf("<think>"));
        ids.Should().HaveCount(text.Length - "<think></think><answer></answer>".Length + 4);
        t.Decode(ids).Should().Be(text);
        t.Decode(ids, skipSpecialTokens: true).Should().Be("12+30=42 42");
    }

    [Test]
    public void Unknown_characters_become_unk()
    {
        var t = CharTokenizer.CreateDefault();
        t.Decode(t.Encode("a€b")).Should().Be("a<unk>b");
    }

    [Test]
    public void Save_and_load_give_the_same_tokenizer()
    {
        var t = CharTokenizer.CreateDefault();
        string dir = Path.Combine(Path.GetTempPath(), "r1-char-" + Guid.NewGuid().ToString("N"));
        try
        {
            t.Save(dir);
            var loaded = TokenizerFiles.Load(dir);
            loaded.Should().BeOfType<CharTokenizer>();
            loaded.VocabSize.Should().Be(t.VocabSize);
            loaded.EosIds.Should().Equal(t.EosIds);
            loaded.PadId.Should().Be(t.PadId);
            loaded.BosId.Should().Be(t.BosId);
            const string text = "x = (3*4) - 5; <answer>7</answer>";
            loaded.Encode(text).Should().Equal(t.Encode(text));
            loaded.Decode(loaded.Encode(text)).Should().Be(text);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
    }
}
