using static TorchSharp.torch;

namespace R1.Rollout.Batching;

/// <summary>Left-padding helpers shared by generation and scoring.</summary>
internal static class PromptBatch
{
    /// <summary>Checks that there is at least one prompt and no prompt is empty.</summary>
    /// <exception cref="ArgumentException">The batch or a prompt is empty.</exception>
    public static void Validate(IReadOnlyList<IReadOnlyList<int>> prompts, string paramName)
    {
        ArgumentNullException.ThrowIfNull(prompts, paramName);
        if (prompts.Count == 0) throw new ArgumentException("The batch is empty: give at least one prompt.", paramName);
        for (int i = 0; i < prompts.Count; i++)
            if (prompts[i] is null || prompts[i].Count == 0)
                throw new ArgumentException($"Prompt {i} is empty: every prompt needs at least one token (e.g. BOS).", paramName);
    }

    /// <summary>
    /// Left-pads <paramref name="prompts"/> to <paramref name="promptWidth"/> (the longest prompt) into ids and mask arrays
    /// of width <paramref name="width"/> (≥ <paramref name="promptWidth"/>); columns after the prompts hold
    /// <paramref name="padId"/> and mask 1.
    /// </summary>
    public static (long[,] Ids, long[,] Mask) LeftPad(IReadOnlyList<IReadOnlyList<int>> prompts, int promptWidth, int width, int padId)
    {
        var ids = new long[prompts.Count, width];
        var mask = new long[prompts.Count, width];
        for (int b = 0; b < prompts.Count; b++)
        {
            int offset = promptWidth - prompts[b].Count;
            for (int j = 0; j < width; j++)
            {
                ids[b, j] = j < offset ? padId : j < promptWidth ? prompts[b][j - offset] : padId;
                mask[b, j] = j < offset ? 0 : 1;
            }
        }
        return (ids, mask);
    }

    /// <summary>Position ids <c>cumsum(mask) − 1</c>, clamped at 0, for a mask [B, S].</summary>
    public static Tensor PositionIds(Tensor mask)
    {
        using var scope = NewDisposeScope();
        return (mask.to(ScalarType.Int64).cumsum(1) - 1).clamp_min(0).MoveToOuterDisposeScope();
    }
}
