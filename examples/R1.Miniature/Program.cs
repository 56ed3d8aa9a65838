// R1 in miniature: DeepSeek-R1's four-stage recipe (cold start -> reasoning RL -> rejection sampling + SFT -> RL for all
// scenarios) on a tiny Qwen2-style model and two task types of a+b*c (math: rule-checked; words: judge-checked), then the
// paper's distillation-versus-RL comparison on a smaller student. See docs/recipe.md.
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using R1.Miniature;
using R1.Synthetic;

var settings = MiniatureSettings.Parse(args);
var clock = Stopwatch.StartNew();
Directory.CreateDirectory(settings.Output);
using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
var example = new RecipeProblem(new ArithmeticProblem(3, 4, 5), RecipeTaskFamily.Words);
Console.WriteLine($"R1 in miniature: a+b*c as two task types (math -> math reward, words -> judge), seed {settings.Seed}, " +
                  $"{settings.HeldOut} held-out problems per type");
Console.WriteLine($"corpus: slip {settings.SlipRate:P0} (\"{example.Completion(true, CotStyle.Plain)}\"), mixed script " +
                  $"{settings.MixedRate:P0} (\"{example.Completion(false, CotStyle.MixedScript)}\"), code block {settings.CodeRate:P0}");

var report = new MiniatureRecipe(settings, loggerFactory).Run(line => Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {line}"));

Report.Stages(report);
Report.RejectionSampling(report);
Report.Students(report);
string metrics = MetricsFile.Write(report, Path.Combine(settings.Output, "recipe_metrics.jsonl"));
string plot = StagePlot.Save(report, Path.Combine(settings.Output, "recipe_stages.png"));
Console.WriteLine($"metrics: {metrics}; plot: {plot}; judge calls {report.JudgeCalls:N0}; total time {clock.Elapsed:mm\\:ss}");
Console.WriteLine(Report.Summary(report));
