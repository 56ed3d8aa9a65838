namespace R1.Rewards.Math;

/// <summary>
/// Options of <see cref="MathAccuracyReward"/> and <see cref="MathVerifier"/>, bound from the configuration subsection
/// <c>Rewards:Math</c>. The defaults suit MATH-500 and GSM8K.
/// </summary>
public sealed class MathAccuracyOptions
{
    /// <summary>
    /// Relative tolerance when either answer contains a decimal number (<c>0.333</c> vs <c>1/3</c> differ; <c>0.5</c> vs
    /// <c>\frac12</c> match). Default 1e-6. Integers, fractions and radicals without decimals are compared exactly.
    /// </summary>
    public double DecimalTolerance { get; set; } = 1e-6;

    /// <summary>Relative tolerance for constants that are not rational (<c>2\sqrt2</c>, <c>\pi</c>) and for symbolic checks at random points. Default
    /// 1e-8.</summary>
    public double SymbolicTolerance { get; set; } = 1e-8;

    /// <summary>How many random points a symbolic equivalence is checked at. Default 5.</summary>
    public int SymbolicPoints { get; set; } = 5;

    /// <summary>Seed of the random points, so results are reproducible. Default 1234.</summary>
    public int RandomSeed { get; set; } = 1234;

    /// <summary>Time allowed for one equivalence check (normalise, parse, compare). Default 1 second; a check that runs out is "not
    /// equivalent".</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Work allowed for one check, in parse and evaluation steps. Default 200,000.</summary>
    public long MaxSteps { get; set; } = 200_000;

    /// <summary>Deepest nesting of parentheses, braces and unary signs in an answer. Default 64.</summary>
    public int MaxDepth { get; set; } = 64;

    /// <summary>Largest exact intermediate value, in bits; bigger powers such as <c>10^{10^{10}}</c> are evaluated approximately (and overflow).
    /// Default 4,096.</summary>
    public long MaxExponentBits { get; set; } = 4096;

    /// <summary>Longest completion scored, in characters; longer completions score 0. Default 262,144 (256 Ki).</summary>
    public int MaxCompletionLength { get; set; } = 262_144;

    /// <summary>Longest extracted or gold answer, in characters; longer answers are "not equivalent". Default 1,000.</summary>
    public int MaxAnswerLength { get; set; } = 1_000;

    /// <summary>Whether a completion with several different boxed answers scores 0 (hedging earns nothing). Default <see langword="true"/>.</summary>
    public bool RejectConflictingBoxes { get; set; } = true;

    /// <summary>Checks the values and throws <see cref="ArgumentOutOfRangeException"/> naming the first bad one.</summary>
    public void Validate()
    {
        Require(DecimalTolerance >= 0 && double.IsFinite(DecimalTolerance), nameof(DecimalTolerance), DecimalTolerance,
            "must be a finite value >= 0");
        Require(SymbolicTolerance >= 0 && double.IsFinite(SymbolicTolerance), nameof(SymbolicTolerance), SymbolicTolerance,
            "must be a finite value >= 0");
        Require(SymbolicPoints >= 1, nameof(SymbolicPoints), SymbolicPoints, "must be at least 1");
        Require(CheckTimeout > TimeSpan.Zero, nameof(CheckTimeout), CheckTimeout, "must be positive");
        Require(MaxSteps >= 100, nameof(MaxSteps), MaxSteps, "must be at least 100");
        Require(MaxDepth >= 4, nameof(MaxDepth), MaxDepth, "must be at least 4");
        Require(MaxExponentBits >= 64, nameof(MaxExponentBits), MaxExponentBits, "must be at least 64");
        Require(MaxCompletionLength >= 1, nameof(MaxCompletionLength), MaxCompletionLength, "must be positive");
        Require(MaxAnswerLength >= 1, nameof(MaxAnswerLength), MaxAnswerLength, "must be positive");
    }

    private static void Require(bool ok, string name, object value, string rule)
    {
        if (!ok) throw new ArgumentOutOfRangeException(name, value, $"MathAccuracyOptions.{name} {rule}.");
    }
}
