namespace R1.Rewards.Code;

/// <summary>How the code reward turns test results into a score.</summary>
public enum CodeScoringMode
{
    /// <summary>
    /// The fraction of tests passed, in [0, 1]. Each top-level statement of the tests that contains an <c>assert</c>
    /// (for HumanEval: of the body of <c>check(candidate)</c>) is one test; the other statements are setup, run in order.
    /// </summary>
    FractionOfTests,

    /// <summary>1 when every test passes (HumanEval's <c>check(candidate)</c> runs as a whole), else 0.</summary>
    PassFail,
}
