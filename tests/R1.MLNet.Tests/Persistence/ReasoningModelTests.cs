using R1.Rollout.ChatTemplates;
using Microsoft.ML;
using R1.MLNet;
using R1.MLNet.DataView;
using R1.MLNet.Grpo;
using R1.MLNet.Reason;
using R1.MLNet.Sft;
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
            Prompt = PromptFormat.Raw,
            Trainer = new SftOptions { MaxSteps = 2, BatchSize = 2, Optimizer = { LearningRate = 1e-3 } },
        });
        var reason = _ml.Reasoning().Reason(new ReasonOptions { Sampling = { Temperature = 0, MaxNewTokens = 8 }, Prompt = PromptFormat.Raw });
        var model = sft.Append(reason).Fit(pairs);
        string path = Path.Combine(_dir, "model.zip");

        _ml.Reasoning().SaveModel(model, path);
        var loaded = _ml.Reasoning().LoadModel(path);

        loaded.Should().BeOfType<ReasonTransformer>();
        var before = _ml.Data.CreateEnumerable<ReasonedRow>(model.Transform(pairs), false).Select(r => r.Completion).ToList();
        var after = _ml.Data.CreateEnumerable<ReasonedRow>(loaded.Transform(pairs), false).Select(r => r.Completion).ToList();
        after.Should().Equal(before);
        before.Should().OnlyContain(c => c.Length > 0);
        ((ReasonTransformer)loaded).Options.Sampling.MaxNewTokens.Should().Be(8);
    }

    [Test]
    public void A_training_step_alone_saves_as_a_policy_transformer()
    {
        using var policy = TinyPolicies.Create();
        string path = Path.Combine(_dir, "policy.zip");
        ReasoningModel.Save(new R1.MLNet.PolicyTransformer(policy), path);

        var loaded = ReasoningModel.Load(path).Should().BeOfType<R1.MLNet.PolicyTransformer>().Subject;
        var a = new ReasonTransformer(policy, new ReasonOptions { Sampling = { Temperature = 0, MaxNewTokens = 6 } }).Generate("9-1=").Completion;
        var b = new ReasonTransformer(loaded.Policy, new ReasonOptions { Sampling = { Temperature = 0, MaxNewTokens = 6 } })
            .Generate("9-1=").Completion;
        b.Should().Be(a);
    }

    [Test]
    public void Unsavable_models_fail_with_a_message_saying_why()
    {
        using var policy = TinyPolicies.Create();
        var custom = new ReasonTransformer(policy, new ReasonOptions { AnswerMatcher = new NoDefaultConstructorMatcher(0) });
        var save = () => ReasoningModel.Save(custom, Path.Combine(_dir, "x.zip"));
        save.Should().Throw<InvalidOperationException>().WithMessage("*NoDefaultConstructorMatcher*parameterless constructor*");

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
    public void A_custom_template_is_saved_by_name_and_passed_back_on_load()
    {
        using var policy = TinyPolicies.Create();
        var options = new ReasonOptions
        {
            Prompt = new PromptFormat(new CompactTemplate(), "<think>"),
            Sampling = { Temperature = 0, MaxNewTokens = 4, StopStrings = ["</answer>"] },
            BatchSize = 3,
        };
        var reason = new ReasonTransformer(policy, options);
        string path = Path.Combine(_dir, "custom.zip");

        ReasoningModel.Save(reason, path);
        var withoutTemplate = () => ReasoningModel.Load(path);
        withoutTemplate.Should().Throw<InvalidDataException>().WithMessage("*custom prompt template 'test-compact'*Pass that IChatTemplate*");
        var wrongTemplate = () => ReasoningModel.Load(path, template: new ChatMlTemplate());
        wrongTemplate.Should().Throw<ArgumentException>().WithMessage("*'test-compact'*'chatml'*");
        var loaded = (ReasonTransformer)ReasoningModel.Load(path, template: new CompactTemplate());

        loaded.Options.Prompt.Template.Name.Should().Be("test-compact");
        loaded.Options.Prompt.CompletionPrefix.Should().Be("<think>");
        loaded.Options.Sampling.StopStrings.Should().Equal("</answer>");
        loaded.Options.BatchSize.Should().Be(3);
        loaded.Generate("1+2").Completion.Should().Be(reason.Generate("1+2").Completion);
    }

    [Test]
    public void The_checkpoint_template_is_found_again_in_the_saved_policy()
    {
        var tokenizer = R1.Rollout.Tokenization.HfTokenizer.Load(TestPaths.TestData("tokenizers/deepseek-v3"));
        var config = new R1.Rollout.Models.ModelConfig
        {
            ModelType = "qwen2", VocabSize = tokenizer.VocabSize, HiddenSize = 16, IntermediateSize = 32, NumHiddenLayers = 1,
            NumAttentionHeads = 2, NumKeyValueHeads = 1, MaxPositionEmbeddings = 64, RopeTheta = 10000, TieWordEmbeddings = true,
        };
        using var policy = R1.Rollout.Policy.Create(config, tokenizer);
        var reason = new ReasonTransformer(policy,
            new ReasonOptions { Prompt = new PromptFormat(policy.ChatTemplate), Sampling = { Temperature = 0, MaxNewTokens = 3 } });
        string path = Path.Combine(_dir, "checkpoint-template.zip");

        ReasoningModel.Save(reason, path);
        var loaded = (ReasonTransformer)ReasoningModel.Load(path);

        var template = loaded.Options.Prompt.Template.Should().BeOfType<JinjaChatTemplate>().Subject;
        template.Source.Should().Be(((JinjaChatTemplate)policy.ChatTemplate).Source);
        loaded.Options.Prompt.Render("2+2?").Should().Be("<｜begin▁of▁sentence｜><｜User｜>2+2?<｜Assistant｜>");
        loaded.Generate("2+2?").Completion.Should().Be(reason.Generate("2+2?").Completion);
    }

    [Test]
    public void A_built_in_template_is_found_by_name()
    {
        using var policy = TinyPolicies.Create();
        var reason = new ReasonTransformer(policy,
            new ReasonOptions { Prompt = PromptFormat.FromName("chatml"), Sampling = { Temperature = 0, MaxNewTokens = 3 } });
        string path = Path.Combine(_dir, "chatml.zip");
        ReasoningModel.Save(reason, path);
        var loaded = (ReasonTransformer)ReasoningModel.Load(path);
        loaded.Options.Prompt.Template.Should().BeOfType<ChatMlTemplate>();
        loaded.Generate("1+2").Completion.Should().Be(reason.Generate("1+2").Completion);
    }

    private sealed class NoDefaultConstructorMatcher(int unused) : IAnswerMatcher
    {
        public string? Extract(string completion) => completion + unused;

        public bool AreEquivalent(string answer, string reference) => answer == reference;
    }
}
