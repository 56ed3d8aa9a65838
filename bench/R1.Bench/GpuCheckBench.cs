using System.Diagnostics;
using System.Text.Json;
using R1.MLNet.Training;
using R1.Rollout;
using R1.Rollout.Generation;
using R1.Rollout.Tokenization;
using static TorchSharp.torch;

namespace R1.Bench;

/// <summary>
/// The benchmark half of <c>scripts/gpu-check.sh</c>: on CUDA, the Qwen2.5-0.5B config in bf16 with the Qwen tokenizer; decode
/// tokens/s (8 rows × 128 tokens, KV cache) and one bf16-mixed GRPO step (2 prompts × G=4, 128 new tokens). Writes a JSON object
/// to the path given as the first argument; without CUDA it writes nothing and says why (the script checks for the file).
/// </summary>
public sealed class GpuCheckBench : IBench
{
    public string Name => "gpu-check";

    public bool InAll => false;

    public Task RunAsync(string[] args)
    {
        string report = args.Length > 0 ? args[0] : "gpu-check-bench.json";
        if (!cuda.is_available())
        {
            Console.Error.WriteLine("gpu-check: CUDA is not available to TorchSharp (TorchSharp-cpu, no GPU or no driver).");
            return Task.CompletedTask;
        }
        var tokenizer = HfTokenizer.Load(Path.Combine(Root(), "testdata", "tokenizers", "qwen3"));
        using var policy = Policy.Create(ScaleSetup.Qwen25HalfB(), tokenizer,
            new PolicyOptions { Seed = 1, Device = "cuda", DType = ScalarType.BFloat16 });
        var decode = DecodeTokensPerSecond(policy);
        var step = GrpoStep(policy, tokenizer);
        var result = new Dictionary<string, object>
        {
            ["device"] = "cuda", ["cuda_devices"] = cuda.device_count(), ["model"] = "Qwen2.5-0.5B config, random weights, bf16",
            ["decode_tokens_per_second"] = decode, ["grpo_step"] = step,
        };
        File.WriteAllText(report, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"decode {decode:F0} tokens/s; GRPO step rollout {step["rollout_s"]:F2} s, learning {step["learning_s"]:F2} s");
        return Task.CompletedTask;
    }

    private static double DecodeTokensPerSecond(Policy policy)
    {
        IReadOnlyList<int>[] prompts = Enumerable.Range(0, 8).Select(i => (IReadOnlyList<int>)[100 + i, 200 + i, 300 + i]).ToArray();
        var options = new SamplingOptions { MaxNewTokens = 128, Seed = 1, EosIds = [] };
        policy.Generate(prompts, new SamplingOptions { MaxNewTokens = 8, Seed = 1, EosIds = [] });                 // warm-up
        var clock = Stopwatch.StartNew();
        var results = policy.Generate(prompts, options);
        return results.Sum(r => r.CompletionIds.Count) / clock.Elapsed.TotalSeconds;
    }

    private static Dictionary<string, double> GrpoStep(Policy policy, ITextTokenizer tokenizer)
    {
        var prompt = BenchGrpoTask.Prompt();
        var rewards = BenchGrpoTask.Rewards();
        var train = BenchGrpoTask.Train(2);
        var options = ScaleSetup.All.Single(s => s.Name == "bf16").Options(prompts: 2, g: 4, newTokens: 128);
        var m = new GrpoTrainer(policy, rewards, options, prompt).Train(train).History[0];
        return new()
        {
            ["rollout_s"] = m.RolloutSeconds, ["scoring_s"] = m.ScoringSeconds, ["learning_s"] = m.LearningSeconds, ["loss"] = m.Loss,
            ["completion_length"] = m.CompletionLength, ["planner_estimate_gib"] =
                MemoryPlanner.ForGrpo(policy.Config, options, train.Max(e => tokenizer.Encode(prompt.Render(e.Prompt)).Count)).TotalGiB,
        };
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "R1MLNet.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Run the benchmark from inside the repository (R1MLNet.sln not found).");
    }
}
