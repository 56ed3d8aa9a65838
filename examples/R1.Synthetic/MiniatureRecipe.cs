using Microsoft.Extensions.Logging;
using R1.MLNet.Recipe;
using R1.MLNet.Training;
using R1.Rewards.Composition;
using R1.Rewards.Readability;
using R1.Rollout;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Models;

namespace R1.Synthetic;

/// <summary>
/// "R1 in miniature": pre-trains a tiny model on the task family's flawed corpus, runs the four-stage <see cref="R1Recipe"/> on it,
/// checks the rejection-sampled data for the planted failures, and compares distillation with RL on a smaller student
/// (<see cref="StudentComparison"/>). The console job and its CI-sized test both run this.
/// </summary>
public sealed class MiniatureRecipe(MiniatureSettings settings, ILoggerFactory loggerFactory)
{
    private Action<string> _progress = _ => { };

    /// <summary>The prompt format of every stage: the R1-Zero template (its preamble is one token of the family's tokenizer).</summary>
    public static PromptFormat Prompt => PromptFormat.R1Zero;

    /// <summary>Runs the whole job; <paramref name="progress"/> receives one line per phase.</summary>
    public MiniatureReport Run(Action<string>? progress = null, CancellationToken ct = default)
    {
        var s = settings;
        progress ??= _ => { };
        _progress = progress;
        var family = new RecipeTaskFamily(s.HeldOut, s.Seed, s.MaxOperand);
        var judge = new NumberWordsJudge();
        var routed = MiniatureRewards.AllScenarios(judge);
        var heldOut = family.HeldOut.Select(p => p.ToExample()).ToList();
        var corpus = family.Corpus(s.PretrainSteps * s.PretrainBatch, s.SlipRate, s.MixedRate, s.CodeRate, s.Seed, s.MessySlipRate);
        string work = Path.Combine(s.Output, "work");
        if (!s.Resume && Directory.Exists(work)) Directory.Delete(work, recursive: true);

        using var teacherBase = Pretrain(ModelConfig.Tiny(RecipeTaskFamily.CreateTokenizer().VocabSize), s.PretrainSteps, corpus,
            Path.Combine(work, "pretrained-teacher"), ct);
        progress($"teacher base: {Parameters(teacherBase):N0} parameters, pre-trained {s.PretrainSteps} steps on {corpus.Count} rows");
        var options = RecipeOptions(work);
        options.Progress = new Inline<RecipeStageResult>(r => progress($"{r.Stage}: held-out {r.Evaluation?.Accuracy:P1} " +
            $"({string.Join(", ", r.Evaluation?.ByTaskType.Select(t => $"{t.Key} {t.Value:P1}") ?? [])}), {r.Steps} steps, {r.Seconds:F0}s" +
            (r.Loaded ? " (loaded)" : "")));
        var recipe = new R1Recipe(MiniatureRewards.Reasoning(), routed, options, loggerFactory.CreateLogger<R1Recipe>());
        var result = recipe.Run(teacherBase, RecipeData(family, heldOut), ct);
        progress("recipe done");

        var kept = result[RecipeStage.RejectionSamplingSft]?.Samples?.Kept.ToList() ?? [];
        var planted = new PlantedFailureCheck(
            corpus.Count(r => r.Style == CotStyle.MixedScript), corpus.Count(r => r.Style == CotStyle.CodeBlock),
            kept.Count, kept.Count(r => PlantedFailures.HasMixedScript(r.Completion)), kept.Count(r => PlantedFailures.HasCodeBlock(r.Completion)));

        StudentComparisonResult? students = null;
        if (s.StudentGrpoSteps > 0 && kept.Count > 0)
            students = new StudentComparison(s, routed, heldOut, ct).Run(
                config => Pretrain(config, s.StudentPretrainSteps, corpus, Path.Combine(work, "pretrained-student"), ct),
                family.Train.Select(p => p.ToExample()).ToList(), kept.Select(r => (r.Prompt, r.Response)).ToList(), Parameters(teacherBase));
        if (students is not null) progress("student comparison done");
        return new MiniatureReport(result, planted, students, judge.Calls);
    }

    private R1RecipeOptions RecipeOptions(string work)
    {
        var s = settings;
        GrpoOptions Grpo(int steps, string name) => new()
        {
            MaxSteps = steps, PromptsPerStep = s.Prompts, NumGenerations = s.Generations, Seed = s.Seed,
            Sampling = { Temperature = s.Temperature, MaxNewTokens = s.MaxCompletion }, Loss = { Beta = s.Beta },
            Optimizer = { LearningRate = s.GrpoLr }, Checkpoints = { Every = 10, KeepLast = 1 },
            MetricsPath = Path.Combine(s.Output, $"{name}_metrics.jsonl"),
        };
        return new R1RecipeOptions
        {
            WorkDirectory = work, Prompt = Prompt,
            ColdStart = s.ColdStartSteps <= 0 ? null
                : new SftOptions { MaxSteps = s.ColdStartSteps, BatchSize = 32, Optimizer = { LearningRate = s.ColdStartLr }, Seed = s.Seed },
            ReasoningRl = s.RlSteps <= 0 ? null : Grpo(s.RlSteps, "reasoning_rl"),
            RejectionSampling = s.RsSftSteps <= 0 ? null : new RejectionSamplingStageOptions
            {
                FromBase = !s.RsFromRl,
                Sampler = new RejectionSamplingOptions
                {
                    SamplesPerPrompt = s.RsSamples, MaxKeptPerPrompt = s.RsMaxKept, Seed = s.Seed, PromptsPerBatch = 64,
                    Sampling = { Temperature = s.RsTemperature, TopP = s.RsTopP, MaxNewTokens = s.MaxCompletion },
                    Filters = Filters(),
                },
                Sft = new SftOptions
                {
                    MaxSteps = s.RsSftSteps, BatchSize = s.RsSftBatch, Optimizer = { LearningRate = s.RsSftLr }, Seed = s.Seed,
                    Checkpoints = { Every = 50, KeepLast = 1 },
                },
            },
            AllScenariosRl = s.AllRlSteps <= 0 ? null : Grpo(s.AllRlSteps, "all_scenarios_rl"),
            Evaluation = { MaxNewTokens = s.MaxCompletion, AccuracyRewards = MiniatureRewards.AccuracyRewards() },
        };
    }

    /// <summary>DeepSeek-R1's readability filters; the chains of thought are short, so one word is enough to judge the script.</summary>
    public static List<IReadabilityFilter> Filters() =>
        [new UnfinishedReasoningFilter(), new MixedLanguageFilter(new MixedLanguageFilterOptions { MinWords = 1 }), new LongParagraphFilter(),
         new CodeBlockFilter()];

    private R1RecipeData RecipeData(RecipeTaskFamily family, IReadOnlyList<ReasoningExample> heldOut)
    {
        var s = settings;
        var train = family.Train;
        var coldStart = family.Corpus(s.ColdStartRows, s.SlipRate, mixedRate: 0, codeRate: 0, s.Seed + 1);
        var rsProblems = train.Where(p => p.TaskType == RecipeTaskFamily.Math).Take(s.RsProblems).Select(p => p.Problem).ToHashSet();
        return new R1RecipeData
        {
            ColdStart = coldStart.Select(r => (r.Problem.Question, r.Response)).ToList(),
            ReasoningPrompts = train.Where(p => p.TaskType == RecipeTaskFamily.Math).Select(p => p.ToExample()).ToList(),
            RejectionSamplingPrompts = train.Where(p => rsProblems.Contains(p.Problem)).Select(p => p.ToExample()).ToList(),
            AllScenariosPrompts = train.Select(p => p.ToExample()).ToList(),
            HeldOut = heldOut,
        };
    }

    /// <summary>A model pre-trained from scratch on the flawed corpus (loaded from <paramref name="folder"/> when a resumed run saved it).</summary>
    private Policy Pretrain(ModelConfig config, int steps, IReadOnlyList<CorpusRow> corpus, string folder, CancellationToken ct)
    {
        var s = settings;
        var options = new PolicyOptions { Seed = s.Seed, NumThreads = s.Threads };
        if (s.Resume && File.Exists(Path.Combine(folder, "config.json"))) return Policy.Load(folder, options);
        var policy = Policy.Create(config, RecipeTaskFamily.CreateTokenizer(), options);
        var sft = new SftOptions
        {
            MaxSteps = steps, BatchSize = s.PretrainBatch, Optimizer = { LearningRate = s.PretrainLr }, Seed = s.Seed, LogEvery = 100,
            Progress = new Inline<SftStepMetrics>(m =>
                _progress($"pre-training {Parameters(policy):N0} parameters: step {m.Step}/{steps}, loss {m.Loss:F3}")),
        };
        new SftTrainer(policy, sft, Prompt, loggerFactory.CreateLogger<SftTrainer>()).Train(
            corpus.Select(r => (r.Problem.Question, r.Response)).ToList(), ct);
        ct.ThrowIfCancellationRequested();
        policy.Save(folder);
        return policy;
    }

    private sealed class Inline<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    internal static long Parameters(Policy policy) => policy.Model.parameters().Sum(p => p.numel());
}
