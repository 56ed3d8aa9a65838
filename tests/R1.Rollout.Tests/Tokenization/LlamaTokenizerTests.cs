using System.Text;
using R1.Rollout.Tokenization;

namespace R1.Rollout.Tests.Tokenization;

/// <summary>
/// The Llama 3.1 tokenizer (R1-Distill-Llama's BPE) and the features it needs: BPE <c>ignore_merges</c>, a Split + ByteLevel
/// pre-tokenizer sequence and <c>clean_up_tokenization_spaces</c>. Parity with the reference is in <see cref="HfTokenizerParityTests"/>.
/// </summary>
public sealed class LlamaTokenizerTests
{
    [Test]
    public void Special_ids_come_from_the_config()
    {
        var t = TestTokenizers.Llama31;
        t.VocabSize.Should().Be(128_256, "128,000 BPE tokens + 256 added tokens");
        t.BosId.Should().Be(128_000);
        t.IdToToken(128_000).Should().Be("<|begin_of_text|>");
        t.EosIds.Should().Equal(t.TokenToId("<|eot_id|>")!.Value);
        t.Encode("<|start_header_id|>user<|end_header_id|>").Should().HaveCount(3);
    }

    [Test]
    public void Decoding_cleans_up_spaces_before_punctuation_like_the_reference()
    {
        var t = TestTokenizers.Llama31;
        var ids = t.Encode("Hello , world . I don 't");
        ids.Should().Equal([9906, 1174, 1917, 662, 358, 1541, 364, 83], "ids printed by @lenml/tokenizers 3.7.2");
        t.Decode(ids).Should().Be("Hello, world. I don 't", "clean_up_tokenization_spaces is true in Llama 3.1's config");
    }

    [Test]
    public void Encode_then_decode_gives_back_the_text_up_to_the_space_clean_up()
    {
        var t = TestTokenizers.Llama31;
        var texts = TokenizerCorpus.All.Concat(RandomTexts.Generate(300, seed: 7, [.. RandomTexts.Pieces, .. RandomTexts.Llama3SpecialTokens]));
        var failures = texts.Where(IsValidUtf16).Where(s => t.Decode(t.Encode(s)) != HfTokenizationSpaces.CleanUp(s))
            .Select(TokenizerCorpus.Show).ToList();
        failures.Should().BeEmpty();
    }

    [Test]
    public void Ignore_merges_emits_a_whole_vocabulary_entry_where_the_merges_would_split_it()
    {
        const string Vocab = """{"a":0,"b":1,"c":2,"ab":3,"abc":4}""";
        HfTokenizer Load(string dir, bool ignore) => WriteTokenizer(dir,
            $$"""{"model":{"type":"BPE","vocab":{{Vocab}},"merges":["a b"],"ignore_merges":{{(ignore ? "true" : "false")}}},""" +
            """ "pre_tokenizer":{"type":"ByteLevel","add_prefix_space":false,"use_regex":true}}""");
        InTempDir(dir => Load(dir, ignore: false).Encode("abc").Should().Equal([3, 2], "the merges alone reach ab + c"));
        InTempDir(dir => Load(dir, ignore: true).Encode("abc").Should().Equal([4], "abc is in the vocabulary"));
        InTempDir(dir => Load(dir, ignore: true).Encode("cab").Should().Equal([2, 3], "cab is not, so the merges apply"));
    }

    [TestCase(" milyon", 107_667, new[] { 296, 1570, 263 })]
    [TestCase("lardan", 103_084, new[] { 75, 569, 276 })]
    [TestCase(" dikkat", 106_350, new[] { 294, 30987, 266 })]
    public void Real_vocabulary_entries_that_merges_alone_would_split_are_one_id(string word, int id, int[] mergesOnly)
    {
        // Ids printed by @lenml/tokenizers 3.7.2 with the file as shipped (ignore_merges: true) and with it set to false.
        var t = TestTokenizers.Llama31;
        t.Encode(word).Should().Equal(id);
        t.Bpe.EncodeToIds(word).Should().Equal(mergesOnly, "the BPE model on its own applies the merges");
    }

    [Test]
    public void Byte_fallback_is_a_clear_error()
    {
        InTempDir(dir =>
        {
            var act = () => WriteTokenizer(dir, """{"model":{"type":"BPE","vocab":{"a":0},"merges":[],"byte_fallback":true},""" +
                """ "pre_tokenizer":{"type":"ByteLevel","use_regex":true}}""");
            act.Should().Throw<InvalidDataException>().WithMessage("*byte_fallback is not supported*SentencePiece*");
        });
    }

    private static bool IsValidUtf16(string s) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)) == s;

    private static HfTokenizer WriteTokenizer(string dir, string json)
    {
        File.WriteAllText(Path.Combine(dir, HfTokenizer.TokenizerFileName), json);
        File.WriteAllText(Path.Combine(dir, HfTokenizer.ConfigFileName), """{"eos_token":"a"}""");
        return HfTokenizer.Load(dir);
    }

    private static void InTempDir(Action<string> body)
    {
        string dir = Path.Combine(Path.GetTempPath(), "r1-llama-tok-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try { body(dir); }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
