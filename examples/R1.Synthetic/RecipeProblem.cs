using System.Globalization;
using R1.MLNet.Training;

namespace R1.Synthetic;

/// <summary>
/// One problem of the recipe's task family: an <see cref="ArithmeticProblem"/> asked as a task type. <c>math</c> asks
/// <c>3+4*5</c> and wants the number (checked by the math reward); <c>words</c> asks <c>3+4*5 in words</c> and wants English
/// number words (checked by a judge). Both reason the same way: <c>&lt;think&gt;4*5=20 then 3+20=23&lt;/think&gt;</c>.
/// </summary>
/// <param name="Problem">The arithmetic.</param>
/// <param name="TaskType">Either <see cref="RecipeTaskFamily.Math"/> or <see cref="RecipeTaskFamily.Words"/>.</param>
public sealed record RecipeProblem(ArithmeticProblem Problem, string TaskType)
{
    /// <summary>The Hangul word ("first") that the mixed-script failure opens the chain of thought with.</summary>
    public const string HangulFirst = "먼저";

    /// <summary>The question: <c>3+4*5</c>, or <c>3+4*5 in words</c>.</summary>
    public string Question => TaskType == RecipeTaskFamily.Words ? $"{Problem.Question} in words" : Problem.Question;

    /// <summary>The reference answer both task types carry: the value in digits (the judge compares words against it).</summary>
    public string Reference => Problem.Answer.ToString(CultureInfo.InvariantCulture);

    /// <summary>As a training/evaluation example (target language <c>en</c>, the task type set).</summary>
    public ReasoningExample ToExample() => new(Question, Reference, Language: "en", TaskType: TaskType);

    /// <summary>A worked solution, correct or the slip (adds first), in the given style.</summary>
    public string Completion(bool slip, CotStyle style)
    {
        var (a, b, c) = (Problem.A, Problem.B, Problem.C);
        var (first, second, answer) = slip
            ? ($"{a}+{b}={a + b}", $"{a + b}*{c}={Problem.SlipAnswer}", Problem.SlipAnswer)
            : ($"{b}*{c}={b * c}", $"{a}+{b * c}={Problem.Answer}", Problem.Answer);
        string thinking = style switch
        {
            CotStyle.MixedScript => $"{HangulFirst} {first} then {second}",
            CotStyle.CodeBlock => $"```\n{first}\n{second}\n```",
            _ => $"{first} then {second}",
        };
        string shown = TaskType == RecipeTaskFamily.Words ? NumberWords.ToWords(answer) : answer.ToString(CultureInfo.InvariantCulture);
        return $"<think>{thinking}</think><answer>{shown}</answer>";
    }
}
