using Microsoft.Extensions.AI;

namespace R1.MLNet.Tests.TestSupport;

/// <summary>An in-process <see cref="IChatClient"/> whose reply to each request is decided by a function of the last message (which
/// may throw, or return a task that never completes, ignoring cancellation).</summary>
internal sealed class ScriptedChatClient(Func<string, Task<string>> reply) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        new(new ChatMessage(ChatRole.Assistant, await reply(messages.Last().Text).ConfigureAwait(false)));

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}
