namespace R1.Rewards.Code;

/// <summary>One program to run against its tests.</summary>
/// <param name="Code">The program (for HumanEval: the prompt's signature plus the completion's body).</param>
/// <param name="Tests">
/// The tests: with <paramref name="EntryPoint"/>, code defining <c>check(candidate)</c> (HumanEval); without, top-level
/// statements such as <c>assert f(1) == 2</c> (MBPP-style).
/// </param>
/// <param name="EntryPoint">The function passed to <c>check</c>, or <see langword="null"/> for top-level asserts.</param>
/// <param name="SplitTests">Whether each asserting statement is run and counted separately (fraction scoring) rather than the tests as a
/// whole.</param>
public sealed record CodeExecutionRequest(string Code, string Tests, string? EntryPoint, bool SplitTests);
