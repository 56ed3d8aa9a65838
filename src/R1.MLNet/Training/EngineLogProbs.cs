using R1.Rollout.Generation;
using R1.Rollout.Scoring;
using static TorchSharp.torch;

namespace R1.MLNet.Training;

/// <summary>π_old from a rollout engine: each sample's reported per-token log-probs, laid out as the scoring batch's completions.</summary>
internal static class EngineLogProbs
{
    /// <summary>
    /// The log-probs <c>[B, C]</c> (right-padded with 0), and the loss mask with the rows zeroed whose log-probs the engine did not report
    /// (a NaN, or fewer values than tokens).
    /// </summary>
    public static (Tensor OldLogProbs, Tensor LossMask) Build(IReadOnlyList<GenerationResult> results, ScoringBatch batch, Tensor lossMask)
    {
        int width = batch.CompletionWidth;
        var values = new float[results.Count * width];
        var usable = new float[results.Count];
        for (int i = 0; i < results.Count; i++)
        {
            var (ids, logProbs) = (results[i].CompletionIds, results[i].LogProbs);
            bool ok = logProbs.Count >= ids.Count;
            for (int j = 0; j < ids.Count && ok; j++)
            {
                ok = float.IsFinite(logProbs[j]);
                values[i * width + j] = ok ? logProbs[j] : 0f;
            }
            usable[i] = ok ? 1f : 0f;
        }
        var old = tensor(values, [results.Count, width]).to(batch.CompletionIds.device);
        var mask = usable.All(u => u == 1f) ? lossMask : lossMask * tensor(usable).to(lossMask.device).unsqueeze(1);
        return (old, mask);
    }
}
