using R1.Rollout.Generation;
using R1.Rollout.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace R1.Rollout.Tests.Generation;

/// <summary>Generation and scoring must not leak tensors: the live count is the same before and after 50 calls.</summary>
[TestFixture]
public class TensorLifetimeTests
{
    private static (long Global, long Thread) Live() => (Tensor.TotalCount, DisposeScopeManager.Statistics.ThreadTotalLiveCount);

    [Test]
    public void Live_tensor_count_stays_flat_over_50_generate_and_50_score_calls()
    {
        using var policy = FixturePolicy.Tiny(seed: 12);
        IReadOnlyList<int>[] prompts = [[3, 20, 21], [3, 30, 31, 32, 33]];
        var options = new SamplingOptions { Seed = 1, MaxNewTokens = 6, TopP = 0.9, TopK = 20, MinP = 0.02, StopStrings = ["zz"], CheckInterval = 2 };
        void GenerateOnce() => policy.GenerateGroups(prompts, 2, options);
        void ScoreOnce()
        {
            using var scored = policy.ScoreCompletions(prompts, [[40, 41], [42]]);
            using var loss = scored.LogProbs.sum();
            loss.backward();
            policy.Model.zero_grad();
        }

        GenerateOnce(); ScoreOnce();                         // warm-up: gradients get allocated once
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();   // finalize other tests' garbage before counting
        var before = Live();
        for (int i = 0; i < 50; i++) GenerateOnce();
        var afterGenerate = Live();
        for (int i = 0; i < 50; i++) ScoreOnce();
        var afterScore = Live();

        afterGenerate.Should().Be(before, "generation disposes everything it creates");
        afterScore.Should().Be(before, "scoring disposes everything it creates");
    }
}
