using R1.Rollout.ChatTemplates;
using Microsoft.ML;
using R1.MLNet;
using R1.MLNet.Reason;
using R1.MLNet.Tests.TestSupport;

namespace R1.MLNet.Tests;

public class PolicySourceTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Test]
    public void FromFolder_loads_the_saved_policy_and_FromScratch_is_seeded()
    {
        var dir = Directory.CreateTempSubdirectory("r1-mlnet-source-").FullName;
        try
        {
            using var original = TinyPolicies.Create(seed: 3);
            original.Save(dir);
            var data = _ml.Data.LoadFromEnumerable(new[] { new QaRow { Prompt = "4+4=" } });
            var options = new ReasonOptions { Sampling = { Temperature = 0, MaxNewTokens = 5 }, Prompt = PromptFormat.Raw };

            var fromFolder = _ml.Reasoning().Reason(new ReasonOptions { Policy = PolicySource.FromFolder(dir),
                Sampling = { Temperature = 0, MaxNewTokens = 5 }, Prompt = PromptFormat.Raw }).Fit(data);
            var scratch = PolicySource.FromScratch(TinyPolicies.Config, TinyPolicies.Tokenizer, new R1.Rollout.PolicyOptions { Seed = 3 });
            var fromScratch = _ml.Reasoning().Reason(new ReasonOptions { Policy = scratch,
                Sampling = { Temperature = 0, MaxNewTokens = 5 }, Prompt = PromptFormat.Raw }).Fit(data);

            var expected = new ReasonTransformer(original, options).Generate("4+4=").Completion;
            fromFolder.Generate("4+4=").Completion.Should().Be(expected);
            fromScratch.Generate("4+4=").Completion.Should().Be(expected);
            fromFolder.Policy.Should().NotBeSameAs(original);
            scratch.ToString().Should().Contain("qwen2");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
