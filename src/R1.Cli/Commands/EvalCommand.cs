using System.Diagnostics;
using Microsoft.ML;
using R1.Cli.Configuration;
using R1.Cli.Data;
using R1.Cli.Models;
using R1.Cli.Output;
using R1.MLNet;
using R1.MLNet.Evaluate;
using Spectre.Console;

namespace R1.Cli.Commands;

/// <summary>
/// <c>r1 eval</c>: a benchmark in DeepSeek-R1's protocol through <c>mlContext.Reasoning().Evaluate</c> (k samples per question at
/// T 0.6 / top-p 0.95, pass@1 = mean correctness, cons@k = majority vote); prints a summary table and writes a per-question report.
/// </summary>
internal sealed class EvalCommand(IAnsiConsole console) : VerbCommand<EvalSettings>(console)
{
    protected override Task<int> RunAsync(R1Config file, EvalSettings settings, CancellationToken cancellationToken)
    {
        var c = settings.Resolve(file);
        string benchmark = c.Benchmark ?? "custom";
        var data = Benchmarks.Data(benchmark, c.Data);
        data.Limit = c.Limit ?? data.Limit;
        var items = DatasetMapper.Items(data);
        string output = c.Output ?? Path.GetFullPath("r1-eval");
        var ml = new MLContext(seed: SeedOf(c));
        var view = ml.Data.LoadFromEnumerable(items.Select(EvalRow.From));
        using var policy = PolicyFactory.Open(c.Model, c.Device, SeedOf(c));
        var options = Options(c, benchmark, PromptFormats.For(c.Template, policy), Logging(settings));
        Console.MarkupLine($"[bold]eval[/] {Markup.Escape(c.Model!)} on {benchmark}: {items.Count} questions x k={options.Samples}, " +
                           $"T {options.Sampling.Temperature:G3}, top-p {options.Sampling.TopP:G3}, {options.Sampling.MaxNewTokens} new tokens");
        var clock = Stopwatch.StartNew();
        var metrics = ml.Reasoning().Evaluate(view, policy, options);
        var rows = EvalReport.Rows(items, metrics);
        var (jsonl, csv) = EvalReport.Write(output, benchmark, rows);
        Console.Write(Summary(benchmark, metrics, clock.Elapsed.TotalSeconds));
        Done($"eval: per-question report in {Display(jsonl)} and {Display(csv)}");
        return Task.FromResult(0);
    }

    private static EvaluationOptions Options(EvalConfig c, string benchmark, R1.Rollout.ChatTemplates.PromptFormat prompt,
        Microsoft.Extensions.Logging.ILoggerFactory logging)
    {
        var options = new EvaluationOptions { Prompt = prompt, KeepCompletions = true };
        options.Sampling.Seed = SeedOf(c);
        if (c.Samples is { } k) options.Samples = k;
        if (c.BatchSize is { } batch) options.BatchSize = batch;
        ApplySampling(c, options.Sampling);
        if (Benchmarks.IsCode(benchmark))
        {
            options.Rewards = RewardFactory.Create(new Dictionary<string, double> { ["code"] = 1.0 }, logging);
            options.CorrectnessReward = "code";
        }
        Validate("eval", options.Validate);
        return options;
    }

    private static Table Summary(string benchmark, ReasoningMetrics m, double seconds)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("benchmark", "questions", "k", "pass@1", $"cons@{m.SamplesPerQuestion}", "answers extracted", "seconds");
        table.AddRow(benchmark, m.Questions.Count.ToString(), m.SamplesPerQuestion.ToString(), $"{m.PassAt1:P1}", $"{m.ConsAtK:P1}",
            $"{m.AnswerRate:P0}", $"{seconds:F1}");
        return table;
    }
}
