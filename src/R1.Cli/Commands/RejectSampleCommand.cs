using System.Text.Json;
using R1.Cli.Configuration;
using R1.Cli.Data;
using R1.Cli.Models;
using R1.Cli.Output;
using R1.MLNet.Training;
using Spectre.Console;

namespace R1.Cli.Commands;

/// <summary>
/// <c>r1 reject-sample</c>: k samples per prompt from the model (<see cref="RejectionSampler"/>), kept when correct and readable;
/// writes the kept rows as JSONL with <c>prompt</c> and <c>response</c>, so <c>r1 sft --data</c> trains on them.
/// </summary>
internal sealed class RejectSampleCommand(IAnsiConsole console) : VerbCommand<RejectSampleSettings>(console)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    protected override Task<int> RunAsync(R1Config file, RejectSampleSettings settings, CancellationToken cancellationToken)
    {
        var c = settings.Resolve(file);
        var examples = DatasetMapper.Examples(RequireData(c));
        string output = RequireOutput(c, "the JSONL file to write");
        var options = Options(c);
        var rewards = RewardFactory.Create(c.Rewards, Logging(settings));
        using var policy = PolicyFactory.Open(c.Model, c.Device, SeedOf(c));
        var prompt = PromptFormats.For(c.Template, policy);
        int batches = (int)Math.Ceiling(examples.Count / (double)options.PromptsPerBatch);
        Console.MarkupLine($"[bold]reject-sample[/] {Markup.Escape(c.Model!)}: {examples.Count} prompts x k={options.SamplesPerPrompt}, " +
                           $"T {options.Sampling.Temperature:G3}, top-p {options.Sampling.TopP:G3}");
        var result = ConsoleProgress.Run<RejectionSamplingProgress, RejectionSamplingResult>(Console, "reject-sample", batches, progress =>
        {
            options.Progress = progress;
            return new RejectionSampler(policy, rewards, options, prompt, Logger(settings)).Run(examples, cancellationToken);
        }, p => (p.Batch, $"batch {p.Batch}/{p.Batches}: {p.Samples} samples, {p.Kept} kept"));
        var rows = result.Rows.Where(r => r.Kept || c.IncludeRejected == true).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.WriteAllLines(output, rows.Select(r => JsonSerializer.Serialize(Line(r), Json)));
        var s = result.Summary;
        string drops = s.DroppedByReason.Count == 0 ? "none" : string.Join(", ", s.DroppedByReason.Select(d => $"{d.Key} {d.Value}"));
        Done($"reject-sample: {s.Samples} samples, {s.Kept} kept ({s.PromptsWithKept} prompts); dropped: {drops}; " +
             $"{rows.Count} rows in {Display(output)}");
        return Task.FromResult(s.Cancelled ? 130 : 0);
    }

    private static RejectionSamplingOptions Options(RejectSampleConfig c)
    {
        var options = new RejectionSamplingOptions { Seed = SeedOf(c) };
        if (c.Samples is { } k) options.SamplesPerPrompt = k;
        if (c.BatchSize is { } batch) options.PromptsPerBatch = batch;
        ApplySampling(c, options.Sampling);
        Validate("reject-sample", options.Validate);
        return options;
    }

    private static object Line(RejectionSampleRow r) => new
    {
        r.Prompt, r.Response, r.Completion, r.Answer, r.Kept, r.Total, r.DropReason, r.PromptIndex, r.SampleIndex,
    };
}
