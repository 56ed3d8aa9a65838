using R1.MLNet.Training;

namespace R1.Synthetic;

/// <summary>
/// One problem <c>a+b*c</c> (single digits) of the synthetic task. Its worked solution has two steps, multiplication first;
/// the systematic slip adds first, ignoring operator precedence.
/// </summary>
/// <param name="A">The first operand.</param>
/// <param name="B">The second operand.</param>
/// <param name="C">The third operand.</param>
public sealed record ArithmeticProblem(int A, int B, int C)
{
    /// <summary>The question text, for example <c>3+4*5</c>.</summary>
    public string Question => $"{A}+{B}*{C}";

    /// <summary>The correct answer, <c>a + b·c</c>.</summary>
    public int Answer => A + B * C;

    /// <summary>The answer of the slip, <c>(a + b)·c</c>.</summary>
    public int SlipAnswer => (A + B) * C;

    /// <summary>The correct reasoning and answer: <c>&lt;think&gt;4*5=20 3+20=23&lt;/think&gt;&lt;answer&gt;23&lt;/answer&gt;</c>.</summary>
    public string CorrectCompletion => Completion($"{B}*{C}={B * C} {A}+{B * C}={Answer}", Answer);

    /// <summary>The slip: adds before multiplying, <c>&lt;think&gt;3+4=7 7*5=35&lt;/think&gt;&lt;answer&gt;35&lt;/answer&gt;</c>.</summary>
    public string SlipCompletion => Completion($"{A}+{B}={A + B} {A + B}*{C}={SlipAnswer}", SlipAnswer);

    /// <summary>As a training/evaluation example with its gold answer.</summary>
    public ReasoningExample ToExample() => new(Question, Answer.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Completion(string thinking, int answer) => $"<think>{thinking}</think><answer>{answer}</answer>";
}
