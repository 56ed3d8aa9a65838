namespace R1.Tests.Shared;

/// <summary>How an <see cref="EngineProcess"/> starts <c>r1 serve</c>.</summary>
public sealed class EngineProcessOptions
{
    /// <summary>Passed as <c>--model-id</c> when set. Default null: the server's default, the folder name.</summary>
    public string? ModelId { get; init; }

    /// <summary>Passes <c>--enable-lora</c> (runtime adapter loading, as vLLM with <c>VLLM_ALLOW_RUNTIME_LORA_UPDATING</c>). Default true.</summary>
    public bool EnableLora { get; init; } = true;

    /// <summary>Passed as <c>--max-loras</c> when set. Default null: the server's default.</summary>
    public int? MaxLoras { get; init; }

    /// <summary>Further arguments after the others, e.g. <c>["--device", "cuda"]</c>. Default none.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>
    /// Environment variables of the child. Default <c>OMP_NUM_THREADS=1</c> and <c>MKL_NUM_THREADS=1</c>: on the 2-core CI machine
    /// several engines and the test host share the cores, and libtorch's spinning workers under oversubscription are very slow.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } =
        new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1", ["MKL_NUM_THREADS"] = "1" };

    /// <summary>How long to wait for the <c>Serving '…' at …</c> line. Default 120 s (the model and tokenizer load first).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
