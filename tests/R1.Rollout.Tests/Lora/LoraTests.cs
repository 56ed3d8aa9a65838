using R1.Rollout.Lora;
using R1.Rollout.Tests.Models;
using static TorchSharp.torch;

namespace R1.Rollout.Tests.Lora;

[TestFixture]
public class LoraTests
{
    private string _dir = null!;

    [SetUp] public void SetUp() => _dir = Directory.CreateTempSubdirectory("r1-lora-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(_dir, true);

    private static readonly LoraOptions Options = new() { Rank = 4, Alpha = 8, Dropout = 0, Seed = 11 };

    internal static float[] Logits(Policy policy)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var ids = tensor(new long[] { 5, 9, 14, 3, 22, 7, 40, 2 }).reshape(2, 4);
        return policy.Model.forward(ids, null, null, null).to(ScalarType.Float32).data<float>().ToArray();
    }

    /// <summary>Gives every adapter factor random values (B starts at zero, which would make every adapter test vacuous).</summary>
    internal static void Randomize(Policy policy, long seed)
    {
        using var gen = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var (name, p) in policy.Model.named_parameters())
            if (name.Contains(".lora_")) p.normal_(0, 0.1, gen);
    }

    [Test]
    public void Attaching_adapters_changes_nothing_and_freezes_the_base()
    {
        using var policy = FixturePolicy.Tiny(seed: 3);
        var before = Logits(policy);
        policy.AddLora(Options);

        Logits(policy).Should().Equal(before, "B starts at zero, so the adapted projection computes the base one exactly");
        var trainable = policy.Model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name).ToList();
        trainable.Should().HaveCount(2 * 7 * 2, "2 layers x 7 projections x (A, B)");
        trainable.Should().OnlyContain(n => n.EndsWith(".lora_A.weight") || n.EndsWith(".lora_B.weight"));
        policy.Lora!.Rank.Should().Be(4);
    }

    [Test]
    public void Only_the_adapters_receive_gradients()
    {
        using var policy = FixturePolicy.Tiny(seed: 3);
        policy.AddLora(Options);
        Randomize(policy, 5);
        using (var scope = NewDisposeScope())
        {
            var ids = tensor(new long[] { 5, 9, 14, 3, 22, 7, 40, 2 }).reshape(2, 4);
            policy.Model.forward(ids, null, null, null).square().mean().backward();
        }
        foreach (var (name, p) in policy.Model.named_parameters())
        {
            if (name.Contains(".lora_B"))
                p.grad!.abs().max().item<float>().Should().BeGreaterThan(0, name);
            else if (name.Contains(".lora_A"))
                p.grad.Should().NotBeNull(name);
            else p.grad.Should().BeNull($"{name} is frozen");
        }
    }

    [Test]
    public void Disabled_adapters_give_the_base_logits_exactly()
    {
        using var policy = FixturePolicy.Tiny(seed: 3);
        var baseLogits = Logits(policy);
        policy.AddLora(Options);
        Randomize(policy, 5);
        var adapted = Logits(policy);
        adapted.Should().NotEqual(baseLogits);

        using (policy.DisableAdapters())
            Logits(policy).Should().Equal(baseLogits, "the reference under LoRA is the base with the adapters off");
        Logits(policy).Should().Equal(adapted, "disposing the scope switches the adapters back on");
    }

    [Test]
    public void Saved_then_loaded_adapter_is_exact_and_merging_matches_within_fp32_tolerance()
    {
        string baseDir = Path.Combine(_dir, "base"), adapterDir = Path.Combine(_dir, "adapter"), mergedDir = Path.Combine(_dir, "merged");
        using var policy = FixturePolicy.Tiny(seed: 3);
        policy.Save(baseDir);
        policy.AddLora(Options);
        Randomize(policy, 5);
        var adapted = Logits(policy);
        policy.SaveAdapter(adapterDir, "some/base");

        using var reloaded = Policy.Load(baseDir);
        reloaded.Lora.Should().BeNull();
        reloaded.LoadAdapter(adapterDir);
        Logits(reloaded).Should().Equal(adapted, "the adapter round trip is bit-exact");

        reloaded.MergeAdapters();
        reloaded.Lora.Should().BeNull();
        reloaded.Model.named_parameters().Should().NotContain(p => p.name.Contains(".lora_"));
        var merged = Logits(reloaded);
        double maxDiff = merged.Zip(adapted, (a, b) => Math.Abs(a - b)).Max();
        TestContext.Out.WriteLine($"merged vs adapter forward: max |Δlogit| = {maxDiff:E2}");
        maxDiff.Should().BeLessThan(1e-5, "W + s·BA differs from W·x + s·B(A·x) only by fp32 rounding");

        reloaded.Save(mergedDir);
        Directory.Exists(Path.Combine(mergedDir, PeftAdapter.PolicySubfolder)).Should().BeFalse("a merged policy saves a plain folder");
        using var exported = Policy.Load(mergedDir);
        Logits(exported).Should().Equal(merged);
    }

    [Test]
    public void Policy_save_keeps_the_base_plain_and_load_attaches_the_adapter()
    {
        string folder = Path.Combine(_dir, "p");
        using var policy = FixturePolicy.Tiny(seed: 3);
        policy.AddLora(Options);
        Randomize(policy, 5);
        policy.Save(folder);

        Directory.GetFiles(Path.Combine(folder, PeftAdapter.PolicySubfolder)).Select(Path.GetFileName)
            .Should().BeEquivalentTo(["adapter_config.json", "adapter_model.safetensors"]);
        using var loaded = Policy.Load(folder);
        loaded.Lora!.Rank.Should().Be(4);
        Logits(loaded).Should().Equal(Logits(policy));
        using var clone = loaded.CloneFrozen();
        Logits(clone).Should().Equal(Logits(policy), "a frozen clone carries the adapters too");
    }

    [Test]
    public void Fp32_adapters_on_a_bf16_base_train_in_fp32_and_keep_the_bf16_output()
    {
        using var policy = FixturePolicy.Tiny(seed: 3, dtype: ScalarType.BFloat16);
        policy.AddLora(Options, adapterDType: ScalarType.Float32);
        policy.Model.named_parameters().Where(p => p.parameter.requires_grad)
            .Should().OnlyContain(p => p.parameter.dtype == ScalarType.Float32);
        policy.Model.named_parameters().Where(p => !p.parameter.requires_grad)
            .Should().OnlyContain(p => p.parameter.dtype == ScalarType.BFloat16);
        using var scope = NewDisposeScope();
        var ids = tensor(new long[] { 5, 9, 14, 3 }).reshape(1, 4);
        var logits = policy.Model.forward(ids, null, null, null);
        logits.dtype.Should().Be(ScalarType.BFloat16);
        logits.to(ScalarType.Float32).square().mean().backward();
        policy.Model.named_parameters().Where(p => p.name.EndsWith("lora_B.weight"))
            .Should().OnlyContain(p => !ReferenceEquals(p.parameter.grad, null));

        string folder = Path.Combine(_dir, "bf16");
        policy.Save(folder);
        using var loaded = Policy.Load(folder, new PolicyOptions { DType = null });
        loaded.DType.Should().Be(ScalarType.BFloat16);
        loaded.Model.named_parameters().Where(p => p.name.Contains(".lora_"))
            .Should().OnlyContain(p => p.parameter.dtype == ScalarType.Float32, "a loaded adapter keeps the dtype it was saved in");
        Logits(loaded).Should().Equal(Logits(policy));
    }

    [Test]
    public void Dropout_acts_only_while_training_with_autograd()
    {
        using var policy = FixturePolicy.Tiny(seed: 3);
        policy.AddLora(new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0.5 });
        Randomize(policy, 5);
        Logits(policy).Should().Equal(Logits(policy), "generation and no-grad scoring never drop");
        using var scope = NewDisposeScope();
        var ids = tensor(new long[] { 5, 9, 14, 3 }).reshape(1, 4);
        var a = policy.Model.forward(ids, null, null, null);
        var b = policy.Model.forward(ids, null, null, null);
        (a - b).abs().max().item<float>().Should().BeGreaterThan(0,"a training forward drops a different half of the adapter's input each time");
    }
}
