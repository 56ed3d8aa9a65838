using R1.Rollout.ChatTemplates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;
using R1.MLNet;
using R1.MLNet.DataView;
using R1.MLNet.Grpo;
using R1.MLNet.Reason;
using R1.MLNet.Sft;
using R1.MLNet.Tests.TestSupport;
using R1.MLNet.Training;
using R1.Rewards.Composition;

namespace R1.MLNet.Tests;

public class ChainTests
{
    private readonly MLContext _ml = new(seed: 1);

    private sealed class Row
    {
        public string Prompt { get; set; } = "";
        public string Response { get; set; } = "";
        public string Answer { get; set; } = "";
    }

    private IDataView Data => _ml.Data.LoadFromEnumerable(new[]
    {
        new Row { Prompt = "1+2=", Response = "<think>1+2</think><answer>3</answer>", Answer = "3" },
        new Row { Prompt = "2+5=", Response = "<think>2+5</think><answer>7</answer>", Answer = "7" },
    });

    [Test]
    public void Sft_then_Grpo_then_Reason_passes_one_policy_along_the_chain()
    {
        var services = new ServiceCollection().AddReasoningRewards(b => b.Add(new DigitReward())).BuildServiceProvider();
        var catalog = _ml.Reasoning();
        var pipeline = catalog.Sft(new SftEstimator.Options
            {
                Policy = PolicySource.FromScratch(TinyPolicies.Config, TinyPolicies.Tokenizer),
                Prompt = PromptFormat.Raw,
                Trainer = new SftOptions { MaxSteps = 2, BatchSize = 2, Optimizer = { LearningRate = 1e-3 } },
            })
            .Append(catalog.Grpo(new GrpoEstimator.Options
            {
                Services = services,
                EvaluationData = Data,
                Prompt = PromptFormat.Raw,
                Trainer = new GrpoOptions { MaxSteps = 1, PromptsPerStep = 2, NumGenerations = 2, Sampling = { MaxNewTokens = 6 },
                    Optimizer = { LearningRate = 1e-3 } },
            }))
            .Append(catalog.Reason(new ReasonOptions { Sampling = { Temperature = 0, MaxNewTokens = 4 }, Prompt = PromptFormat.Raw }));

        var model = pipeline.Fit(Data);

        var steps = model.ToList();
        var sft = steps[0].Should().BeOfType<SftTransformer>().Subject;
        var grpo = steps[1].Should().BeOfType<GrpoTransformer>().Subject;
        var reason = steps[2].Should().BeOfType<ReasonTransformer>().Subject;
        grpo.Policy.Should().BeSameAs(sft.Policy);
        reason.Policy.Should().BeSameAs(grpo.Policy);
        sft.Result.Steps.Should().Be(2);
        grpo.Result.StepsCompleted.Should().Be(1);
        grpo.Result.FinalEvaluation!.Samples.Select(x => x.Example.Answer).Should().Equal("3", "7");
        var rows = _ml.Data.CreateEnumerable<ReasonedRow>(model.Transform(Data), false).ToList();
        rows.Should().HaveCount(2);
        var engine = _ml.Model.CreatePredictionEngine<Question, Reply>(model);
        engine.Predict(new Question { Prompt = "1+2=" }).Completion.Should()
            .Be(rows[0].Completion, "the chain's prediction engine matches its data view");
    }

    [Test]
    public void FittedBy_reaches_a_policy_across_a_foreign_step()
    {
        using var policy = TinyPolicies.Create();
        var catalog = _ml.Reasoning();
        var sft = catalog.Sft(new SftEstimator.Options
        {
            Policy = policy, Prompt = PromptFormat.Raw,
            Trainer = new SftOptions { MaxSteps = 1, BatchSize = 2 },
        });
        var pipeline = sft.Append(_ml.Transforms.CopyColumns("Question", "Prompt"))
            .Append(catalog.Reason(new ReasonOptions { Policy = PolicySource.FittedBy(sft), PromptColumnName = "Question",
                Sampling = { Temperature = 0, MaxNewTokens = 2 } }));

        var model = pipeline.Fit(Data);

        model.LastTransformer.Policy.Should().BeSameAs(policy);
    }

    [Test]
    public void Fitting_leaves_the_callers_options_unchanged()
    {
        var services = new ServiceCollection().AddReasoningRewards(b => b.Add(new DigitReward())).BuildServiceProvider();
        var sftOptions = new SftOptions { MaxSteps = 1, BatchSize = 2 };
        var grpoOptions = new GrpoOptions { MaxSteps = 1, PromptsPerStep = 2, NumGenerations = 2, Sampling = { MaxNewTokens = 3 } };
        string Snapshot() => System.Text.Json.JsonSerializer.Serialize(new { sftOptions, grpoOptions });
        string before = Snapshot();
        var prompt = new PromptFormat(new CompactTemplate(), "<think>");
        var catalog = _ml.Reasoning();
        var sft = catalog.Sft(new SftEstimator.Options
        {
            Policy = PolicySource.FromScratch(TinyPolicies.Config, TinyPolicies.Tokenizer), Prompt = prompt, Trainer = sftOptions,
        });
        var grpo = catalog.Grpo(new GrpoEstimator.Options { Services = services, Prompt = prompt, Trainer = grpoOptions });

        sft.Append(grpo).Fit(Data);

        Snapshot().Should().Be(before, "estimators pass the prompt format to the trainers and never write to the options they were given");
    }
}
