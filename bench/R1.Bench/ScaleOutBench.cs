using System.Diagnostics;
using R1.Rollout;
using R1.Rollout.Engines;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;
using R1.Tests.Shared;

namespace R1.Bench;

/// <summary>
/// GRPO with its rollouts on <c>r1 serve</c> child processes (<see cref="EngineProcess"/>, one libtorch thread each) against
/// in-process rollouts, on the ~10M preset (<c>ModelConfig.Small</c>, character vocabulary) under LoRA (the adapter pushed every
/// step): mean step wall time with 1 and 2 engine processes, with and without <c>Overlap</c>, as a ratio to in-process. Then
/// full fine-tuning, whose push writes the whole checkpoint and restarts the engine process(es) on it, against LoRA's adapter push.
/// Engines and trainer share this machine's cores, so remote cannot be faster here: the figures are the overhead and the
/// overlap's gain. Args: <c>quick</c>, <c>threads=N</c> (the trainer's libtorch threads).
/// </summary>
public sealed class ScaleOutBench : IBench
{
    private const string ModelId = "bench-10m";

    public string Name => "scaleout";

    public async Task RunAsync(string[] args)
    {
        var shape = ScaleOutShape.From(args);
        TorchSharp.torch.set_num_threads(shape.Threads);
        string root = Path.Combine(Path.GetTempPath(), "r1-scaleout-bench-" + Guid.NewGuid().ToString("N")[..8]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => EngineProcess.KillAll();
        try
        {
            string folder = SaveBase(Path.Combine(root, ModelId));
            Console.WriteLine($"cores: {Environment.ProcessorCount} (trainer and engines share them); trainer libtorch threads " +
                              $"{shape.Threads}; each engine process OMP_NUM_THREADS=1");
            Console.WriteLine($"step: {shape}; LoRA rank 8 pushed every step (SyncEvery 1)");
            var clock = Stopwatch.StartNew();
            var engines = await StartEngines(folder, 2);
            Console.WriteLine($"2 engine processes started in {clock.Elapsed.TotalSeconds:F1} s");
            var trial = new ScaleOutTrial(folder, shape);
            var rows = LoraRows(trial, shape, engines);
            PrintLoraTable(rows);
            var full = FullRows(trial, shape, engines);
            PrintSyncTable(rows, full);
            Console.WriteLine($"\nsuite wall time {clock.Elapsed.TotalSeconds:F0} s");
        }
        finally
        {
            EngineProcess.KillAll();
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private static string SaveBase(string folder)
    {
        var tokenizer = CharTokenizer.CreateDefault();
        using var policy = Policy.Create(ModelConfig.Small(tokenizer.VocabSize), tokenizer, new PolicyOptions { Seed = 1 });
        policy.Save(folder);
        long parameters = policy.Model.parameters().Sum(p => p.numel());
        Console.WriteLine($"model: ModelConfig.Small, {parameters / 1e6:F1}M parameters (fp32), character tokenizer");
        return folder;
    }

    private static async Task<EngineProcess[]> StartEngines(string folder, int count)
    {
        var options = new EngineProcessOptions { ModelId = ModelId };
        return await Task.WhenAll(Enumerable.Range(0, count).Select(_ => EngineProcess.StartAsync(folder, options)));
    }

    private static OpenAiCompatibleRolloutEngine Remote(IEnumerable<EngineProcess> engines) => new(new OpenAiRolloutEngineOptions
    {
        Endpoints = engines.Select(e => e.BaseAddress).ToList(), Model = ModelId, Timeout = TimeSpan.FromMinutes(5),
    });

    /// <summary>The LoRA configurations, <see cref="ScaleOutShape.Rounds"/> rounds interleaved; each one's best round.</summary>
    private static List<ScaleOutRow> LoraRows(ScaleOutTrial trial, ScaleOutShape shape, EngineProcess[] engines)
    {
        (int Engines, bool Overlap)[] configs = [(0, false), (1, false), (2, false), (1, true), (2, true)];
        var best = new ScaleOutRow[configs.Length];
        for (int round = 1; round <= shape.Rounds; round++)
            for (int i = 0; i < configs.Length; i++)
            {
                var (count, overlap) = configs[i];
                using var remote = count == 0 ? null : Remote(engines.Take(count));
                string label = count == 0 ? "in-process" : $"remote, {Processes(count)}{(overlap ? " + Overlap" : "")}";
                var row = Report(trial.Run(label, remote, overlap, lora: true, shape.MeasuredSteps), round);
                if (best[i] is null || row.StepSeconds < best[i].StepSeconds) best[i] = row;
            }
        return [.. best];
    }

    /// <summary>
    /// Full fine-tuning on 1 and 2 engines: each push restarts them (in parallel) on the folder the trainer wrote; the restart
    /// time is measured inside the hook. Each configuration's best round.
    /// </summary>
    private static List<(ScaleOutRow Row, double Restart)> FullRows(ScaleOutTrial trial, ScaleOutShape shape, EngineProcess[] engines)
    {
        var best = new (ScaleOutRow Row, double Restart)[2];
        for (int round = 1; round <= shape.Rounds; round++)
            for (int count = 1; count <= 2; count++)
            {
                var used = engines.Take(count).ToList();
                var restarts = new List<double>();
                async Task Reload(string folder, CancellationToken ct)
                {
                    var clock = Stopwatch.StartNew();
                    await Task.WhenAll(used.Select(e => e.RestartAsync(folder, ct)));
                    restarts.Add(clock.Elapsed.TotalSeconds);
                }
                using var remote = Remote(used);
                var row = Report(trial.Run($"full FT, {Processes(count)}", remote, overlap: false, lora: false, shape.FullMeasuredSteps,
                    Reload), round);
                if (best[count - 1].Row is null || row.StepSeconds < best[count - 1].Row.StepSeconds)
                    best[count - 1] = (row, restarts.Skip(ScaleOutShape.WarmUpSteps).Average());
            }
        return [.. best];
    }

    private static string Processes(int count) => count == 1 ? "1 engine process" : $"{count} engine processes";

    private static ScaleOutRow Report(ScaleOutRow row, int round)
    {
        Console.WriteLine($"  round {round}, {row.Config}: step {row.StepSeconds:F2} s, load average {row.Load:F1}");
        return row;
    }

    private static void PrintLoraTable(List<ScaleOutRow> rows)
    {
        Console.WriteLine("\n## GRPO step, LoRA (means over the measured steps)");
        Console.WriteLine("| config | step s (mean) | rollout s | learning s | sync s | overlap hidden s | x in-process | policy lag | load |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        double local = rows[0].StepSeconds;
        foreach (var r in rows)
            Console.WriteLine($"| {r.Config} | {r.StepSeconds:F2} | {r.RolloutSeconds:F2} | {r.LearningSeconds:F2} | {r.SyncSeconds:F3} | " +
                              $"{r.HiddenSeconds:F2} | {r.StepSeconds / local:F2} | {r.PolicyLag:F0} | {r.Load:F1} |");
        Console.WriteLine("load: the 1-minute load average as the configuration ended (its engines included);");
        Console.WriteLine("rollout s: waiting for the completions plus the trainer's reference log-probs (pi_old from the engine " +
                          "at T 1 when remote); overlap hidden s: generation that ran while the previous step learned");
    }

    private static void PrintSyncTable(List<ScaleOutRow> lora, List<(ScaleOutRow Row, double Restart)> full)
    {
        Console.WriteLine("\n## Weight sync per step: LoRA adapter push vs full fine-tuning (checkpoint write + engine restart)");
        Console.WriteLine("| config | sync s per step | of which restart s | checkpoint write s | step s (mean) | learning s |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var r in lora.Where(IsPlainPush))
            Console.WriteLine($"| LoRA adapter push, {r.Config} | {r.SyncSeconds:F3} | - | - | {r.StepSeconds:F2} | {r.LearningSeconds:F2} |");
        foreach (var (r, restart) in full)
            Console.WriteLine($"| {r.Config} | {r.SyncSeconds:F3} | {restart:F3} | {r.SyncSeconds - restart:F3} | {r.StepSeconds:F2} | " +
                              $"{r.LearningSeconds:F2} |");
        double push = lora.Where(IsPlainPush).Average(r => r.SyncSeconds);
        Console.WriteLine($"full fine-tuning sync / LoRA adapter push: {full.Average(f => f.Row.SyncSeconds) / push:F0}x");
    }

    /// <summary>A remote LoRA row without overlap: its sync is the adapter push alone.</summary>
    private static bool IsPlainPush(ScaleOutRow r) => r.SyncSeconds > 0 && !r.Config.Contains("Overlap");
}
