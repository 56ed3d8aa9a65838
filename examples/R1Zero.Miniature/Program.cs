// R1-Zero in miniature: pre-train a tiny Qwen2-architecture model on imperfect worked solutions of a+b*c, then let GRPO
// with a correctness reward (and a format reward) make the right procedure dominate. See docs/training.md.
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using R1.MLNet;
using R1.MLNet.Grpo;
using R1.MLNet.Sft;
using R1.MLNet.Training;
using R1.Synthetic;
using R1.Rewards.Composition;
using R1.Rewards.Format;
using R1.Rewards.Math;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;
using R1Zero.Miniature;

var o = MiniatureOptions.Parse(args);
var clock = Stopwatch.StartNew();
Directory.CreateDirectory(o.Output);
using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
var logger = loggerFactory.CreateLogger("R1Zero.Miniature");
string Elapsed() => $"[{clock.Elapsed:mm\\:ss}]";

// The full R1-Zero template ("A conversation between User and Assistant. ... User: 3+4*5. Assistant:"). Its fixed
// 380-character preamble is one token of the character tokenizer (see below), so prompts stay ~25 tokens long.
var prompt = PromptFormat.R1Zero;

var ml = new MLContext(o.Seed);
var task = new ArithmeticTask(o.HeldOut, seed: o.Seed, maxOperand: o.MaxOperand);
var train = task.Train.Select(p => p.ToExample()).ToList();
var heldOut = task.HeldOut.Select(p => p.ToExample()).ToList();
// The honest rewards evaluate; training uses the same pipeline, wrapped in the shuffled-reward ablation with --shuffle-rewards.
IRewardScorer Rewards(bool shuffled) => new ServiceCollection()
    .AddReasoningRewards(b => { b.AddMathAccuracy().AddFormat(weight: 0.5); if (shuffled) b.UseShuffledRewards(o.Seed); })
    .BuildServiceProvider().GetRequiredService<IRewardScorer>();
IRewardScorer rewards = Rewards(shuffled: false);
IRewardScorer trainingRewards = o.ShuffleRewards ? Rewards(shuffled: true) : rewards;

var tokenizer = CharTokenizer.CreateDefault(R1ZeroChatTemplate.Preamble);
var policy = Policy.Create(ModelConfig.Tiny(tokenizer.VocabSize), tokenizer, new PolicyOptions { Seed = o.Seed, NumThreads = o.Threads });
var example = new ArithmeticProblem(3, 4, 5);
Console.WriteLine($"R1-Zero in miniature: {policy.Model.parameters().Sum(p => p.numel()):N0}-parameter Qwen2-style model, task a+b*c, " +
                  $"{train.Count} training / {heldOut.Count} held-out problems, seed {o.Seed}");
Console.WriteLine($"prompt \"{prompt.Render(example.Question)}\"  correct \"{example.CorrectCompletion}\"  " +
                  $"slip ({o.SlipRate:P0} of the corpus) \"{example.SlipCompletion}\"");

// 1. Pre-train the base model (mlContext.Reasoning().Sft wraps SftTrainer) from scratch on worked solutions,
//    a fraction of which slip (add before multiplying).
var sftOptions = new SftOptions
{
    MaxSteps = o.SftSteps, BatchSize = o.SftBatch, Optimizer = { LearningRate = o.SftLr }, Seed = o.Seed, LogEvery = 10,
    MetricsPath = Path.Combine(o.Output, "sft_metrics.jsonl"),
};
var corpus = task.SftCorpus(o.SftSteps * o.SftBatch, o.SlipRate, o.Seed);
if (o.BaseDir is not null && Directory.Exists(o.BaseDir))
{
    policy.Dispose();
    policy = Policy.Load(o.BaseDir, new PolicyOptions { NumThreads = o.Threads });
    Console.WriteLine($"{Elapsed()} base model loaded from {o.BaseDir}");
}
else
{
    var sftData = ml.Data.LoadFromEnumerable(corpus.Select(c => new SftRow { Prompt = c.Prompt, Response = c.Response }));
    var sftEstimator = ml.Reasoning().Sft(
        new SftEstimator.Options { Policy = policy, Prompt = prompt, Trainer = sftOptions, LoggerFactory = loggerFactory });
    var sftResult = ConsoleProgress.Run("SFT  ", o.SftSteps, p => { sftOptions.Progress = p; return sftEstimator.Fit(sftData).Result; },
        (SftStepMetrics m) => (m.Step, $"loss {m.Loss:F3}"));
    Console.WriteLine($"{Elapsed()} SFT: {sftResult.Steps} steps, final loss {sftResult.FinalLoss:F3}");
    if (o.BaseDir is not null) policy.Save(o.BaseDir);
}

var evaluator = new ReasoningEvaluator(policy, rewards, prompt);
var before = evaluator.Evaluate(heldOut, o.MaxCompletion);
Console.WriteLine($"{Elapsed()} base model: held-out accuracy {before.Accuracy:P1}, {Report.Procedures(task, before)}");

// 2. GRPO with the math-accuracy and format rewards (mlContext.Reasoning().Grpo wraps GrpoTrainer).
var grpoOptions = new GrpoOptions
{
    MaxSteps = o.GrpoSteps, PromptsPerStep = o.Prompts, NumGenerations = o.Generations, NumIterations = o.Mu, Seed = o.Seed,
    Sampling = { Temperature = o.Temperature, MaxNewTokens = o.MaxCompletion },
    Loss = { Beta = o.Beta },
    Optimizer = { LearningRate = o.GrpoLr },
    Evaluation = { Every = o.EvalEvery },
    MetricsPath = Path.Combine(o.Output, "grpo_metrics.jsonl"),
};
File.Delete(grpoOptions.MetricsPath);
var grpoEstimator = ml.Reasoning().Grpo(new GrpoEstimator.Options
{
    Policy = policy, Rewards = trainingRewards, Prompt = prompt, EvaluationData = ml.Data.LoadFromEnumerable(heldOut), Trainer = grpoOptions,
    LoggerFactory = loggerFactory,
});
var trainData = ml.Data.LoadFromEnumerable(train);
var grpo = ConsoleProgress.Run("GRPO ", o.GrpoSteps, p => { grpoOptions.Progress = p; return grpoEstimator.Fit(trainData).Result; },
    (GrpoStepMetrics m) => (m.Step, $"reward {m.RewardMean:F2} acc {m.Accuracy:P0} len {m.CompletionLength:F0}"));
var after = grpo.FinalEvaluation!;
Console.WriteLine($"{Elapsed()} GRPO: {grpo.StepsCompleted} steps; held-out accuracy {after.Accuracy:P1}, {Report.Procedures(task, after)}");

// 3. Where the metrics went.
Report.Trajectory(grpo.History);
Report.Samples(before, after);
string plot = MetricsPlot.Save(grpo.History, before.Accuracy, Path.Combine(o.Output, "grpo_metrics.png"));
Console.WriteLine($"metrics: {grpoOptions.MetricsPath}, {sftOptions.MetricsPath}; plot: {plot}; total time {clock.Elapsed:mm\\:ss}");
double delta = (after.Accuracy - before.Accuracy) * 100;
Console.WriteLine($"accuracy: base {before.Accuracy * 100:F1}% -> grpo {after.Accuracy * 100:F1}% ({delta:+0.0;-0.0} points)");

/// <summary>One row of the SFT corpus as an ML.NET data view sees it.</summary>
internal sealed class SftRow
{
    public string Prompt { get; set; } = "";
    public string Response { get; set; } = "";
}
