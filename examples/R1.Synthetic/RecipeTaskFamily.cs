using R1.Rollout.ChatTemplates;
using R1.Rollout.Tokenization;

namespace R1.Synthetic;

/// <summary>
/// The task family of "R1 in miniature": the a+b*c problems of <see cref="ArithmeticTask"/> asked as two task types, <c>math</c>
/// (a number, rule-checked) and <c>words</c> (English number words, judge-checked). Problems are split once, so a held-out problem
/// is unseen in both types. The pre-training corpus plants the failure modes the recipe must remove: the slip (adds first), and
/// unreadable chains of thought (mixed scripts, code blocks).
/// </summary>
public sealed class RecipeTaskFamily
{
    /// <summary>The rule-checked task type.</summary>
    public const string Math = "math";

    /// <summary>The judge-checked task type (a "general" prompt in the paper's terms).</summary>
    public const string Words = "words";

    /// <summary>Both task types.</summary>
    public static IReadOnlyList<string> TaskTypes { get; } = [Math, Words];

    private readonly ArithmeticTask _split;

    /// <summary>Splits the problems (deterministic in <paramref name="seed"/>).</summary>
    /// <param name="heldOut">Held-out problems; each is asked in both task types. Default 100.</param>
    /// <param name="seed">Shuffling seed.</param>
    /// <param name="maxOperand">The largest operand (1–9). Default 9.</param>
    public RecipeTaskFamily(int heldOut = 100, int seed = 1234, int maxOperand = 9) =>
        _split = new ArithmeticTask(heldOut, seed, maxOperand);

    /// <summary>Training problems of every task type (each training problem once per type).</summary>
    public IReadOnlyList<RecipeProblem> Train => Ask(_split.Train);

    /// <summary>Held-out problems of every task type.</summary>
    public IReadOnlyList<RecipeProblem> HeldOut => Ask(_split.HeldOut);

    /// <summary>
    /// The character tokenizer of the family: the default alphabet plus the backtick and the Hangul syllables of the planted
    /// mixed-script failure, with the R1-Zero preamble as one token.
    /// </summary>
    public static CharTokenizer CreateTokenizer()
    {
        var basic = CharTokenizer.CreateDefault(R1ZeroChatTemplate.Preamble);
        return new CharTokenizer(basic.Alphabet + "`" + RecipeProblem.HangulFirst, basic.SpecialTokens);
    }

    /// <summary>
    /// A supervised corpus drawn from the training problems (both task types alike). Each chain of thought is mixed-script with
    /// probability <paramref name="mixedRate"/>, else a code block with probability <paramref name="codeRate"/>, else plain; a plain
    /// solution slips with probability <paramref name="slipRate"/>, an unreadable one with <paramref name="messySlipRate"/> (default the
    /// same). With a lower messy slip rate the unreadable styles pay off, so RL on correctness alone brings them back, as the paper
    /// saw language mixing emerge under RL; both failure styles show in their first token, before the procedure.
    /// </summary>
    public IReadOnlyList<CorpusRow> Corpus(int count, double slipRate, double mixedRate, double codeRate, int seed, double? messySlipRate = null)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The corpus needs at least one example.");
        Probability(slipRate, nameof(slipRate));
        Probability(mixedRate, nameof(mixedRate));
        Probability(codeRate, nameof(codeRate));
        double messySlip = messySlipRate ?? slipRate;
        Probability(messySlip, nameof(messySlipRate));
        if (mixedRate + codeRate > 1)
            throw new ArgumentException($"mixedRate + codeRate ({mixedRate + codeRate}) must not exceed 1.", nameof(codeRate));
        var rng = new Random(seed);
        var train = Train;
        return Enumerable.Range(0, count).Select(_ =>
        {
            var p = train[rng.Next(train.Count)];
            double u = rng.NextDouble();
            var style = u < mixedRate ? CotStyle.MixedScript : u < mixedRate + codeRate ? CotStyle.CodeBlock : CotStyle.Plain;
            bool slip = rng.NextDouble() < (style == CotStyle.Plain ? slipRate : messySlip);
            return new CorpusRow(p, p.Completion(slip, style), slip, style);
        }).ToList();
    }

    private static IReadOnlyList<RecipeProblem> Ask(IReadOnlyList<ArithmeticProblem> problems) =>
        TaskTypes.SelectMany(t => problems.Select(p => new RecipeProblem(p, t))).ToList();

    private static void Probability(double value, string name)
    {
        if (value is < 0 or > 1 || double.IsNaN(value)) throw new ArgumentOutOfRangeException(name, value, $"{name} is a probability.");
    }
}

/// <summary>One row of the pre-training corpus and what was planted in it.</summary>
/// <param name="Problem">The problem asked.</param>
/// <param name="Response">The worked solution.</param>
/// <param name="Slip">Whether the solution adds first (a wrong answer).</param>
/// <param name="Style">How the chain of thought is written.</param>
public sealed record CorpusRow(RecipeProblem Problem, string Response, bool Slip, CotStyle Style);
