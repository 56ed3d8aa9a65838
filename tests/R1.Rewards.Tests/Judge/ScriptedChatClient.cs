using Microsoft.Extensions.AI;

namespace R1.Rewards.Tests.Judge;

/// <summary>An in-process <see cref="IChatClient"/> whose reply to each request is decided by a function of the last message.</summary>
/// <remarks>The function may throw, or return a task that never completes (a client that ignores cancellation).</remarks>
internal sealed class ScriptedChatClient(Func<string, Task<string>> reply) : IChatClient
{
    private int _requests;

    public int RequestCount => _requests;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _requests);
        string text = await reply(messages.Last().Text).ConfigureAwait(false);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }

    /// <summary>A reply that never arrives, whatever the token says.</summary>
    public static Task<string> Never() => new TaskCompletionSource<string>().Task;
}
