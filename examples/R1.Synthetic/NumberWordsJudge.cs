using System.Globalization;
using Microsoft.Extensions.AI;
using R1.Rewards.Judge;

namespace R1.Synthetic;

/// <summary>
/// The stand-in for a generative reward model on the <c>words</c> task: an <see cref="IChatClient"/> that reads the
/// <see cref="JudgePrompt"/> user message (question, reference answer, the student's final answer) and replies <c>CORRECT</c> when the
/// final answer, read as English number words, equals the reference value, else <c>INCORRECT</c>. It is an honest verifier: its rule
/// (parsing words into a number) is its own, not something the policy can imitate, and digits are not words, so "23" is incorrect.
/// A message it cannot read gets an unparseable reply, which the judge reward records as a missing score.
/// </summary>
public sealed class NumberWordsJudge : IChatClient
{
    private int _calls;

    /// <summary>How many requests this judge has answered.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Interlocked.Increment(ref _calls);
        string reply = Grade(messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "");
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)));
    }

    /// <summary>The verdict for one <see cref="JudgePrompt.UserTemplate"/> message: <c>CORRECT</c>, <c>INCORRECT</c> or <c>UNREADABLE</c>.</summary>
    public static string Grade(string userMessage)
    {
        string? reference = Section(userMessage, "Reference answer:\n", "\n\nStudent's final answer:");
        string? final = Section(userMessage, "Student's final answer:\n", "\n\nVerdict", last: true);
        if (reference is null || final is null || !int.TryParse(reference.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int gold))
            return "UNREADABLE";
        return NumberWords.TryParse(final, out int value) && value == gold ? "CORRECT" : "INCORRECT";
    }

    private static string? Section(string text, string start, string end, bool last = false)
    {
        int from = text.IndexOf(start, StringComparison.Ordinal);
        if (from < 0) return null;
        from += start.Length;
        int to = last ? text.LastIndexOf(end, StringComparison.Ordinal) : text.IndexOf(end, from, StringComparison.Ordinal);
        if (to < from) return null;
        return text[from..to];
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException("The stand-in judge does not stream.");

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    /// <inheritdoc />
    public void Dispose() { }
}
