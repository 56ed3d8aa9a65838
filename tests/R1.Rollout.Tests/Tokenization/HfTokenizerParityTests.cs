using R1.Rollout.Tokenization;

namespace R1.Rollout.Tests.Tokenization;

/// <summary>
/// Encoding and decoding of the real Qwen3, DeepSeek-V3 and Llama 3.1 (R1-Distill-Llama) tokenizers against
/// @lenml/tokenizers 3.7.2 (node), on every string of tokenizer_corpus.json and the same seeded random mixtures; Llama 3.1
/// also gets mixtures with its own special tokens. The reference runs once per fixture.
/// </summary>
[TestFixture("qwen3")]
[TestFixture("deepseek-v3")]
[TestFixture("llama3_1")]
public sealed class HfTokenizerParityTests(string name)
{
    private const int RandomCount = 1000;
    private const int LlamaExtraCount = 300;
    private HfTokenizer _tokenizer = null!;
    private ReferenceTokenizer.Result _reference = null!;
    private IReadOnlyList<string> _random = null!;

    [OneTimeSetUp]
    public void RunReference()
    {
        _tokenizer = TestTokenizers.Get(name);
        var shared = RandomTexts.Generate(RandomCount, seed: 20250128);
        _random = name == "llama3_1"
            ? [.. shared, .. RandomTexts.Generate(LlamaExtraCount, seed: 20240723, [.. RandomTexts.Pieces, .. RandomTexts.Llama3SpecialTokens])]
            : shared;
        _reference = ReferenceTokenizer.Run(TestTokenizers.Dir(name), [.. TokenizerCorpus.All, .. _random]);
        _reference.Ids.Should().HaveCount(TokenizerCorpus.All.Count + _random.Count);
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
        _tokenizer.Decode(ids, skipSpecialTokens: true)
            .Should().Be(_reference.DecodedSkipSpecial[i], $"{name} decoding without special tokens of {TokenizerCorpus.Show(text)}");
    }

    [Test]
    public void Random_mixtures_encode_and_decode_like_the_reference()
    {
        var failures = new List<string>();
        for (int k = 0; k < _random.Count; k++)
        {
            int i = TokenizerCorpus.All.Count + k;
            var ids = _tokenizer.Encode(_random[k]);
            if (!ids.SequenceEqual(_reference.Ids[i])) failures.Add($"encode {TokenizerCorpus.Show(_random[k])}");
            else if (_tokenizer.Decode(ids) != _reference.Decoded[i] || _tokenizer.Decode(ids, true) != _reference.DecodedSkipSpecial[i])
                failures.Add($"decode {TokenizerCorpus.Show(_random[k])}");
        }
        failures.Should().BeEmpty($"{name}: all {_random.Count} random mixtures should match the reference");
    }
}
