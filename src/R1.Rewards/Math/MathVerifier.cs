using System.Text.RegularExpressions;

namespace R1.Rewards.Math;

/// <summary>
/// Decides whether two final answers are mathematically equivalent: normalise (<see cref="LatexNormalizer"/>), compare
/// multiple-choice letters and text answers, then parse (<see cref="LatexParser"/>) and compare by structure
/// (<see cref="StructureComparer"/>). Never throws for bad input: a parse failure, an oversized answer or a spent
/// time budget is "not equivalent" with a diagnostic.
/// </summary>
public static partial class MathVerifier
{
    private static readonly MathAccuracyOptions Defaults = new();

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> are equivalent, with the reason.</summary>
    /// <param name="a">One answer (for example the one extracted from a completion).</param>
    /// <param name="b">The other answer (for example the gold answer).</param>
    /// <param name="options">Tolerances and limits; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops the check early (then <see cref="OperationCanceledException"/> is thrown).</param>
    public static MathEquivalence AreEquivalent(string a, string b, MathAccuracyOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        options ??= Defaults;
        cancellationToken.ThrowIfCancellationRequested();
        if (a.Length > options.MaxAnswerLength || b.Length > options.MaxAnswerLength)
            return new(false, $"answer too long ({System.Math.Max(a.Length, b.Length)} chars > MaxAnswerLength {options.MaxAnswerLength})");
        var budget = new MathBudget(options.CheckTimeout, options.MaxSteps, cancellationToken);
        try
        {
            var (na, nb) = (LatexNormalizer.Normalize(a), LatexNormalizer.Normalize(b));
            return Decide(na, nb, IsTextAnswer(a, na) || IsTextAnswer(b, nb), options, budget);
        }
        catch (MathBudgetExceededException ex)
        {
            return new(false, $"check stopped: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new(false, $"check failed: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static MathEquivalence Decide(string a, string b, bool text, MathAccuracyOptions options, MathBudget budget)
    {
        if (a.Length == 0 || b.Length == 0) return new(false, "empty answer");
        if (a == b) return new(true, $"identical after normalisation: {Shorten(a)}");
        if (ChoiceLetter(a) is { } choiceA && ChoiceLetter(b) is { } choiceB)
            return new(choiceA == choiceB, $"choice ({choiceA}) {(choiceA == choiceB ? "==" : "!=")} ({choiceB})");
        if (text)
        {
            var same = string.Equals(CollapseWords(a), CollapseWords(b), StringComparison.OrdinalIgnoreCase);
            return new(same, $"text '{Shorten(a)}' {(same ? "==" : "!=")} '{Shorten(b)}'");
        }
        var nodeA = TryParse(a, options, budget, out var errorA);
        var nodeB = TryParse(b, options, budget, out var errorB);
        if (nodeA is null || nodeB is null)
            return new(false, $"could not parse '{Shorten(nodeA is null ? a : b)}': {errorA ?? errorB}");
        return new StructureComparer(options, budget).Compare(PlusMinusExpander.Expand(nodeA), PlusMinusExpander.Expand(nodeB));
    }

    private static MathNode? TryParse(string text, MathAccuracyOptions options, MathBudget budget, out string? error)
    {
        error = null;
        try
        {
            return LatexParser.Parse(text, budget, options.MaxDepth);
        }
        catch (MathParseException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    /// <summary>The multiple-choice letter of an answer such as <c>C</c>, <c>(C)</c> or <c>\text{(C)}</c> (normalised), or
    /// <see langword="null"/>.</summary>
    public static char? ChoiceLetter(string normalized)
    {
        var match = Choice().Match(normalized);
        return match.Success ? char.ToUpperInvariant(match.Groups[1].Value[0]) : null;
    }

    // A word answer such as \text{Evelyn} is compared as text; a bare "xy" stays a product of variables.
    private static bool IsTextAnswer(string raw, string normalized) =>
        Words().IsMatch(normalized) && (raw.Contains("\\text", StringComparison.Ordinal) || raw.Contains("\\mbox", StringComparison.Ordinal));

    private static string CollapseWords(string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    [GeneratedRegex(@"^\(?([A-E])\)?$")]
    private static partial Regex Choice();

    // Plain words (at least two letters, optionally several words): compared as text, not as a product of letters.
    [GeneratedRegex(@"^[A-Za-z]{2,}( [A-Za-z]+)*$")]
    private static partial Regex Words();
}
