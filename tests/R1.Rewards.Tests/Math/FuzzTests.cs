using CsCheck;
using R1.Rewards.Math;

namespace R1.Rewards.Tests.Math;

/// <summary>Random LaTeX-like garbage never throws and never fails with an internal error: it parses or is refused with a reason.</summary>
public class FuzzTests
{
    private static readonly string[] Pieces =
    [
        "1", "23", ".5", "x", "y", "i", "e", "+", "-", "*", "/", "^", "_", "(", ")", "[", "]", "{", "}", ",", "=", "|", "!", "&", "<",
        "\\frac", "\\sqrt", "\\left(", "\\right)", "\\{", "\\}", "\\pi", "\\infty", "\\pm", "\\cup", "\\cdot", "\\text{", "\\boxed{",
        "\\begin{pmatrix}", "\\end{pmatrix}", "\\\\", "\\log", "\\sin", "\\le", "%", "$", " ", "\\", "°", "\\dfrac", "\\mbox{ cm}",
    ];

    private static readonly Gen<string> Garbage = Gen.OneOfConst(Pieces).Array[0, 40].Select(p => string.Concat(p));

    [Test]
    public void Random_latex_fragments_never_crash_the_verifier() =>
        Gen.Select(Garbage, Garbage).Sample((a, b) =>
        {
            var result = MathVerifier.AreEquivalent(a, b);
            result.Diagnostic.Should().NotBeNullOrWhiteSpace();
            result.Diagnostic.Should().NotStartWith("check failed", $"'{a}' vs '{b}' hit an internal error");
        }, iter: 3000, threads: 1);

    [Test]
    public void Random_completions_never_crash_the_extractor() =>
        Garbage.Sample(text =>
        {
            var found = AnswerExtractor.Extract(text + " The answer is " + text + "\n#### " + text);
            if (text.Trim().Length > 0) found.Should().NotBeNull($"'{text}' has an answer marker followed by text");
        }, iter: 1000, threads: 1);
}
