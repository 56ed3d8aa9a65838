using System.Diagnostics;
using R1.Rollout;
using R1.Rollout.Generation;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;
using static TorchSharp.torch;

namespace R1.Bench;

/// <summary>
/// Rollout speed on this machine: matmul peak, prefill tokens/s (and the fraction of peak it reaches), decode tokens/s with
/// and without the KV cache at batch 1 and 16, for the tiny default (~0.8M params) and the ~10M preset.
/// Args: <c>[threads=N]</c> (torch threads; default libtorch's), <c>quick</c> (fewer tokens).
/// </summary>
public sealed class RolloutBench : IBench
{
    public string Name => "rollout";

    public Task RunAsync(string[] args)
    {
        bool quick = args.Contains("quick");
        if (args.FirstOrDefault(a => a.StartsWith("threads=")) is { } t) set_num_threads(int.Parse(t["threads=".Length..]));
        Console.WriteLine($"torch threads: {get_num_threads()}, cores: {Environment.ProcessorCount}");
        double peak = MatmulPeakGflops();
        Console.WriteLine($"fp32 matmul peak (1024³, best of 10): {peak:F1} GFLOP/s");
        var tokenizer = CharTokenizer.CreateDefault();
        foreach (var (name, config) in new[] { ("tiny", ModelConfig.Tiny(tokenizer.VocabSize)), ("10M", ModelConfig.Small(tokenizer.VocabSize)) })
        {
            using var policy = Policy.Create(config, tokenizer, new PolicyOptions { Seed = 1 });
            Console.WriteLine($"\n## {name}: {policy.Model.ParameterCount / 1e6:F2}M params " +
                              $"(hidden {config.HiddenSize}, {config.NumHiddenLayers} layers)");
            Console.WriteLine("| measure | batch | tokens/s | ms/step |");
            Console.WriteLine("|---|---|---|---|");
            Prefill(policy, peak, quick);
            foreach (int batch in new[] { 1, 16 })
                foreach (bool cache in new[] { true, false })
                    Decode(policy, batch, cache, quick);
            GroupRollout(policy, quick);
        }
        return Task.CompletedTask;
    }

    private static double MatmulPeakGflops()
    {
        using var a = randn(1024, 1024);
        using var b = randn(1024, 1024);
        using (var warm = a.matmul(b)) { }
        double best = double.MaxValue;
        for (int i = 0; i < 10; i++)
        {
            var sw = Stopwatch.StartNew();
            using (var c = a.matmul(b)) { }
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return 2.0 * 1024 * 1024 * 1024 / best / 1e9;
    }

    private static void Prefill(Policy policy, double peak, bool quick)
    {
        int batch = 16, length = quick ? 64 : 128;
        using var ids = randint(4, policy.Config.VocabSize, [batch, length]);
        double Run()
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var sw = Stopwatch.StartNew();
            policy.Model.forward(ids, null, null, null);
            return sw.Elapsed.TotalSeconds;
        }
        Run();
        double best = Enumerable.Range(0, quick ? 3 : 7).Min(_ => Run());
        double tokensPerSecond = batch * length / best;
        // Matmul FLOPs: 2 per weight per token, plus attention (QKᵀ and AV: 2·2·T·hidden per token, half of it causal-masked).
        var c = policy.Config;
        double flopsPerToken = 2.0 * policy.Model.ParameterCount + 2.0 * c.NumHiddenLayers * length * c.NumAttentionHeads * c.HeadDim;
        double gflops = flopsPerToken * tokensPerSecond / 1e9;
        Console.WriteLine($"| prefill {length} tokens | {batch} | {tokensPerSecond:F0} | {best * 1000:F1} (forward) | ");
        Console.WriteLine($"| prefill GFLOP/s = {gflops:F1} → {gflops / peak:P0} of matmul peak | | | |");
    }

    /// <summary>A GRPO-shaped rollout: 2 prompts × G = 8 samples, 96-token prompts (prefilled once per prompt).</summary>
    private static void GroupRollout(Policy policy, bool quick)
    {
        int newTokens = quick ? 32 : 96;
        var prompts = Enumerable.Range(0, 2)
            .Select(i => (IReadOnlyList<int>)Enumerable.Range(0, 96).Select(x => 4 + (x * (i + 3)) % 60).ToArray()).ToList();
        var options = new SamplingOptions { MaxNewTokens = newTokens, Temperature = 1.0, TopP = 0.95, Seed = 1, EosIds = [], CheckInterval = 16 };
        policy.GenerateGroups(prompts, 8, options);
        double best = double.MaxValue;
        for (int i = 0; i < (quick ? 2 : 5); i++)
        {
            var sw = Stopwatch.StartNew();
            policy.GenerateGroups(prompts, 8, options);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"| group rollout 2 prompts × G=8 (96 prompt + {newTokens} new, incl. prefill) | 16 | " +
                          $"{16 * newTokens / best:F0} | {best * 1000 / newTokens:F2} |");
    }

    private static void Decode(Policy policy, int batch, bool cache, bool quick)
    {
        int newTokens = cache ? (quick ? 32 : 96) : (quick ? 16 : 48);
        var prompts = Enumerable.Range(0, batch)
            .Select(i => (IReadOnlyList<int>)Enumerable.Range(4 + i, 32).Select(x => 4 + x % 60).ToArray()).ToList();
        var options = new SamplingOptions { MaxNewTokens = newTokens, Temperature = 1.0, TopP = 0.95, Seed = 1, EosIds = [],
            UseKvCache = cache, CheckInterval = 16 };
        policy.Generate(prompts, options);
        double best = double.MaxValue;
        for (int i = 0; i < (quick ? 2 : 5); i++)                       // best of N: robust to other processes on the machine
        {
            var sw = Stopwatch.StartNew();
            policy.Generate(prompts, options);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"| decode {(cache ? "KV cache" : "no cache")} (32 prompt + {newTokens} new) | {batch} | " +
                          $"{batch * newTokens / best:F0} | {best * 1000 / newTokens:F2} |");
    }
}
