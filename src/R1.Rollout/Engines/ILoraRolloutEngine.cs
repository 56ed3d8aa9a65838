namespace R1.Rollout.Engines;

/// <summary>
/// A rollout engine that takes LoRA adapters at run time (vLLM's <c>/v1/load_lora_adapter</c>), so a trainer can push its
/// adapters to the servers between steps and sample with them.
/// </summary>
public interface ILoraRolloutEngine : IRolloutEngine
{
    /// <summary>
    /// The model name rollouts sample with: a loaded adapter's name, or <see langword="null"/> for the base model (default).
    /// </summary>
    string? Adapter { get; set; }

    /// <summary>Loads the PEFT adapter folder <paramref name="folder"/> (readable by the servers) as <paramref name="name"/>.</summary>
    /// <param name="name">The adapter's model name.</param>
    /// <param name="folder">A PEFT folder (<c>adapter_config.json</c> + <c>adapter_model.safetensors</c>).</param>
    /// <param name="cancellationToken">Stops the load.</param>
    /// <exception cref="RolloutEngineException">No server took the adapter, or a server refused it.</exception>
    Task LoadAdapterAsync(string name, string folder, CancellationToken cancellationToken = default);

    /// <summary>Unloads the adapter <paramref name="name"/> (a server that does not hold it is left as it is).</summary>
    /// <param name="name">The adapter's model name.</param>
    /// <param name="cancellationToken">Stops the unload.</param>
    /// <exception cref="RolloutEngineException">A server refused the unload.</exception>
    Task UnloadAdapterAsync(string name, CancellationToken cancellationToken = default);
}
