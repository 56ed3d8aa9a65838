using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rewards.Format;
using R1.Rewards.Math;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;

namespace R1.Bench;

/// <summary>
/// <c>rejection-sampling</c>: samples per second and kept samples per second of <see cref="RejectionSampler"/> with the math and
/// format rewards and the default readability filters. The teacher is the tiny model after a short SFT warm-up on a+b sums (so
/// that it writes well-formed, sometimes correct answers), then an in-process chat client (the engine's own overhead: rewards,
/// filters, dedup, the JSONL file). Args: <c>[prompts=64] [k=8] [tokens=32] [sft steps=60]</c>.
/// </summary>
public sealed class RejectionSamplingBench : IBench
{
    /// <inheritdoc />
    public string Name => "rejection-sampling";

    /// <inheritdoc />
    public Task RunAsync(string[] args)
    {
        int prompts = args.Length > 0 ? int.Parse(args[0]) : 64;
        int k = args.Length > 1 ? int.Parse(args[1]) : 8;
        int tokens = args.Length > 2 ? int.Parse(args[2]) : 32;
        int sftSteps = args.Length > 3 ? int.Parse(args[3]) : 60;
        var rewards = new ServiceCollection().AddReasoningRewards(b => b.AddMathAccuracy().AddFormat(weight: 0.5))
            .BuildServiceProvider().GetRequiredService<IRewardScorer>();
        var examples = Enumerable.Range(0, prompts).Select(i => new ReasoningExample($"{i % 10}+{i / 10 % 10}=", $"{i % 10 + i / 10 % 10}"))
            .ToList();
        var tokenizer = CharTokenizer.CreateDefault();
        using var policy = Policy.Create(ModelConfig.Tiny(tokenizer.VocabSize), tokenizer, new PolicyOptions { Seed = 1 });
        var warmup = Stopwatch.StartNew();
        var pairs = Enumerable.Range(0, 100)
            .Select(i => (Prompt: $"{i % 10}+{i / 10}=", Response: $"<think>{i % 10}+{i / 10}</think><answer>{i % 10 + i / 10}</answer>"))
            .ToList();
        new SftTrainer(policy, new SftOptions { MaxSteps = sftSteps, BatchSize = 16, Optimizer = { LearningRate = 3e-3 } }, PromptFormat.Raw)
            .Train(pairs);
        Console.WriteLine($"tiny model ({policy.Model.parameters().Sum(p => p.numel()) / 1e6:F2}M parameters), {sftSteps} SFT warm-up steps " +
                          $"({warmup.Elapsed.TotalSeconds:F1} s); {prompts} prompts x k={k}, <= {tokens} new tokens, T 0.6, top-p 0.95, " +
                          $"torch threads {TorchSharp.torch.get_num_threads()}");
        var options = new RejectionSamplingOptions { SamplesPerPrompt = k, Sampling = { MaxNewTokens = tokens } };
        Report("policy teacher", new RejectionSampler(policy, rewards, options, PromptFormat.Raw).Run(examples));

        string file = Path.Combine(Path.GetTempPath(), $"r1-rs-bench-{Guid.NewGuid():N}.jsonl");
        try
        {
            var stand = new StandInTeacher();
            options.OutputPath = file;
            Report("chat-client teacher (in process), JSONL output", new RejectionSampler(stand, rewards, options).Run(examples));
        }
        finally
        {
            File.Delete(file);
        }
        return Task.CompletedTask;
    }

    private static void Report(string teacher, RejectionSamplingResult result)
    {
        var s = result.Summary;
        Console.WriteLine($"{teacher}: {s.SamplesPerSecond:F1} samples/s, {s.KeptPerSecond:F1} kept/s " +
                          $"({s.Samples} samples, {s.Kept} kept, {s.Seconds:F2} s)");
        Console.WriteLine(s);
    }

    /// <summary>Answers a+b with a short chain of thought, right for even seeds and one off for odd ones.</summary>
    private sealed class StandInTeacher : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            CancellationToken cancellationToken = default)
        {
            string q = messages.Last().Text.TrimEnd('=');
            long seed = options?.Seed ?? 0;
            int sum = q.Split('+').Sum(int.Parse) + (int)(seed % 2);
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant,
                [new TextReasoningContent($"{q}: add the digits (try {seed})"), new TextContent($"<answer>{sum}</answer>")])));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }
}
