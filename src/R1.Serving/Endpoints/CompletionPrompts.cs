using System.Text.Json;
using R1.Rollout.Tokenization;

namespace R1.Serving.Endpoints;

/// <summary>Reads <c>prompt</c>: a string, an array of strings, an array of token ids, or an array of token-id arrays.</summary>
internal static class CompletionPrompts
{
    public static IReadOnlyList<IReadOnlyList<int>> Read(JsonElement prompt, ITextTokenizer tokenizer)
    {
        var prompts = prompt.ValueKind switch
        {
            JsonValueKind.String => [tokenizer.Encode(prompt.GetString()!)],
            JsonValueKind.Array when prompt.GetArrayLength() == 0 => throw Invalid("prompt must not be an empty array."),
            JsonValueKind.Array when prompt.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number) => [Ids(prompt, tokenizer)],
            JsonValueKind.Array when prompt.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
                prompt.EnumerateArray().Select(e => tokenizer.Encode(e.GetString()!)).ToList(),
            JsonValueKind.Array when prompt.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Array) =>
                prompt.EnumerateArray().Select(e => Ids(e, tokenizer)).ToList(),
            JsonValueKind.Undefined or JsonValueKind.Null => throw Invalid("prompt is required."),
            _ => throw Invalid("prompt must be a string, an array of strings, an array of token ids or an array of token-id arrays."),
        };
        if (prompts.Any(p => p.Count == 0)) throw Invalid("A prompt is empty: it encodes to no token.");
        return prompts;
    }

    private static IReadOnlyList<int> Ids(JsonElement array, ITextTokenizer tokenizer)
    {
        var ids = new List<int>();
        foreach (var e in array.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out int id) || id < 0 || id >= tokenizer.VocabSize)
                throw Invalid($"Token ids must be integers in [0, {tokenizer.VocabSize}) (got {e.GetRawText()}).");
            ids.Add(id);
        }
        return ids;
    }

    private static OpenAiException Invalid(string message) => OpenAiException.BadRequest(message, "prompt");
}
