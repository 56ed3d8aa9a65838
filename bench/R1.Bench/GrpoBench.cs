using System.Diagnostics;
using R1.MLNet.Training;
using R1.Rollout;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace R1.Bench;

/// <summary>
/// One GRPO step on the ~10M-parameter preset (<c>ModelConfig.Small</c>, character vocabulary): time in rollout, reward scoring
/// and learning, tokens/s of each, and the learning phase's model FLOP utilisation (6·params·tokens) against the fp32 matmul
/// peak measured in the same run. Args: <c>[threads] [prompts] [G] [max completion tokens]</c>.
/// </summary>
public sealed class GrpoBench : IBench
{
    public string Name => "grpo";

    public Task RunAsync(string[] args)
    {
        int threads = args.Length > 0 ? int.Parse(args[0]) : Environment.ProcessorCount;
        int prompts = args.Length > 1 ? int.Parse(args[1]) : 8;
        int g = args.Length > 2 ? int.Parse(args[2]) : 8;
        int maxTokens = args.Length > 3 ? int.Parse(args[3]) : 48;
        var dtype = args.Length > 4 && args[4] == "bf16" ? ScalarType.BFloat16 : ScalarType.Float32;
        var tokenizer = CharTokenizer.CreateDefault();
        using var policy = Policy.Create(ModelConfig.Small(tokenizer.VocabSize), tokenizer,
            new PolicyOptions { Seed = 1, NumThreads = threads, DType = dtype });
        long parameters = policy.Model.parameters().Sum(p => p.numel());
        double peak = MatmulPeak(ScalarType.Float32), peakBf16 = MatmulPeak(ScalarType.BFloat16);
        Console.WriteLine($"model: {parameters / 1e6:F1}M parameters ({dtype}); libtorch threads {get_num_threads()}; " +
                          $"step: {prompts} prompts x G={g}, <= {maxTokens} new tokens, beta 0.04, mu 1");
        Console.WriteLine($"measured matmul peak (1024^3): fp32 {peak / 1e9:F0} GFLOP/s, bf16 {peakBf16 / 1e9:F0} GFLOP/s");

        var prompt = BenchGrpoTask.Prompt();
        var rewards = BenchGrpoTask.Rewards();
        var train = BenchGrpoTask.Train();
        GrpoStepMetrics Step(int seed) => new GrpoTrainer(policy, rewards, new GrpoOptions
        {
            MaxSteps = 1, PromptsPerStep = prompts, NumGenerations = g, Seed = seed,
            Sampling = { MaxNewTokens = maxTokens },
            Optimizer = { LearningRate = 1e-5 },
        }, prompt).Train(train).History[0];

        Step(0);                                                                           // warm-up
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var m = Step(1);
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        double completions = prompts * g, generated = m.CompletionLength * completions,
            total = m.RolloutSeconds + m.ScoringSeconds + m.LearningSeconds;
        double learnFlops = 6.0 * parameters * m.LearningTokens;
        Console.WriteLine($"rollout  {m.RolloutSeconds,7:F2}s ({m.RolloutSeconds / total,4:P0})  " +
                          $"{generated / m.RolloutSeconds,8:F0} generated tokens/s (incl. pi_ref log-probs)");
        Console.WriteLine($"scoring  {m.ScoringSeconds,7:F2}s ({m.ScoringSeconds / total,4:P0})  " +
                          $"{completions / m.ScoringSeconds,8:F0} completions/s, {generated / m.ScoringSeconds:F0} tokens/s");
        Console.WriteLine($"learning {m.LearningSeconds,7:F2}s ({m.LearningSeconds / total,4:P0})  " +
                          $"{m.LearningTokens / m.LearningSeconds,8:F0} tokens/s fwd+bwd; " +
                          $"{learnFlops / m.LearningSeconds / 1e9:F1} GFLOP/s = MFU {learnFlops / m.LearningSeconds / peak:P1} of the fp32 peak");
        Console.WriteLine($"step     {total,7:F2}s wall, {cpuSeconds:F2}s CPU; mean completion {m.CompletionLength:F1} tokens; " +
                          $"load average {LoadAverage.Text()}");
        return Task.CompletedTask;
    }

    private static double MatmulPeak(ScalarType dtype, int n = 1024, int reps = 10)
    {
        using var scope = NewDisposeScope();
        var a = randn(n, n).to(dtype);
        var b = randn(n, n).to(dtype);
        mm(a, b).Dispose();
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < reps; i++) mm(a, b).Dispose();
        return 2.0 * n * n * n * reps / sw.Elapsed.TotalSeconds;
    }
}
