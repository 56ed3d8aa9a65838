using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using R1.Rollout;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;
using R1.Serving;

namespace R1.Bench;

/// <summary>
/// The OpenAI-compatible server under load: aggregate generated tokens/s with 1, 8 and 32 concurrent clients (each sending
/// <c>/v1/completions</c> requests one after another), as a ratio to one client, on the tiny (~0.8M) and ~10M configs, with the
/// decode batches the dynamic batcher formed. Args: <c>quick</c> (fewer tokens), <c>threads=N</c> (torch threads).
/// </summary>
public sealed class ServeBench : IBench
{
    public string Name => "serve";

    public async Task RunAsync(string[] args)
    {
        bool quick = args.Contains("quick");
        if (args.FirstOrDefault(a => a.StartsWith("threads=")) is { } t) TorchSharp.torch.set_num_threads(int.Parse(t["threads=".Length..]));
        int maxTokens = quick ? 24 : 64;
        var tokenizer = CharTokenizer.CreateDefault();
        foreach (var (name, config) in new[] { ("tiny", ModelConfig.Tiny(tokenizer.VocabSize)), ("10M", ModelConfig.Small(tokenizer.VocabSize)) })
        {
            string folder = Path.Combine(Path.GetTempPath(), "r1-serve-bench-" + Guid.NewGuid().ToString("N")[..8]);
            using (var policy = Policy.Create(config, tokenizer, new PolicyOptions { Seed = 1 })) policy.Save(folder);
            try { await Measure(name, folder, maxTokens, quick); }
            finally { Directory.Delete(folder, recursive: true); }
        }
    }

    private static async Task Measure(string name, string folder, int maxTokens, bool quick)
    {
        var options = new ServerOptions
        {
            ModelPath = folder, ModelId = name, Urls = "http://127.0.0.1:0", MaxBatchSize = 32, MaxConcurrentRequests = 64,
        };
        await using var server = await OpenAiServer.StartAsync(options);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        Console.WriteLine($"\n## {name}: max_tokens {maxTokens}, T 1, batch window {options.BatchWindow.TotalMilliseconds} ms");
        Console.WriteLine("| clients | requests | tokens | seconds | tokens/s | × one client | decode batches | largest batch |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        await Load(http, name, clients: 2, perClient: 1, maxTokens);                        // warm-up
        double? single = null;
        foreach (int clients in new[] { 1, 8, 32 })
        {
            int perClient = clients == 1 ? (quick ? 4 : 8) : quick ? 2 : 3;
            var before = await Health(http);
            var (tokens, seconds) = await Load(http, name, clients, perClient, maxTokens);
            var after = await Health(http);
            double rate = tokens / seconds;
            single ??= rate;
            long batches = (long)after["batches"]! - (long)before["batches"]!;
            Console.WriteLine($"| {clients} | {clients * perClient} | {tokens} | {seconds:F2} | {rate:F0} | {rate / single:F2} | {batches} | " +
                              $"{(int)after["largest_batch"]!} |");
        }
    }

    /// <summary>
    /// Each of <paramref name="clients"/> sends <paramref name="perClient"/> requests in turn; returns the tokens generated and
    /// the wall time.
    /// </summary>
    private static async Task<(long Tokens, double Seconds)> Load(HttpClient http, string model, int clients, int perClient, int maxTokens)
    {
        var sw = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            long tokens = 0;
            for (int r = 0; r < perClient; r++)
            {
                var body = new { model, prompt = $"Client {c} asks question {r}: what is {c}+{r}?", max_tokens = maxTokens, seed = c * 1000 + r };
                using var response = await http.PostAsJsonAsync("/v1/completions", body);
                response.EnsureSuccessStatusCode();
                tokens += (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["usage"]!["completion_tokens"]!;
            }
            return tokens;
        })));
        return (counts.Sum(), sw.Elapsed.TotalSeconds);
    }

    private static async Task<JsonNode> Health(HttpClient http) => JsonNode.Parse(await http.GetStringAsync("/health"))!["batching"]!;
}
