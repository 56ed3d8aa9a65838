using R1.Rollout;
using R1.Serving.Batching;
using R1.Serving.Endpoints;

namespace R1.Serving.Hosting;

/// <summary>
/// A LoRA adapter loaded at run time: its own frozen copy of the base policy with the adapter applied, and its own decode loop,
/// so a decode batch never mixes rows of different adapters. Owns both.
/// </summary>
internal sealed class LoadedAdapter(string name, string path, Policy policy, DecodeBatcher batcher) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string Path { get; } = path;

    public Policy Policy { get; } = policy;

    public DecodeBatcher Batcher { get; } = batcher;

    public long Created { get; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>
    /// Finishes the requests already queued for this adapter (one that resolved the name but comes later gets 400
    /// <c>model_not_found</c>), then frees its copy of the weights.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var refusal = OpenAiException.BadRequest($"The model '{Name}' does not exist: the LoRA adapter was unloaded.", "model", "model_not_found");
        await Batcher.DrainAsync(refusal).ConfigureAwait(false);
        Policy.Dispose();
    }
}
