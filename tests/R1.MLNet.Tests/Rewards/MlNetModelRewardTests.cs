using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;
using R1.MLNet.Rewards;
using R1.Rewards.Abstractions;
using R1.Rewards.Composition;

namespace R1.MLNet.Tests.Rewards;

public class MlNetModelRewardTests
{
    private static readonly string[] Topics =
    [
        "fractions", "photosynthesis", "the water cycle", "prime numbers", "gravity", "recursion", "compound interest", "volcanoes",
        "the French revolution", "sorting algorithms", "vaccines", "plate tectonics", "probability", "electric circuits", "poetry meter",
        "supply and demand", "cell division", "the moon phases", "binary numbers", "climate", "geometry proofs", "chemical bonds",
        "ancient Rome", "machine learning", "the heart",
    ];

    private static string Good(string topic, int i) => (i % 3) switch
    {
        0 => $"Here is a clear explanation of {topic}: first the idea, then a worked example, and finally a short summary.",
        1 => $"Good question about {topic}. Step by step: define the terms, show an example, and check the result carefully.",
        _ => $"Let me explain {topic} clearly with a concrete example and a summary of the key steps.",
    };

    private static string Bad(string topic, int i) => (i % 3) switch
    {
        0 => $"Whatever, {topic} is boring and I do not care, figure it out yourself.",
        1 => $"No idea about {topic}. Stop asking me stupid things.",
        _ => $"Ugh, {topic} again? Not my problem, go away.",
    };

    private sealed class Row
    {
        public string Text { get; set; } = "";
        public bool Label { get; set; }
    }

    /// <summary>Trains FeaturizeText + SdcaLogisticRegression on 50 made-up answers: 25 good, 25 bad.</summary>
    private static (MLContext MlContext, ITransformer Model) TrainClassifier()
    {
        var ml = new MLContext(seed: 1);
        var rows = Topics.SelectMany((t, i) => new[] { new Row { Text = Good(t, i), Label = true }, new Row { Text = Bad(t, i), Label = false } });
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Text.FeaturizeText("Features", nameof(Row.Text))
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(labelColumnName: nameof(Row.Label), maximumNumberOfIterations: 50));
        return (ml, pipeline.Fit(data));
    }

    private static readonly Lazy<(MLContext MlContext, ITransformer Model)> Trained = new(TrainClassifier);

    private static RewardSample Sample(string answer) =>
        new() { Prompt = "Explain something.", Completion = $"<think>Let me think.</think>\n{answer}" };

    [Test]
    public async Task Held_out_good_answers_outrank_bad_ones()
    {
        var (ml, model) = Trained.Value;
        var reward = new MlNetModelReward(ml, model);
        string[] heldOut = ["tides", "fractals", "the immune system", "taxes"];
        var good = heldOut.Select((t, i) => Sample(Good(t, i))).ToArray();
        var bad = heldOut.Select((t, i) => Sample(Bad(t, i))).ToArray();

        var scores = await reward.ScoreAsync(good.Concat(bad).ToArray());

        scores.Should().OnlyContain(s => s.IsApplicable && s.Value > 0 && s.Value < 1);
        var goodScores = scores.Take(good.Length).Select(s => s.Value!.Value).ToArray();
        var badScores = scores.Skip(good.Length).Select(s => s.Value!.Value).ToArray();
        TestContext.Out.WriteLine($"good {string.Join(" ", goodScores.Select(v => v.ToString("0.00")))}; " +
                                  $"bad {string.Join(" ", badScores.Select(v => v.ToString("0.00")))}");
        goodScores.Min().Should().BeGreaterThan(badScores.Max());
        goodScores.Average().Should().BeGreaterThan(0.5);
        badScores.Average().Should().BeLessThan(0.5);
    }

    [Test]
    public async Task Parallel_scoring_matches_sequential_scoring()
    {
        var (ml, model) = Trained.Value;
        var reward = new MlNetModelReward(ml, model);
        var samples = Enumerable.Range(0, 200)
            .Select(i => Sample(i % 2 == 0 ? Good(Topics[i % Topics.Length], i) : Bad(Topics[i % Topics.Length], i))).ToArray();

        var parallel = await reward.ScoreAsync(samples);
        var sequential = samples.Select(s => 1.0 / (1.0 + Math.Exp(-reward.Predict(s.Completion[(s.Completion.IndexOf('\n') + 1)..])))).ToArray();

        parallel.Select(s => s.Value!.Value).Should().Equal(sequential, (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Test]
    public void A_model_without_the_configured_columns_is_rejected_with_the_column_name()
    {
        var (ml, model) = Trained.Value;

        var noScore = () => new MlNetModelReward(ml, model, new MlNetModelRewardOptions { ScoreColumnName = "Reward" });
        var noText = () => new MlNetModelReward(ml, model, new MlNetModelRewardOptions { TextColumnName = "Answer" });

        noScore.Should().Throw<ArgumentException>().WithMessage("*'Reward'*Score*");
        noText.Should().Throw<ArgumentException>().WithMessage("*'Answer'*");
    }

    [Test]
    public async Task An_unfinished_completion_is_not_applicable()
    {
        var (ml, model) = Trained.Value;
        var reward = new MlNetModelReward(ml, model);

        var score = (await reward.ScoreAsync([new RewardSample { Prompt = "Q", Completion = "<think>still thinking" }]))[0];

        score.IsApplicable.Should().BeFalse();
    }

    [Test]
    public async Task The_model_registers_through_the_reward_builder_and_from_a_saved_file()
    {
        var (ml, model) = Trained.Value;
        string path = Path.Combine(Path.GetTempPath(), $"r1-mlnet-reward-{Guid.NewGuid():N}.zip");
        var schema = ml.Data.LoadFromEnumerable(Array.Empty<Row>()).Schema;
        ml.Model.Save(model, schema, path);
        try
        {
            var services = new ServiceCollection();
            services.AddReasoningRewards(b => b.AddMlNetModel(model, weight: 2.0).AddMlNetModel(path, name: "mlnet-file"));
            using var provider = services.BuildServiceProvider();

            var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync([Sample(Good("tides", 0)), Sample(Bad("tides", 0))]);

            result.RewardNames.Should().Equal("mlnet", "mlnet-file");
            result["mlnet"].Select(s => s.Value).Should()
                .Equal(result["mlnet-file"].Select(s => s.Value), (a, b) => Math.Abs(a!.Value - b!.Value) < 1e-6);
            result.Total[0].Should().BeGreaterThan(result.Total[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task Options_and_weight_bind_from_configuration()
    {
        var (_, model) = Trained.Value;
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Rewards:Weights:mlnet"] = "3",
            ["Rewards:MlNetModel:ScoreMapping"] = "Raw",
            ["Rewards:MlNetModel:Input"] = "Completion",
        }).Build();
        var services = new ServiceCollection();
        services.AddReasoningRewards(b => b.AddMlNetModel(model).BindConfiguration(config.GetSection("Rewards")));
        using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<IRewardScorer>().ScoreAsync([Sample(Bad("tides", 0))]);

        result.Weights.Should().Equal(3.0);
        result["mlnet"][0].Value.Should().BeNegative("a raw classifier margin for a bad answer is below zero");
    }
}
