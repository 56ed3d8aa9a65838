using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using YamlDotNet.Core;

namespace R1.Cli.Configuration;

/// <summary>
/// Reads a config file (<c>.yaml</c>/<c>.yml</c> or <c>.json</c>; the same keys in both). Relative paths in the file are taken
/// relative to the file's folder. Every problem is a <see cref="CliException"/> naming the file and the key.
/// </summary>
internal static class ConfigLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>The config at <paramref name="path"/>, or an empty one when <paramref name="path"/> is null.</summary>
    public static R1Config Load(string? path)
    {
        if (path is null) return new R1Config();
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new CliException($"Config file not found: '{path}'.");
        var config = Parse(File.ReadAllText(full), path);
        string dir = Path.GetDirectoryName(full)!;
        foreach (var part in new CommonConfig?[] { config, config.Sft, config.Grpo, config.RejectSample, config.Eval, config.Serve, config.Chat })
            part?.ResolvePaths(dir);
        return config;
    }

    /// <summary>Parses YAML or JSON text (by the extension of <paramref name="fileName"/>; JSON when it starts with '{').</summary>
    public static R1Config Parse(string text, string fileName)
    {
        JsonNode? tree;
        try
        {
            bool json = fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || text.TrimStart().StartsWith('{');
            tree = json ? JsonNode.Parse(text, documentOptions: new JsonDocumentOptions
                { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) : YamlToJson.Convert(text);
        }
        catch (Exception e) when (e is JsonException or YamlException)
        {
            throw new CliException($"Config '{fileName}' is not valid {(e is JsonException ? "JSON" : "YAML")}: {e.Message}", e);
        }
        if (tree is null) return new R1Config();
        if (tree is not JsonObject obj) throw new CliException($"Config '{fileName}' must be a mapping of keys to values.");
        try
        {
            return Normalize(obj).Deserialize<R1Config>(Options) ?? new R1Config();
        }
        catch (JsonException e)
        {
            throw new CliException($"Config '{fileName}': {Describe(e)}", e);
        }
    }

    private static string Describe(JsonException e)
    {
        string key = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : e.Path.TrimStart('$', '.');
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
            return $"unknown key '{key}' (the keys are listed in docs/cli.md).";
        if (e.Message.Contains("could not be converted to", StringComparison.Ordinal))
            return $"the value of '{key}' should be {Expected(e.Message)}.";
        return key.Length == 0 ? e.Message : $"{e.Message.Split(" Path:")[0]} (at '{key}')";
    }

    private static string Expected(string message) =>
        message.Contains("Dictionary", StringComparison.Ordinal) ? "a mapping of names to numbers"
        : message.Contains("List`1", StringComparison.Ordinal) || message.Contains("[]", StringComparison.Ordinal) ? "a list"
        : message.Contains("Int32", StringComparison.Ordinal) ? "a whole number"
        : message.Contains("Double", StringComparison.Ordinal) ? "a number"
        : message.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
        : message.Contains("Config", StringComparison.Ordinal) ? "a mapping of keys to values"
        : "text";

    /// <summary>Keys lose <c>-</c> and <c>_</c>, so kebab-case and snake_case keys match the camelCase names.</summary>
    private static JsonNode Normalize(JsonObject obj)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            string name = key.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
            if (result.ContainsKey(name)) throw new CliException($"The key '{key}' is given twice (in two spellings).");
            result[name] = value switch
            {
                JsonObject child => Normalize(child),
                null => null,
                _ => value.DeepClone(),
            };
        }
        return result;
    }
}
