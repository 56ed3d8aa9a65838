using Microsoft.ML;
using R1.MLNet.Catalog;
using R1.MLNet.Estimators;
using R1.MLNet.Inference;
using R1.MLNet.Persistence;
using R1.MLNet.Tests.TestSupport;
using R1.MLNet.Training;

namespace R1.MLNet.Tests.Persistence;

public class ReasoningModelTests
{
    private readonly MLContext _ml = new(seed: 1);
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("r1-mlnet-persist-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Fitted_chain_saves_and_loads_back_with_identical_greedy_outputs()
    {
        var pairs = _ml.Data.LoadFromEnumerable(new[]
        {
            new PairRow { Prompt = "1+1=", Response = "<think>one and one</think><answer>2</answer>" },
            new PairRow { Prompt = "2+2=", Response = "<think>two and two</think><answer>4</answer>" },
        });
        var sft = _ml.Reasoning().Sft(new SftEstimator.Options
        {
            Policy = PolicySource.FromScratch(TinyPolicies.Config, TinyPolicies.Tokenizer),
            PromptTemplate = PromptTemplates.None,
            Trainer = new SftOptions { MaxSteps = 2, BatchSize = 2, LearningRate = 1e-3 },
        });
        var reason = _ml.Reasoning().Reason(new ReasonOptions { Temperature = 0, MaxNewTokens = 8, PromptTemplate = PromptTemplates.None });
        var model = sft.Append(reason).Fit(pairs);
        string path = Path.Combine(_dir, "model.zip");

        _ml.Reasoning().SaveModel(model, path);
        var loaded = _ml.Reasoning().LoadModel(path);

        loaded.Should().BeOfType<ReasonTransformer>();
        var before = _ml.Data.CreateEnumerable<ReasonedRow>(model.Transform(pairs), false).Select(r => r.Completion).ToList();
        var after = _ml.Data.CreateEnumerable<ReasonedRow>(loaded.Transform(pairs), false).Select(r => r.Completion).ToList();
        after.Should().Equal(before);
        before.Should().OnlyContain(c => c.Length > 0);
        ((ReasonTransformer)loaded).Options.MaxNewTokens.Should().Be(8);
    }

    [Test]
    public void A_training_step_alone_saves_as_a_policy_transformer()
    {
        using var policy = TinyPolicies.Create();
        string path = Path.Combine(_dir, "policy.zip");
        ReasoningModel.Save(new R1.MLNet.Transformers.PolicyTransformer(policy), path);

        var loaded = ReasoningModel.Load(path).Should().BeOfType<R1.MLNet.Transformers.PolicyTransformer>().Subject;
        var a = new ReasonTransformer(policy, new ReasonOptions { Temperature = 0, MaxNewTokens = 6 }).Generate("9-1=").Completion;
        var b = new ReasonTransformer(loaded.Policy, new ReasonOptions { Temperature = 0, MaxNewTokens = 6 }).Generate("9-1=").Completion;
        b.Should().Be(a);
    }

    [Test]
    public void Unsavable_models_fail_with_a_message_saying_why()
    {
        using var policy = TinyPolicies.Create();
        var custom = new ReasonTransformer(policy, new ReasonOptions { PromptFormatter = q => q });
        var save = () => ReasoningModel.Save(custom, Path.Combine(_dir, "x.zip"));
        save.Should().Throw<InvalidOperationException>().WithMessage("*PromptFormatter*PromptTemplates.Register*");

        ITransformer mlnet = _ml.Transforms.CopyColumns("A", "Prompt").Fit(_ml.Data.LoadFromEnumerable(new[] { new QaRow() }));
        var foreign = () => ReasoningModel.Save(mlnet, Path.Combine(_dir, "y.zip"));
        foreign.Should().Throw<NotSupportedException>().WithMessage("*reasoning transformers only*");

        var viaMlNet = () => _ml.Model.Save(custom, null, Path.Combine(_dir, "z.zip"));
        viaMlNet.Should().Throw<NotSupportedException>().WithMessage("*ReasoningModel.Save*");

        File.WriteAllText(Path.Combine(_dir, "bad.zip"), "not a zip");
        var load = () => ReasoningModel.Load(Path.Combine(_dir, "missing.zip"));
        load.Should().Throw<FileNotFoundException>();
    }

    [Test]
    public void A_registered_custom_template_is_saved_by_name()
    {
        PromptTemplates.Register("test-short", q => "User: " + q + " Assistant:");
        using var policy = TinyPolicies.Create();
        var reason = new ReasonTransformer(policy, new ReasonOptions { PromptTemplate = "test-short", Temperature = 0, MaxNewTokens = 4, StopStrings = ["</answer>"], BatchSize = 3 });
        string path = Path.Combine(_dir, "custom.zip");

        ReasoningModel.Save(reason, path);
        var loaded = (ReasonTransformer)ReasoningModel.Load(path);

        loaded.Options.PromptTemplate.Should().Be("test-short");
        loaded.Options.StopStrings.Should().Equal("</answer>");
        loaded.Options.BatchSize.Should().Be(3);
        loaded.Generate("1+2").Completion.Should().Be(reason.Generate("1+2").Completion);
        var builtIn = () => PromptTemplates.Register("r1-zero", q => q);
        builtIn.Should().Throw<ArgumentException>().WithMessage("*built-in*");
    }
}
