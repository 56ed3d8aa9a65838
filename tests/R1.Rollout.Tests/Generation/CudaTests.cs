using R1.Rollout.Generation;
using R1.Rollout.Tests.Models;
using static TorchSharp.torch;

namespace R1.Rollout.Tests.Generation;

/// <summary>GPU checks; skipped (ignored) where CUDA is not available, e.g. with TorchSharp-cpu.</summary>
[TestFixture, Category("GPU")]
public class CudaTests
{
    [SetUp]
    public void RequireCuda()
    {
        if (!cuda.is_available()) Assert.Ignore("CUDA is not available (TorchSharp-cpu or no GPU).");
    }

    [Test]
    public void Greedy_generation_on_cuda_equals_cpu()
    {
        var fx = new Fixture("untied");
        using var cpu = FixturePolicy.Load(fx);
        using var gpu = FixturePolicy.Load(fx, new PolicyOptions { Device = "cuda" });
        var options = new SamplingOptions { Greedy = true, MaxNewTokens = 10, EosIds = [] };
        IReadOnlyList<int>[] prompts = [fx.IntList("greedy", "prompt_ids"), [5, 9, 13]];
        var a = cpu.Generate(prompts, options);
        var b = gpu.Generate(prompts, options);
        b[0].CompletionIds.Should().Equal(fx.IntList("greedy", "generated_ids"));
        b[1].CompletionIds.Should().Equal(a[1].CompletionIds);
    }

    [Test]
    public void Bf16_scoring_on_cuda_is_close_to_float32_cpu()
    {
        var fx = new Fixture("untied");
        using var cpu = FixturePolicy.Load(fx);
        using var gpu = FixturePolicy.Load(fx, new PolicyOptions { Device = "cuda", DType = ScalarType.BFloat16 });
        IReadOnlyList<int>[] prompts = [[1, 2, 3], [4, 5]];
        IReadOnlyList<int>[] completions = [[10, 11], [12, 13, 14]];
        using var a = cpu.ScoreCompletions(prompts, completions);
        using var b = gpu.ScoreCompletions(prompts, completions);
        (a.LogProbs - b.LogProbs.cpu()).abs().max().item<float>().Should().BeLessThan(0.1f);
    }
}

[TestFixture]
public class DeviceOptionTests
{
    [Test]
    public void Asking_for_cuda_without_cuda_is_a_clear_error()
    {
        if (cuda.is_available()) Assert.Ignore("CUDA is available here.");
        var act = () => FixturePolicy.Tiny(device: "cuda");
        act.Should().Throw<InvalidOperationException>().WithMessage("*'cuda'*CUDA is not available*TorchSharp-cuda-linux*");
    }
}
