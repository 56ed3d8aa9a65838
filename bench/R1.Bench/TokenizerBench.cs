using System.Diagnostics;
using System.Text.Json;
using R1.Rollout.Tokenization;

namespace R1.Bench;

/// <summary>
/// Load time, encode and decode throughput of <see cref="HfTokenizer"/> on the real Qwen3 and DeepSeek-V3 files.
/// Text: GSM8K test questions and answers plus the Korean questions of kor-gsm8k (from testdata/).
/// Usage: <c>dotnet run -c Release --project bench/R1.Bench -- tokenizers [loads]</c>.
/// </summary>
public sealed class TokenizerBench : IBench
{
    /// <inheritdoc />
    public string Name => "tokenizers";

    /// <inheritdoc />
    public Task RunAsync(string[] args)
    {
        int loads = args.Length > 0 && int.TryParse(args[0], out int n) ? n : 5;
        string root = RepoRoot();
        var texts = ReadTexts(root);
        long chars = texts.Sum(t => (long)t.Length);
        Console.WriteLine($"corpus: {texts.Count} texts, {chars:N0} chars");
        foreach (string name in new[] { "qwen3", "deepseek-v3" })
            Measure(name, Path.Combine(root, "testdata", "tokenizers", name), texts, chars, loads);
        return Task.CompletedTask;
    }

    private static void Measure(string name, string dir, List<string> texts, long chars, int loads)
    {
        var times = new List<double>();
        HfTokenizer tokenizer = null!;
        for (int i = 0; i < loads; i++)
        {
            var sw = Stopwatch.StartNew();
            tokenizer = HfTokenizer.Load(dir);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        var sorted = times.Order().ToList();
        Console.WriteLine($"{name}: vocab {tokenizer.VocabSize:N0}; load first {times[0]:F0} ms, " +
                          $"median {sorted[sorted.Count / 2]:F0} ms, min {sorted[0]:F0} ms (n={loads})");

        var ids = texts.Select(tokenizer.Encode).ToList();            // warm-up (fills the BPE word cache)
        var encode = Stopwatch.StartNew();
        ids = texts.Select(tokenizer.Encode).ToList();
        encode.Stop();
        long tokens = ids.Sum(x => (long)x.Count);
        foreach (var x in ids) tokenizer.Decode(x);                     // warm-up (JIT)
        var decode = Stopwatch.StartNew();
        foreach (var x in ids) tokenizer.Decode(x);
        decode.Stop();
        Console.WriteLine($"{name}: {tokens:N0} tokens ({(double)chars / tokens:F2} chars/token); " +
                          $"encode {chars / 1e6 / encode.Elapsed.TotalSeconds:F1} M chars/s " +
                          $"({tokens / 1e6 / encode.Elapsed.TotalSeconds:F2} M tokens/s); " +
                          $"decode {tokens / 1e6 / decode.Elapsed.TotalSeconds:F2} M tokens/s");
    }

    private static List<string> ReadTexts(string root)
    {
        var texts = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(root, "testdata", "data", "gsm8k", "test.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            texts.Add(doc.RootElement.GetProperty("question").GetString()!);
            texts.Add(doc.RootElement.GetProperty("answer").GetString()!);
        }
        foreach (var line in File.ReadLines(Path.Combine(root, "testdata", "data", "kor-gsm8k", "test.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.TryGetProperty("kor_question", out var q)) texts.Add(q.GetString()!);
        }
        return texts;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "R1MLNet.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Run the benchmark from inside the repository (R1MLNet.sln not found).");
    }
}
