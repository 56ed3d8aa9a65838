using static TorchSharp.torch;

namespace R1.MLNet.Training;

/// <summary>
/// Prompts and completions packed for one forward pass: prompts left-padded to a common length <c>Tp</c>, completions
/// right-padded to <c>C</c>, so every completion starts at column <c>Tp</c>. Owns its tensors.
/// </summary>
public sealed class CompletionBatch : IDisposable
{
    private CompletionBatch(Tensor inputIds, Tensor attentionMask, Tensor positionIds, Tensor completionMask, int promptLength)
    {
        InputIds = inputIds;
        AttentionMask = attentionMask;
        PositionIds = positionIds;
        CompletionMask = completionMask;
        PromptLength = promptLength;
    }

    /// <summary>Token ids <c>[B, Tp + C]</c>.</summary>
    public Tensor InputIds { get; }

    /// <summary>1 for real tokens, 0 for padding, <c>[B, Tp + C]</c>.</summary>
    public Tensor AttentionMask { get; }

    /// <summary>Positions counting real tokens only (<c>cumsum(mask) − 1</c>), <c>[B, Tp + C]</c>.</summary>
    public Tensor PositionIds { get; }

    /// <summary>1 for completion tokens, <c>[B, C]</c> (float32).</summary>
    public Tensor CompletionMask { get; }

    /// <summary><c>Tp</c>: the padded prompt length.</summary>
    public int PromptLength { get; }

    /// <summary><c>C</c>: the padded completion length.</summary>
    public int CompletionLength => (int)CompletionMask.shape[1];

    /// <summary>Rows.</summary>
    public int Count => (int)InputIds.shape[0];

    /// <summary>Packs <paramref name="prompts"/> and <paramref name="completions"/> (same count) on <paramref name="device"/>.</summary>
    public static CompletionBatch Create(IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<IReadOnlyList<int>> completions, int padId, Device device)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(completions);
        if (prompts.Count != completions.Count || prompts.Count == 0)
            throw new ArgumentException($"Need the same, non-zero number of prompts and completions (got {prompts.Count} and {completions.Count}).");
        if (prompts.Any(p => p.Count == 0)) throw new ArgumentException("A prompt has no tokens; the first completion token needs a prompt token before it.", nameof(prompts));
        int b = prompts.Count, tp = prompts.Max(p => p.Count), c = Math.Max(1, completions.Max(x => x.Count)), t = tp + c;
        var ids = new long[b * t];
        var mask = new long[b * t];
        var completionMask = new float[b * c];
        Array.Fill(ids, padId);
        for (int i = 0; i < b; i++)
        {
            var p = prompts[i];
            for (int j = 0; j < p.Count; j++) { ids[i * t + tp - p.Count + j] = p[j]; mask[i * t + tp - p.Count + j] = 1; }
            var x = completions[i];
            for (int j = 0; j < x.Count; j++) { ids[i * t + tp + j] = x[j]; mask[i * t + tp + j] = 1; completionMask[i * c + j] = 1; }
        }
        using var scope = NewDisposeScope();
        var maskT = tensor(mask, [b, t]).to(device);
        var positions = (maskT.cumsum(1) - 1).clamp_min(0);                             // [B, T]
        return new CompletionBatch(
            tensor(ids, [b, t]).to(device).MoveToOuterDisposeScope(),
            maskT.MoveToOuterDisposeScope(),
            positions.MoveToOuterDisposeScope(),
            tensor(completionMask, [b, c]).to(device).MoveToOuterDisposeScope(),
            tp);
    }

    /// <summary>Rows <c>[start, start + count)</c> as a new batch (same padding; tensors are copies owned by the result).</summary>
    public CompletionBatch Slice(int start, int count)
    {
        using var scope = NewDisposeScope();
        return new CompletionBatch(
            InputIds.narrow(0, start, count).clone().MoveToOuterDisposeScope(),
            AttentionMask.narrow(0, start, count).clone().MoveToOuterDisposeScope(),
            PositionIds.narrow(0, start, count).clone().MoveToOuterDisposeScope(),
            CompletionMask.narrow(0, start, count).clone().MoveToOuterDisposeScope(),
            PromptLength);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        InputIds.Dispose();
        AttentionMask.Dispose();
        PositionIds.Dispose();
        CompletionMask.Dispose();
    }
}
