using System.Text.Json;
using Microsoft.Extensions.AI;

namespace R1.Rollout.Tests.ChatTemplates.Jinja;

/// <summary>
/// The renderings of real Jinja2 (set up as transformers sets it up for chat templates), written by
/// tests/reference/chat-templates/generate.py into jinja2_fixture.json (copied next to the test binaries).
/// </summary>
public static class Jinja2Fixture
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ChatTemplates", "Jinja", "jinja2_fixture.json"))).RootElement);

    public sealed record Chat(string Folder, int Conversation, bool AddGenerationPrompt, string Expected)
    {
        public override string ToString() => $"{Folder.Split('/')[^1]} #{Conversation} gen={AddGenerationPrompt}";
    }

    public sealed record Expression(string Name, string Template, JsonElement? Context, string? Expected, string? Error)
    {
        public override string ToString() => Name;
    }

    public static IReadOnlyList<IReadOnlyList<ChatMessage>> Conversations() =>
        Root.Value.GetProperty("conversations").EnumerateArray()
            .Select(c => (IReadOnlyList<ChatMessage>)c.EnumerateArray()
                .Select(m => new ChatMessage(new ChatRole(m.GetProperty("role").GetString()!), m.GetProperty("content").GetString()))
                .ToList())
            .ToList();

    public static IEnumerable<Chat> Chats() =>
        Root.Value.GetProperty("chats").EnumerateArray().Select(c => new Chat(
            c.GetProperty("folder").GetString()!, c.GetProperty("conversation").GetInt32(),
            c.GetProperty("addGenerationPrompt").GetBoolean(), c.GetProperty("expected").GetString()!));

    /// <summary>Qwen3's template with <c>enable_thinking=False</c> and the generation prompt: (conversation index, expected).</summary>
    public static IEnumerable<(int Conversation, string Expected)> Qwen3WithoutThinking() =>
        Root.Value.GetProperty("qwen3WithoutThinking").EnumerateArray()
            .Select(c => (c.GetProperty("conversation").GetInt32(), c.GetProperty("expected").GetString()!));

    public static IEnumerable<Expression> Expressions() =>
        Root.Value.GetProperty("expressions").EnumerateArray().Select(e => new Expression(
            e.GetProperty("name").GetString()!, e.GetProperty("template").GetString()!,
            e.TryGetProperty("context", out var c) ? c : null,
            e.TryGetProperty("expected", out var x) ? x.GetString() : null,
            e.TryGetProperty("error", out var err) ? err.GetString() : null));

    /// <summary>A JSON value as the render context takes it: string, bool, long, double, null, lists and dictionaries.</summary>
    public static object? ToValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Number => e.TryGetInt64(out long n) ? n : (object)e.GetDouble(),
        JsonValueKind.Array => e.EnumerateArray().Select(ToValue).ToList(),
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value)),
        _ => throw new ArgumentException($"Unexpected JSON {e.ValueKind}."),
    };
}
