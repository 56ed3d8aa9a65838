using R1.MLNet.Training;
using R1.Rollout.Lora;
using R1.Rollout.Models;

namespace R1.MLNet.Tests.Training;

/// <summary>The memory planner: exact parameter and optimizer bytes, monotone estimates, and a budget that fails before any step.</summary>
public class MemoryPlannerTests
{
    /// <summary>Qwen2.5-0.5B's config.json values (Hugging Face Qwen/Qwen2.5-0.5B).</summary>
    private static ModelConfig Qwen05B() => new()
    {
        ModelType = "qwen2", VocabSize = 151936, HiddenSize = 896, IntermediateSize = 4864, NumHiddenLayers = 24, NumAttentionHeads = 14,
        NumKeyValueHeads = 2, MaxPositionEmbeddings = 32768, RopeTheta = 1_000_000, RmsNormEps = 1e-6, TieWordEmbeddings = true,
    };

    private static GrpoOptions Grpo() => new() { PromptsPerStep = 2, NumGenerations = 4, Sampling = { MaxNewTokens = 128 } };

    [Test]
    public void Parameter_count_matches_the_model_and_the_published_figure()
    {
        var tiny = ModelConfig.Tiny(TrainingFixtures.Tokenizer.VocabSize);
        using (var model = new CausalLM(tiny)) MemoryPlanner.ParameterCount(tiny).Should().Be(model.ParameterCount);
        var micro = TrainingFixtures.Micro();
        micro.TieWordEmbeddings = false;
        using (var model = new CausalLM(micro)) MemoryPlanner.ParameterCount(micro).Should().Be(model.ParameterCount);
        // Qwen2.5-0.5B: 151936·896 embedding + 24 × (q 896·896+896, k/v 896·128+128, o 896·896, MLP 3·896·4864, norms 2·896) + 896.
        long perLayer = 896 * 896 + 896 + 2 * (896 * 128 + 128) + 896 * 896 + 3 * 896 * 4864 + 2 * 896;
        MemoryPlanner.ParameterCount(Qwen05B()).Should().Be(151936L * 896 + 24 * perLayer + 896).And.Be(494_032_768);
    }

    [Test]
    public void Full_fp32_GRPO_holds_weights_reference_gradients_and_two_moments()
    {
        long n = MemoryPlanner.ParameterCount(Qwen05B());
        var items = MemoryPlanner.ForGrpo(Qwen05B(), Grpo(), promptTokens: 40).Items.ToDictionary(i => i.Name, i => i.Bytes);
        items["weights (fp32)"].Should().Be(4 * n);
        items["KL reference copy"].Should().Be(4 * n);
        items["fp32 gradients"].Should().Be(4 * n);
        items["AdamW moments (fp32)"].Should().Be(8 * n);
        items.Should().NotContainKey("fp32 master weights");

        var mixed = Grpo();
        mixed.Memory.Precision = TrainingPrecision.BFloat16Mixed;
        var bf16 = MemoryPlanner.ForGrpo(Qwen05B(), mixed, promptTokens: 40).Items.ToDictionary(i => i.Name, i => i.Bytes);
        bf16["weights (bf16)"].Should().Be(2 * n);
        bf16["KL reference copy"].Should().Be(2 * n);
        bf16["fp32 master weights"].Should().Be(4 * n);
        bf16["AdamW moments (fp32)"].Should().Be(8 * n);
    }

    [Test]
    public void LoRA_trains_r_times_in_plus_out_per_target_and_needs_no_reference()
    {
        var config = ModelConfig.Tiny(TrainingFixtures.Tokenizer.VocabSize);        // hidden 128, 4 heads of 32, 2 KV heads, MLP 384
        var lora = new LoraOptions { Rank = 8, TargetModules = ["q_proj", "v_proj", "down_proj"] };
        MemoryPlanner.AdapterParameterCount(config, lora).Should().Be(4 * 8 * ((128 + 128) + (128 + 64) + (384 + 128)));
        var options = Grpo();
        options.Lora = lora;
        var items = MemoryPlanner.ForGrpo(config, options, 20).Items.ToDictionary(i => i.Name, i => i.Bytes);
        long adapters = MemoryPlanner.AdapterParameterCount(config, lora);
        items["AdamW moments (fp32)"].Should().Be(8 * adapters);
        items["fp32 gradients"].Should().Be(4 * adapters);
        items.Should().NotContainKey("KL reference copy", "the reference is the base with the adapters off");
    }

    [Test]
    public void Estimates_are_monotone_in_batch_length_and_options()
    {
        var config = Qwen05B();
        double Total(Action<GrpoOptions> change, int prompt = 40)
        {
            var o = Grpo();
            change(o);
            return MemoryPlanner.ForGrpo(config, o, prompt).TotalGiB;
        }
        double baseline = Total(_ => { });
        Total(_ => { }, prompt: 400).Should().BeGreaterThan(baseline, "longer prompts");
        Total(o => o.Sampling.MaxNewTokens = 512).Should().BeGreaterThan(baseline, "more new tokens");
        Total(o => o.PromptsPerStep = 4).Should().BeGreaterThan(baseline, "more prompts");
        Total(o => o.GradientAccumulationSteps = 4).Should().BeLessThan(baseline, "smaller micro-batches");
        Total(o => o.Memory.GradientCheckpointing = true).Should().BeLessThan(baseline, "checkpointing keeps fewer activations");
        Total(o => o.Memory.Precision = TrainingPrecision.BFloat16Mixed).Should().BeLessThan(baseline, "bf16 weights and activations");
        double lora = Total(o => { o.Lora = new LoraOptions { Rank = 16 }; o.Memory.Precision = TrainingPrecision.BFloat16Mixed; });
        lora.Should().BeLessThan(baseline / 2, "LoRA on a bf16 base needs well under half of full fp32");
        Total(o => o.Loss.Beta = 0).Should().BeLessThan(baseline, "no KL reference");
    }

    [Test]
    public void A_GRPO_run_over_budget_fails_before_any_step_naming_what_would_fit()
    {
        using var policy = TrainingFixtures.Create(seed: 3);
        var before = PolicyWeights.Flat(policy);
        int steps = 0;
        var options = new GrpoOptions
        {
            MaxSteps = 2, PromptsPerStep = 2, NumGenerations = 4, Sampling = { MaxNewTokens = 8 }, Memory = { BudgetGiB = 0.01 },
            Progress = new Progress<GrpoStepMetrics>(_ => steps++),
        };
        var trainer = new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), options, TrainingFixtures.Compact);
        var act = () => trainer.Train(TrainingFixtures.Prompts);
        var error = act.Should().Throw<InvalidOperationException>().Which.Message;
        TestContext.Out.WriteLine(error);
        error.Should().Contain("GrpoOptions.Memory.BudgetGiB = 0.01 GiB").And.Contain("No step was run")
            .And.Contain("GrpoOptions.Memory.GradientCheckpointing = true").And.Contain("Memory.Precision = BFloat16Mixed")
            .And.Contain("Lora = new LoraOptions { Rank = 16 }").And.Contain("GradientAccumulationSteps = 2").And.Contain("all of these");
        steps.Should().Be(0);
        PolicyWeights.Flat(policy).Should().Equal(before);
    }

    [Test]
    public void An_SFT_run_over_budget_fails_at_once_and_one_within_budget_trains()
    {
        var pairs = new[] { ("1+1", "<answer>2</answer>"), ("2+2", "<answer>4</answer>") };
        using var policy = TrainingFixtures.Create(seed: 4);
        var tight = new SftOptions { MaxSteps = 1, BatchSize = 2, Memory = { BudgetGiB = 0.001 } };
        var act = () => new SftTrainer(policy, tight, TrainingFixtures.Compact).Train(pairs);
        act.Should().Throw<InvalidOperationException>().WithMessage("*SftOptions.Memory.BudgetGiB*BatchSize = 1*");
        var roomy = new SftOptions { MaxSteps = 1, BatchSize = 2, Memory = { BudgetGiB = 8 } };
        new SftTrainer(policy, roomy, TrainingFixtures.Compact).Train(pairs).Steps.Should().Be(1);
    }
}
