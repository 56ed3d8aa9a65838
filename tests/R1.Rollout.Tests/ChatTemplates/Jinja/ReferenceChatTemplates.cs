using System.Text.Json;
using System.Text.Json.Serialization;
using R1.Rollout.Tests.Tokenization;

namespace R1.Rollout.Tests.ChatTemplates.Jinja;

/// <summary>
/// Runs tests/reference/tokenizers/chat-template.js in node: the chat templates rendered by <c>@lenml/tokenizers</c>'
/// <c>apply_chat_template</c> and by <c>@huggingface/jinja</c> (both pinned in package.json; installed with <c>npm ci</c>).
/// </summary>
internal static class ReferenceChatTemplates
{
    public sealed record Template(
        [property: JsonPropertyName("template")] string Source,
        [property: JsonPropertyName("bos_token")] string? BosToken,
        [property: JsonPropertyName("eos_token")] string? EosToken);

    public sealed record EngineResult(
        [property: JsonPropertyName("renders")] string?[][] Renders,
        [property: JsonPropertyName("errors")] string?[] Errors);

    public sealed record Result(
        [property: JsonPropertyName("lenml")] EngineResult Lenml, [property: JsonPropertyName("hfjinja")] EngineResult HfJinja);

    public static Result Run(IReadOnlyList<Template> templates, IReadOnlyList<ReferenceTokenizer.Conversation> conversations)
    {
        ReferenceTokenizer.EnsureInstalled();
        if (!Directory.Exists(Path.Combine(ReferenceTokenizer.ToolDirectory, "node_modules", "@huggingface", "jinja")))
        {
            var (npm, _, npmError) = ReferenceTokenizer.Execute("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            if (npm != 0) throw new InvalidOperationException($"npm ci failed ({npm}): {npmError}");
        }
        string request = Path.Combine(Path.GetTempPath(), $"r1-chatref-{Guid.NewGuid():N}.json");
        try
        {
            string tokenizerDir = TestTokenizers.Dir("qwen3");
            File.WriteAllText(request, JsonSerializer.Serialize(new { tokenizerDir, templates, conversations }));
            var (code, stdout, stderr) = ReferenceTokenizer.Execute("node", ["chat-template.js", request], TimeSpan.FromMinutes(2));
            if (code != 0) throw new InvalidOperationException($"node chat-template.js failed ({code}): {stderr}");
            return JsonSerializer.Deserialize<Result>(stdout) ?? throw new InvalidOperationException("node chat-template.js printed nothing.");
        }
        finally { File.Delete(request); }
    }
}
