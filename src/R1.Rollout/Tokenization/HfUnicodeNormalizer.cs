using System.Text;
using Microsoft.ML.Tokenizers;

namespace R1.Rollout.Tokenization;

/// <summary>The Hugging Face <c>NFC</c>/<c>NFD</c>/<c>NFKC</c>/<c>NFKD</c> normalizers (Qwen uses NFC).</summary>
internal sealed class HfUnicodeNormalizer : Normalizer
{
    /// <summary>Creates a normalizer for the given form.</summary>
    public HfUnicodeNormalizer(NormalizationForm form) => Form = form;

    /// <summary>The Unicode normalization form applied.</summary>
    public NormalizationForm Form { get; }

    /// <inheritdoc />
    public override string Normalize(string original) => original.Normalize(Form);

    /// <inheritdoc />
    public override string Normalize(ReadOnlySpan<char> original) => original.ToString().Normalize(Form);
}
