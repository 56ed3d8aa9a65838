using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using R1.MLNet.Training;
using R1.Rollout;
using R1.Rollout.Tokenization;
using static TorchSharp.torch;

namespace R1.Bench;

/// <summary>
/// One GRPO step at 0.5B scale: a randomly initialised model with the exact Qwen2.5-0.5B config and the real Qwen tokenizer, in
/// each set-up of <see cref="ScaleSetup"/> (full fp32, bf16 mixed, LoRA on a bf16 base, LoRA + gradient checkpointing). Each
/// set-up runs in a fresh child process (this executable again), so its peak RSS (VmHWM, reset after the model is built) is its own;
/// the table shows it beside the memory planner's estimate and the time split. Args: <c>[set-ups, comma-separated, default all]
/// [prompts 2] [G 4] [new tokens 128]</c>.
/// </summary>
public sealed class ScaleBench : IBench
{
    private const string ChildFlag = "--child", ResultPrefix = "SCALE-RESULT ";

    public string Name => "scale";

    public bool InAll => false;

    public Task RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == ChildFlag) return Child(args[1], Ints(args.Skip(2).ToArray()));
        var names = args.Length > 0 ? args[0].Split(',') : ScaleSetup.All.Select(s => s.Name).ToArray();
        var shape = Ints(args.Skip(1).ToArray());
        Console.WriteLine($"Qwen2.5-0.5B config, random weights, Qwen tokenizer; one GRPO step: {shape[0]} prompts x G={shape[1]}, " +
                          $"{shape[2]} new tokens, beta 0.04, mu 1; {Environment.ProcessorCount} cores");
        Console.WriteLine("| set-up | peak RSS | planner estimate | RSS before the step | rollout (+ref log-probs) | scoring | learning | step |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var name in names)
        {
            var setup = ScaleSetup.All.SingleOrDefault(s => s.Name == name)
                ?? throw new ArgumentException($"Unknown set-up '{name}'; expected {string.Join(", ", ScaleSetup.All.Select(s => s.Name))}.");
            Console.WriteLine(RunChild(setup, shape));
        }
        return Task.CompletedTask;
    }

    private static int[] Ints(string[] args) =>
        [args.Length > 0 ? int.Parse(args[0]) : 2, args.Length > 1 ? int.Parse(args[1]) : 4, args.Length > 2 ? int.Parse(args[2]) : 128];

    /// <summary>Runs one set-up in a fresh process and formats its result line as a table row.</summary>
    private static string RunChild(ScaleSetup setup, int[] shape)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(typeof(ScaleBench).Assembly.Location);
        foreach (var a in new[] { "scale", ChildFlag, setup.Name }.Concat(shape.Select(i => i.ToString(CultureInfo.InvariantCulture))))
            start.ArgumentList.Add(a);
        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        string? result = null;
        while (child.StandardOutput.ReadLine() is { } line)
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal)) result = line[ResultPrefix.Length..];
            else Console.Error.WriteLine($"  [{setup.Name}] {line}");
        child.WaitForExit();
        if (result is null) return $"| {setup.Label} | failed (exit {child.ExitCode}): {LastLine(stderr.Result)} | | | | | | |";
        var r = JsonSerializer.Deserialize<ScaleResult>(result)!;
        if (r.Note is { } note) return $"| {setup.Label} | {note} | {r.EstimateGiB:F1} GiB | | | | | |";
        return string.Create(CultureInfo.InvariantCulture,
            $"| {setup.Label} | {r.PeakGiB:F1} GiB{(r.PeakReset ? "" : " (incl. model build)")} | {r.EstimateGiB:F1} GiB | {r.ModelGiB:F1} GiB | " +
            $"{r.Rollout:F1} s | {r.Scoring:F2} s | {r.Learning:F1} s | " +
            $"{r.Rollout + r.Scoring + r.Learning:F1} s |");
    }

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";

    /// <summary>The child: build the model, reset the peak, run one step, print the result as one JSON line.</summary>
    private static Task Child(string name, int[] shape)
    {
        var setup = ScaleSetup.All.Single(s => s.Name == name);
        var tokenizer = HfTokenizer.Load(Path.Combine(RepoRoot(), "testdata", "tokenizers", "qwen3"));
        var prompt = BenchGrpoTask.Prompt();
        var train = BenchGrpoTask.Train(shape[0]);
        var options = setup.Options(shape[0], shape[1], shape[2]);
        var config = ScaleSetup.Qwen25HalfB();
        int promptTokens = train.Max(e => tokenizer.Encode(prompt.Render(e.Prompt)).Count);
        double estimate = MemoryPlanner.ForGrpo(config, options, promptTokens).TotalGiB;
        using var policy = Policy.Create(config, tokenizer, new PolicyOptions { Seed = 1, DType = setup.DType });
        var rewards = BenchGrpoTask.Rewards();
        GC.Collect();
        bool reset = PeakRss.Reset();
        double before = PeakRss.CurrentGiB();
        var m = new GrpoTrainer(policy, rewards, options, prompt).Train(train).History[0];
        Report(new ScaleResult
        {
            PeakGiB = PeakRss.PeakGiB(), ModelGiB = before, PeakReset = reset, EstimateGiB = estimate,
            Rollout = m.RolloutSeconds, Scoring = m.ScoringSeconds, Learning = m.LearningSeconds, CompletionLength = m.CompletionLength,
        });
        return Task.CompletedTask;
    }

    private static void Report(ScaleResult r) => Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(r));

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "R1MLNet.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Run the benchmark from inside the repository (R1MLNet.sln not found).");
    }

    private sealed record ScaleResult
    {
        public string? Note { get; init; }
        public double PeakGiB { get; init; }
        public double ModelGiB { get; init; }
        public bool PeakReset { get; init; }
        public double EstimateGiB { get; init; }
        public double Rollout { get; init; }
        public double Scoring { get; init; }
        public double Learning { get; init; }
        public double CompletionLength { get; init; }
    }
}
