using System.Globalization;
using Microsoft.Extensions.AI;

namespace R1.Rewards.Judge;

/// <summary>
/// The fixed prompt of the generative judge: a system message with the grading rule and a user message with the question,
/// the reference answer and the completion's final answer. The judge must reply with one word, <c>CORRECT</c> or <c>INCORRECT</c>.
/// </summary>
public static class JudgePrompt
{
    /// <summary>The system message.</summary>
    public const string System =
        "You are a strict grader. Decide whether the student's final answer to the question is equivalent to the reference answer " +
        "(the same value, expression or meaning; ignore formatting, units spelled differently and surrounding text). " +
        "Reply with exactly one word: CORRECT or INCORRECT. Do not explain.";

    /// <summary>The user message; <c>{0}</c> is the question, <c>{1}</c> the reference answer, <c>{2}</c> the final answer.</summary>
    public const string UserTemplate =
        "Question:\n{0}\n\nReference answer:\n{1}\n\nStudent's final answer:\n{2}\n\nVerdict (CORRECT or INCORRECT):";

    /// <summary>Builds the two messages for one query about a final answer.</summary>
    public static IReadOnlyList<ChatMessage> Build(string question, string reference, string finalAnswer) =>
    [
        new(ChatRole.System, System),
        new(ChatRole.User, string.Format(CultureInfo.InvariantCulture, UserTemplate, question.Trim(), reference.Trim(), finalAnswer.Trim())),
    ];

    /// <summary>
    /// Builds the two messages for one query: the system message <paramref name="instructions"/> (default <see cref="System"/>), and the
    /// question, the reference answer (left out when <see langword="null"/>) and <paramref name="text"/> labelled for its
    /// <paramref name="scope"/>: <c>Student's final answer</c>, <c>Student's final summary (the response after its reasoning)</c> or
    /// <c>Student's whole response (reasoning and summary)</c>. With <see cref="JudgeScope.FinalAnswer"/>, a reference and the default
    /// instructions this is <see cref="Build(string, string, string)"/>.
    /// </summary>
    public static IReadOnlyList<ChatMessage> Build(string question, string? reference, string text, JudgeScope scope, string? instructions = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(text);
        string referencePart = reference == null ? "" : $"Reference answer:\n{reference.Trim()}\n\n";
        string user = $"Question:\n{question.Trim()}\n\n{referencePart}{Label(scope)}:\n{text.Trim()}\n\nVerdict (CORRECT or INCORRECT):";
        return [new(ChatRole.System, string.IsNullOrWhiteSpace(instructions) ? System : instructions), new(ChatRole.User, user)];
    }

    private static string Label(JudgeScope scope) => scope switch
    {
        JudgeScope.Summary => "Student's final summary (the response after its reasoning)",
        JudgeScope.WholeResponse => "Student's whole response (reasoning and summary)",
        _ => "Student's final answer",
    };
}
