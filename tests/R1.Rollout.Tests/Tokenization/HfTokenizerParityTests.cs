using R1.Rollout.Tokenization;

namespace R1.Rollout.Tests.Tokenization;

/// <summary>
/// Encoding and decoding of the real Qwen3 and DeepSeek-V3 tokenizers against @lenml/tokenizers 3.7.2 (node),
/// on every string of tokenizer_corpus.json. The reference runs once per fixture.
/// </summary>
[TestFixture("qwen3")]
[TestFixture("deepseek-v3")]
public sealed class HfTokenizerParityTests(string name)
{
    private HfTokenizer _tokenizer = null!;
    private ReferenceTokenizer.Result _reference = null!;

    [OneTimeSetUp]
    public void RunReference()
    {
        _tokenizer = TestTokenizers.Get(name);
        _reference = ReferenceTokenizer.Run(TestTokenizers.Dir(name), TokenizerCorpus.All);
        _reference.Ids.Should().HaveCount(TokenizerCorpus.All.Count);
    }

    [Test]
    public void Corpus_has_at_least_200_strings() => TokenizerCorpus.All.Should().HaveCountGreaterThanOrEqualTo(200).And.OnlyHaveUniqueItems();

    [TestCaseSource(typeof(TokenizerCorpus), nameof(TokenizerCorpus.Indices))]
    public void Encode_matches_reference(int i)
    {
        string text = TokenizerCorpus.All[i];
        _tokenizer.Encode(text).Should().Equal(_reference.Ids[i], $"{name} encoding of {TokenizerCorpus.Show(text)}");
    }

    [TestCaseSource(typeof(TokenizerCorpus), nameof(TokenizerCorpus.Indices))]
    public void Decode_matches_reference(int i)
    {
        string text = TokenizerCorpus.All[i];
        var ids = _tokenizer.Encode(text);
        _tokenizer.Decode(ids).Should().Be(_reference.Decoded[i], $"{name} decoding of {TokenizerCorpus.Show(text)}");
        _tokenizer.Decode(ids, skipSpecialTokens: true).Should().Be(_reference.DecodedSkipSpecial[i], $"{name} decoding without special tokens of {TokenizerCorpus.Show(text)}");
    }
}
