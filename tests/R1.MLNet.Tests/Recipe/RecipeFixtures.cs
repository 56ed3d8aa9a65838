using R1.MLNet.Recipe;
using R1.MLNet.Tests.Training;
using R1.MLNet.Training;

namespace R1.MLNet.Tests.Recipe;

/// <summary>A tiny four-stage recipe over the micro policy: a few steps per stage, two task types, the digit-fraction reward.</summary>
internal static class RecipeFixtures
{
    public static IReadOnlyList<ReasoningExample> Examples { get; } =
        Enumerable.Range(0, 6).Select(i => new ReasoningExample($"{i}+{i + 1}", $"{2 * i + 1}", TaskType: i % 2 == 0 ? "a" : "b")).ToList();

    public static R1RecipeData Data { get; } = new()
    {
        ColdStart = Enumerable.Range(0, 8).Select(i => ($"{i}+{i}", $"<think>{i}+{i}</think><answer>{2 * i}</answer>")).ToList(),
        ReasoningPrompts = Examples,
        RejectionSamplingPrompts = Examples,
        NonReasoning = [("hi", "hello")],
        AllScenariosPrompts = Examples,
        HeldOut = Examples,
    };

    public static R1RecipeOptions Options(string directory)
    {
        GrpoOptions Grpo(int seed) => new()
        {
            MaxSteps = 3, PromptsPerStep = 2, NumGenerations = 2, Seed = seed, Sampling = { MaxNewTokens = 6 },
            Optimizer = { LearningRate = 1e-2 },
        };
        return new R1RecipeOptions
        {
            WorkDirectory = directory, Prompt = TrainingFixtures.Compact,
            ColdStart = new SftOptions { MaxSteps = 3, BatchSize = 4, Seed = 1, Optimizer = { LearningRate = 1e-2 } },
            ReasoningRl = Grpo(2),
            RejectionSampling = new RejectionSamplingStageOptions
            {
                FromBase = true,
                Sampler = new RejectionSamplingOptions
                {
                    SamplesPerPrompt = 2, PromptsPerBatch = 2, Seed = 3, Sampling = { MaxNewTokens = 6 },
                    MinScores = new(StringComparer.OrdinalIgnoreCase) { ["digits"] = 0.0 },
                },
                Sft = new SftOptions { MaxSteps = 3, BatchSize = 4, Seed = 4, Optimizer = { LearningRate = 1e-2 } },
            },
            AllScenariosRl = Grpo(5),
            Evaluation = { MaxNewTokens = 6, DefaultAccuracyReward = "digits" },
        };
    }

    public static R1Recipe Recipe(R1RecipeOptions options) =>
        new(TrainingFixtures.Scorer(new DigitFractionReward()), TrainingFixtures.Scorer(new DigitFractionReward()), options);

    public static float[] FinalWeights(R1RecipeResult result)
    {
        using var policy = R1.Rollout.Policy.Load(result.FinalPolicyFolder);
        return PolicyWeights.Flat(policy);
    }

    public static IEnumerable<(int, int, string, bool)> Rows(RejectionSamplingResult samples) =>
        samples.Rows.Select(r => (r.PromptIndex, r.SampleIndex, r.Completion, r.Kept));
}
