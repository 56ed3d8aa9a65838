using R1.Rollout.Batching;
using static TorchSharp.torch;

namespace R1.Rollout.Scoring;

/// <summary>
/// A prompt + completion batch for one teacher-forced forward: prompts left-padded to width P, completions right-padded to
/// width C. Column P−1+j of the logits predicts completion token j. Owns its tensors.
/// </summary>
public sealed class ScoringBatch : IDisposable
{
    private ScoringBatch(Tensor inputIds, Tensor attentionMask, Tensor positionIds, Tensor completionIds, Tensor completionMask, int promptWidth,
        int longestRow)
    {
        LongestRow = longestRow;
        InputIds = inputIds;
        AttentionMask = attentionMask;
        PositionIds = positionIds;
        CompletionIds = completionIds;
        CompletionMask = completionMask;
        PromptWidth = promptWidth;
    }

    /// <summary>Token ids [B, P+C] (int64; padding = pad id).</summary>
    public Tensor InputIds { get; }

    /// <summary>Attention mask [B, P+C] (int64, 1 = real token).</summary>
    public Tensor AttentionMask { get; }

    /// <summary>Position ids [B, P+C]: <c>cumsum(mask) − 1</c>, clamped at 0.</summary>
    public Tensor PositionIds { get; }

    /// <summary>Completion ids [B, C] (int64; padding = pad id).</summary>
    public Tensor CompletionIds { get; }

    /// <summary>Completion mask [B, C] (float32, 1 = real completion token, 0 = padding).</summary>
    public Tensor CompletionMask { get; }

    /// <summary>P, the padded prompt width.</summary>
    public int PromptWidth { get; }

    /// <summary>The longest row's real length (prompt + completion without padding): what must fit the model's context.</summary>
    internal int LongestRow { get; }

    /// <summary>C, the padded completion width.</summary>
    public int CompletionWidth => (int)CompletionIds.shape[1];

    /// <summary>B, the number of rows.</summary>
    public int Count => (int)InputIds.shape[0];

    /// <summary>
    /// Rows <c>[start, start + count)</c> as a new batch with the same widths (copies, owned by the result); used for micro-batches.
    /// </summary>
    public ScoringBatch Slice(int start, int count)
    {
        if (start < 0 || count <= 0 || start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"Rows [{start}, {start + count}) are outside a batch of {Count}.");
        using var scope = NewDisposeScope();
        Tensor Rows(Tensor t) => t.narrow(0, start, count).clone().MoveToOuterDisposeScope();
        return new ScoringBatch(Rows(InputIds), Rows(AttentionMask), Rows(PositionIds), Rows(CompletionIds), Rows(CompletionMask), PromptWidth,
            LongestRow);
    }

    /// <summary>Builds the batch on <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException">Counts differ, a prompt is empty, or every completion is empty.</exception>
    public static ScoringBatch Build(
        IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<IReadOnlyList<int>> completions, int padId, Device device)
    {
        PromptBatch.Validate(prompts, nameof(prompts));
        ArgumentNullException.ThrowIfNull(completions);
        if (completions.Count != prompts.Count)
            throw new ArgumentException($"There are {prompts.Count} prompts but {completions.Count} completions.", nameof(completions));
        int p = prompts.Max(x => x.Count), c = completions.Max(x => x?.Count ?? 0), b = prompts.Count;
        if (c == 0) throw new ArgumentException("Every completion is empty: nothing to score.", nameof(completions));
        var ids = new long[b, p + c];
        var mask = new long[b, p + c];
        var compIds = new long[b, c];
        var compMask = new float[b, c];
        for (int i = 0; i < b; i++) Fill(i, prompts[i], completions[i] ?? [], p, padId, ids, mask, compIds, compMask);
        using var scope = NewDisposeScope();
        var maskT = tensor(mask, device: device);
        return new ScoringBatch(
            tensor(ids, device: device).MoveToOuterDisposeScope(), maskT.MoveToOuterDisposeScope(),
            PromptBatch.PositionIds(maskT).MoveToOuterDisposeScope(), tensor(compIds, device: device).MoveToOuterDisposeScope(),
            tensor(compMask, device: device).MoveToOuterDisposeScope(), p,
            Enumerable.Range(0, b).Max(i => prompts[i].Count + (completions[i]?.Count ?? 0)));
    }

    private static void Fill(int row, IReadOnlyList<int> prompt, IReadOnlyList<int> completion, int p, int padId,
        long[,] ids, long[,] mask, long[,] compIds, float[,] compMask)
    {
        int offset = p - prompt.Count;
        for (int j = 0; j < ids.GetLength(1); j++) ids[row, j] = padId;
        for (int j = 0; j < compIds.GetLength(1); j++) compIds[row, j] = padId;
        for (int j = 0; j < prompt.Count; j++) { ids[row, offset + j] = prompt[j]; mask[row, offset + j] = 1; }
        for (int j = 0; j < completion.Count; j++)
        {
            ids[row, p + j] = completion[j];
            mask[row, p + j] = 1;
            compIds[row, j] = completion[j];
            compMask[row, j] = 1;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        InputIds.Dispose();
        AttentionMask.Dispose();
        PositionIds.Dispose();
        CompletionIds.Dispose();
        CompletionMask.Dispose();
    }
}
