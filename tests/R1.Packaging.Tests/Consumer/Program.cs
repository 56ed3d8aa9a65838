using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;
using Microsoft.ML.Data;
using R1.MLNet;
using R1.MLNet.Evaluate;
using R1.MLNet.Grpo;
using R1.MLNet.Sft;
using R1.MLNet.Training;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;
using R1.Rewards.Format;
using R1.Rewards.Math;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;

// What a new user writes after `dotnet add package R1MLNet.MLNet` + TorchSharp-cpu + a DI container.
// ConsumerAppTests reads the "key: value" lines it prints.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

using var services = new ServiceCollection()
    .AddReasoningRewards(b => b.AddMathAccuracy().AddFormat(weight: 0.5))
    .BuildServiceProvider();
var scorer = services.GetRequiredService<IRewardScorer>();
RewardSample[] samples =
[
    new() { Prompt = "What is 1/2 + 1/4?", Answer = @"\frac34", Completion = "<think>2/4 + 1/4 = 3/4</think><answer>0.75</answer>" },
    new() { Prompt = "What is 1/2 + 1/4?", Answer = @"\frac34", Completion = "<think>1+1 over 2+4</think><answer>2/6</answer>" },
];
var scored = await scorer.ScoreAsync(samples);
Console.WriteLine($"rewards: {string.Join(" ", scored.RewardNames)}");
Console.WriteLine($"totals: {string.Join(" ", scored.Total.Select(t => t.ToString("0.###")))}");

var rows = Enumerable.Range(0, 12).Select(i => new SumRow(i % 10, i * 7 % 10)).ToList();
var ml = new MLContext(seed: 0);
IDataView train = ml.Data.LoadFromEnumerable(rows.Take(8));
IDataView test = ml.Data.LoadFromEnumerable(rows.Skip(8));

var r = ml.Reasoning();
var tokenizer = CharTokenizer.CreateDefault(R1ZeroChatTemplate.Preamble);   // the R1-Zero preamble as one token
var pipeline = r.Sft(new SftEstimator.Options
    {
        Policy = PolicySource.FromScratch(ModelConfig.Tiny(tokenizer.VocabSize), tokenizer),
        Trainer = new SftOptions { MaxSteps = 20, BatchSize = 8, Optimizer = { LearningRate = 3e-3 } },
    })
    .Append(r.Grpo(new GrpoEstimator.Options
    {
        Services = services,
        Trainer = new GrpoOptions { MaxSteps = 2, PromptsPerStep = 2, NumGenerations = 4, Sampling = { MaxNewTokens = 16 } },
    }))
    .Append(r.Reason(samples: 2));
var model = pipeline.Fit(train);

Console.WriteLine($"sft steps: {model.OfType<SftTransformer>().Single().Result.Steps}");
Console.WriteLine($"grpo steps: {model.OfType<GrpoTransformer>().Single().Result.StepsCompleted}");
IDataView answered = model.Transform(test);
Console.WriteLine($"columns: {string.Join(" ", answered.Schema.Where(c => !c.IsHidden).Select(c => c.Name))}");
Console.WriteLine($"answers: {answered.GetColumn<string>("Answer").Count()}");
ReasoningMetrics metrics = r.Evaluate(test, model, new EvaluationOptions { Samples = 2, Sampling = { MaxNewTokens = 16 } });
Console.WriteLine($"pass@1: {metrics.PassAt1:0.###}");
Console.WriteLine($"questions: {metrics.Questions.Count}");

internal sealed class SumRow(int a, int b)
{
    public string Prompt { get; set; } = $"{a}+{b}";
    public string Response { get; set; } = $"<think>{a}+{b}={a + b}</think> <answer>{a + b}</answer>";
    public string Answer { get; set; } = $"{a + b}";
}
