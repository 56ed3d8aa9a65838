using System.Diagnostics;
using Microsoft.ML;
using R1.MLNet;
using R1.MLNet.Reason;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;

namespace R1.Bench;

/// <summary>
/// <c>reason</c>: rows per second of <c>mlContext.Reasoning().Reason()</c> reading a data view with different
/// <see cref="ReasonOptions.BatchSize"/> values (tiny random model, greedy, fixed-length completions), and of
/// <c>Evaluate</c> with k = 4. Args: <c>[rows=32] [tokens=32]</c>.
/// </summary>
public sealed class ReasonBatchingBench : IBench
{
    /// <inheritdoc />
    public string Name => "reason";

    private sealed class Row
    {
        public string Prompt { get; set; } = "";
        public string Answer { get; set; } = "";
    }

    private sealed class Output
    {
        public string Completion { get; set; } = "";
    }

    /// <inheritdoc />
    public Task RunAsync(string[] args)
    {
        int rows = args.Length > 0 ? int.Parse(args[0]) : 32;
        int tokens = args.Length > 1 ? int.Parse(args[1]) : 32;
        var ml = new MLContext(seed: 0);
        var tokenizer = CharTokenizer.CreateDefault();
        using var policy = Policy.Create(ModelConfig.Tiny(tokenizer.VocabSize), tokenizer, new PolicyOptions { Seed = 1 });
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows)
            .Select(i => new Row { Prompt = $"{i % 10}+{i % 7}=", Answer = $"{i % 10 + i % 7}" }).ToList());
        Console.WriteLine($"tiny model, {rows} rows, greedy, up to {tokens} new tokens, torch threads {TorchSharp.torch.get_num_threads()}");

        foreach (int batch in new[] { 1, 8, 32 })
        {
            var options = new ReasonOptions { Policy = policy, Sampling = { Temperature = 0, MaxNewTokens = tokens },
                BatchSize = batch, Prompt = PromptFormat.Raw };
            var model = ml.Reasoning().Reason(options).Fit(data);
            var clock = Stopwatch.StartNew();
            int n = ml.Data.CreateEnumerable<Output>(model.Transform(data), reuseRowObject: true).Count();
            Console.WriteLine($"Reason BatchSize {batch,2}: {n / clock.Elapsed.TotalSeconds,7:F1} rows/s ({clock.Elapsed.TotalSeconds:F2} s)");
        }

        var eval = new R1.MLNet.Evaluate.EvaluationOptions { Samples = 4, Sampling = { MaxNewTokens = tokens },
            Prompt = PromptFormat.Raw, BatchSize = 8 };
        var timer = Stopwatch.StartNew();
        var metrics = ml.Reasoning().Evaluate(data, policy, eval);
        Console.WriteLine($"Evaluate k=4, 8 questions per call: {rows / timer.Elapsed.TotalSeconds:F1} questions/s " +
                          $"({timer.Elapsed.TotalSeconds:F2} s); {metrics}");
        return Task.CompletedTask;
    }
}
