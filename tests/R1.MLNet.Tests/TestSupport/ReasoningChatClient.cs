using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace R1.MLNet.Tests.TestSupport;

/// <summary>
/// A fake chat teacher: <paramref name="reply"/> maps (prompt, seed) to the reasoning content (or null) and the reply text, or
/// throws. Records every request's options and the most requests in flight at once.
/// </summary>
internal sealed class ReasoningChatClient(Func<string, long, (string? Reasoning, string Text)> reply, int delayMs = 0) : IChatClient
{
    private int _inFlight;

    public ConcurrentBag<ChatOptions> Requests { get; } = [];

    public int MaxInFlight { get; private set; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        int now = Interlocked.Increment(ref _inFlight);
        lock (Requests) MaxInFlight = Math.Max(MaxInFlight, now);
        try
        {
            Requests.Add(options!);
            if (delayMs > 0) await Task.Delay(delayMs, cancellationToken);
            var (reasoning, text) = reply(messages.Last().Text, options?.Seed ?? 0);
            var contents = new List<AIContent>();
            if (reasoning is not null) contents.Add(new TextReasoningContent(reasoning));
            contents.Add(new TextContent(text));
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}
