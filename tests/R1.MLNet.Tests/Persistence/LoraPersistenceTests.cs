using Microsoft.ML;
using R1.MLNet.Persistence;
using R1.MLNet.Sft;
using R1.MLNet.Tests.TestSupport;
using R1.MLNet.Training;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Lora;
using static TorchSharp.torch;

namespace R1.MLNet.Tests.Persistence;

/// <summary>The ML.NET path with <c>Lora</c> set: the fitted transformer keeps its adapters and the saved model brings them back.</summary>
public class LoraPersistenceTests
{
    private readonly MLContext _ml = new(seed: 1);
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("r1-mlnet-lora-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void A_lora_sft_step_saves_and_loads_with_its_adapters()
    {
        var pairs = _ml.Data.LoadFromEnumerable(new[]
        {
            new PairRow { Prompt = "1+1=", Response = "<answer>2</answer>" }, new PairRow { Prompt = "2+2=", Response = "<answer>4</answer>" },
        });
        var sft = _ml.Reasoning().Sft(new SftEstimator.Options
        {
            Policy = PolicySource.FromScratch(TinyPolicies.Config, TinyPolicies.Tokenizer),
            Prompt = PromptFormat.Raw,
            Trainer = new SftOptions { MaxSteps = 2, BatchSize = 2, Optimizer = { LearningRate = 1e-2 }, Lora = new LoraOptions { Rank = 4 } },
        });
        var fitted = sft.Fit(pairs);
        fitted.Policy.Lora!.Rank.Should().Be(4, "the transformer keeps the trained adapters");
        string path = Path.Combine(_dir, "model.zip");
        ReasoningModel.Save(fitted, path);

        var loaded = ReasoningModel.Load(path).Should().BeAssignableTo<PolicyTransformer>().Subject;
        loaded.Policy.Lora!.Rank.Should().Be(4);
        Logits(loaded.Policy).Should().Equal(Logits(fitted.Policy));
    }

    private static float[] Logits(R1.Rollout.Policy policy)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return policy.Model.forward(tensor(new long[] { 5, 9, 14, 3 }).reshape(1, 4), null, null, null).data<float>().ToArray();
    }
}
