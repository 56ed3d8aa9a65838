using R1.Rollout.Models;
using R1.Rollout.Scoring;
using TorchSharp;
using static TorchSharp.torch;

namespace R1.Rollout.Tests.Models;

/// <summary>Gradient checkpointing recomputes each layer in the backward: the loss and every gradient match the plain backward.</summary>
public class GradientCheckpointingTests
{
    [Test]
    public void Checkpointed_backward_gives_the_same_loss_and_gradients()
    {
        using var policy = FixturePolicy.Tiny(seed: 11);
        var plain = LossAndGradients(policy.Model, checkpointing: false);
        var checkpointed = LossAndGradients(policy.Model, checkpointing: true);

        checkpointed.Loss.Should().BeApproximately(plain.Loss, 1e-6 * Math.Abs(plain.Loss));
        checkpointed.Grads.Keys.Should().BeEquivalentTo(plain.Grads.Keys, "every parameter gets a gradient either way");
        double worst = 0;
        foreach (var (name, g) in plain.Grads)
        {
            double diff = Norm(Subtract(checkpointed.Grads[name], g)), norm = Norm(g);
            worst = Math.Max(worst, diff / Math.Max(norm, 1e-12));
        }
        TestContext.Out.WriteLine($"largest relative gradient difference over {plain.Grads.Count} parameters: {worst:E2}");
        worst.Should().BeLessThan(1e-5);
    }

    [Test]
    public void Checkpointing_repeats_lora_dropout_masks_in_the_forward_and_the_recomputation()
    {
        using var policy = FixturePolicy.Tiny(seed: 13);
        policy.AddLora(new R1.Rollout.Lora.LoraOptions { Rank = 4, Dropout = 0.3 });
        using (no_grad())
        {
            using var gen = new Generator(5);
            foreach (var (name, p) in policy.Model.named_parameters())
                if (name.Contains("lora_B")) p.normal_(0, 0.02, gen);  // B starts at zero; nonzero B makes A's gradients depend on the masks
        }
        policy.Model.train();
        manual_seed(21);
        var plain = LossAndGradients(policy.Model, checkpointing: false);
        manual_seed(21);
        var checkpointed = LossAndGradients(policy.Model, checkpointing: true);
        manual_seed(22);
        var otherMasks = LossAndGradients(policy.Model, checkpointing: false);

        otherMasks.Loss.Should().NotBe(plain.Loss, "dropout is active, so other masks give another loss");
        checkpointed.Loss.Should().BeApproximately(plain.Loss, 1e-6 * Math.Abs(plain.Loss));
        checkpointed.Grads.Keys.Should().BeEquivalentTo(plain.Grads.Keys);
        foreach (var (name, g) in plain.Grads)
            (Norm(Subtract(checkpointed.Grads[name], g)) / Math.Max(Norm(g), 1e-12)).Should().BeLessThan(1e-5, name);
    }

    [Test]
    public void Checkpointing_is_off_by_default_and_leaves_no_grad_and_cached_forwards_alone()
    {
        using var policy = FixturePolicy.Tiny(seed: 12);
        policy.Model.GradientCheckpointing.Should().BeFalse();
        using var ids = tensor(new long[] { 5, 6, 7, 8 }).unsqueeze(0);
        using var before = NoGradLogits(policy.Model, ids);
        policy.Model.GradientCheckpointing = true;
        using var after = NoGradLogits(policy.Model, ids);
        after.data<float>().ToArray().Should().Equal(before.data<float>().ToArray(), "a forward without grad never checkpoints");
        var generated = policy.Generate([[5, 6, 7]], new() { MaxNewTokens = 4, Seed = 3 });
        policy.Model.GradientCheckpointing = false;
        policy.Generate([[5, 6, 7]], new() { MaxNewTokens = 4, Seed = 3 })[0].CompletionIds.Should()
            .Equal(generated[0].CompletionIds, "KV-cached decoding is not checkpointed");
    }

    private static Tensor NoGradLogits(CausalLM model, Tensor ids)
    {
        using var noGrad = no_grad();
        return model.forward(ids, null, null, null);
    }

    private static (double Loss, Dictionary<string, float[]> Grads) LossAndGradients(CausalLM model, bool checkpointing)
    {
        model.GradientCheckpointing = checkpointing;
        foreach (var p in model.parameters()) p.grad = null;
        using var scope = NewDisposeScope();
        using var batch = ScoringBatch.Build([[4, 9, 12, 7], [5, 6]], [[8, 10, 11], [13, 14, 15, 16, 17]], padId: 0, CPU);
        var (logp, _) = LogProbScorer.Compute(model, batch);
        var loss = -(logp * batch.CompletionMask).sum() / batch.CompletionMask.sum();
        loss.backward();
        var grads = model.named_parameters().Where(p => p.parameter.requires_grad)
            .ToDictionary(p => p.name, p => p.parameter.grad!.data<float>().ToArray());
        foreach (var p in model.parameters()) p.grad = null;
        model.GradientCheckpointing = false;
        return (loss.ToDouble(), grads);
    }

    private static float[] Subtract(float[] a, float[] b) => a.Select((x, i) => x - b[i]).ToArray();

    private static double Norm(float[] x) => Math.Sqrt(x.Sum(v => (double)v * v));
}
