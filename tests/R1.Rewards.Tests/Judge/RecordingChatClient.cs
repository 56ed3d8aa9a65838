using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace R1.Rewards.Tests.Judge;

/// <summary>An in-process judge that records every request (all its messages) and replies with <paramref name="reply"/>'s verdict for
/// the user message.</summary>
internal sealed class RecordingChatClient(Func<string, string> reply) : IChatClient
{
    private readonly ConcurrentQueue<IReadOnlyList<ChatMessage>> _requests = new();

    /// <summary>A judge that always replies <c>CORRECT</c>.</summary>
    public RecordingChatClient() : this(_ => "CORRECT") { }

    /// <summary>Every request received, in arrival order.</summary>
    public IReadOnlyList<IReadOnlyList<ChatMessage>> Requests => _requests.ToArray();

    /// <summary>The user message of every request.</summary>
    public IReadOnlyList<string> UserMessages => Requests.Select(r => r.Last().Text).ToArray();

    /// <summary>Every text the judge has seen: system and user messages of every request.</summary>
    public string AllText => string.Join("\n---\n", Requests.SelectMany(r => r).Select(m => m.Text));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var list = messages.ToArray();
        _requests.Enqueue(list);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply(list.Last().Text))));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose() { }
}
