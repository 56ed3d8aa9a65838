using Microsoft.Extensions.AI;

namespace R1.Docs.Tests.Setups;

/// <summary>
/// A stand-in chat model for the docs: a question <c>a+b</c> gets reasoning content and the sum as its answer (distinct per seed);
/// anything else gets <see cref="Reply"/>.
/// </summary>
public sealed class SumsChatClient(string reply = "CORRECT") : IChatClient
{
    /// <summary>The reply to a message that is not a sum.</summary>
    public string Reply { get; } = reply;

    /// <summary>How many requests were answered.</summary>
    public int Requests { get; private set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        Requests++;
        string question = messages.Last().Text.Trim();
        var parts = question.Split('+');
        var contents = new List<AIContent>();
        if (parts.Length == 2 && int.TryParse(parts[0], out int a) && int.TryParse(parts[1], out int b))
        {
            contents.Add(new TextReasoningContent($"{question}: add them (sample {options?.Seed ?? 0})"));
            contents.Add(new TextContent($"<answer>{a + b}</answer>"));
        }
        else contents.Add(new TextContent(Reply));
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, contents)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}
