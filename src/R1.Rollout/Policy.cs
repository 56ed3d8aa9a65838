using R1.Rollout.ChatTemplates;
using R1.Rollout.Checkpoints;
using R1.Rollout.Generation;
using R1.Rollout.Lora;
using R1.Rollout.Models;
using R1.Rollout.Scoring;
using R1.Rollout.Runtime;
using R1.Rollout.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace R1.Rollout;

/// <summary>
/// A language-model policy, the front door of R1.Rollout: a <see cref="CausalLM"/> plus its tokenizer, placed on a device
/// in a dtype. Loads and saves Hugging Face folders (<c>config.json</c>, <c>model.safetensors</c>, tokenizer files), clones
/// a frozen reference copy, and generates and scores through the <see cref="RolloutGenerator"/> and
/// <see cref="LogProbScorer"/> it holds over its model and tokenizer.
/// </summary>
public sealed partial class Policy : IDisposable
{
    private readonly RolloutGenerator _generator;
    private readonly LogProbScorer _scorer;
    private IChatTemplate? _chatTemplate;
    private string? _sourceFolder;

    private Policy(CausalLM model, ITextTokenizer tokenizer, Device device, ScalarType dtype, PolicyOptions options)
    {
        Model = model;
        Tokenizer = tokenizer;
        Device = device;
        DType = dtype;
        Options = options;
        _generator = new RolloutGenerator(model, tokenizer, device);
        _scorer = new LogProbScorer(model, tokenizer, device);
    }

    /// <summary>The network. Its parameters are trainable unless this is a frozen clone.</summary>
    public CausalLM Model { get; }

    /// <summary>The tokenizer.</summary>
    public ITextTokenizer Tokenizer { get; }

    /// <summary>
    /// The chat template for this policy's tokenizer (<see cref="ChatTemplates.ChatTemplate.For"/>): the checkpoint's own Jinja
    /// template when its folder shipped one, otherwise the hand-coded template matching the vocabulary. Pass it to a
    /// <see cref="PromptFormat"/> to prompt the model as it was trained to be prompted.
    /// </summary>
    public IChatTemplate ChatTemplate => _chatTemplate ??= ChatTemplates.ChatTemplate.For(Tokenizer);

    /// <summary>The model configuration.</summary>
    public ModelConfig Config => Model.Config;

    /// <summary>Where the parameters live.</summary>
    public Device Device { get; }

    /// <summary>The parameter dtype.</summary>
    public ScalarType DType { get; }

    /// <summary>The options this policy was made with.</summary>
    public PolicyOptions Options { get; }

    /// <summary>True for a <see cref="CloneFrozen"/> copy (no gradients, eval mode).</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>
    /// Creates a randomly initialized policy (seeded by <see cref="PolicyOptions.Seed"/>). Unset <c>eos_token_id</c> and
    /// <c>bos_token_id</c> are taken from the tokenizer.
    /// </summary>
    /// <exception cref="ArgumentException">The tokenizer has more ids than the config's vocabulary.</exception>
    public static Policy Create(ModelConfig config, ITextTokenizer tokenizer, PolicyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(tokenizer);
        TorchRuntime.EnsureAvailable();
        options ??= new PolicyOptions();
        config.Validate();
        if (tokenizer.VocabSize > config.VocabSize)
            throw new ArgumentException(
                $"The tokenizer has {tokenizer.VocabSize} ids but the model's vocab_size is {config.VocabSize}.", nameof(tokenizer));
        var (device, dtype) = Resolve(options, config);
        var withDType = WithDType(config, dtype);
        withDType.EosTokenIds ??= tokenizer.EosIds.Count > 0 ? [.. tokenizer.EosIds] : null;
        withDType.BosTokenId ??= tokenizer.BosId;
        var model = new CausalLM(withDType);
        model.InitializeWeights(options.Seed);
        return new Policy(Place(model, device, dtype), tokenizer, device, dtype, options);
    }

    /// <summary>
    /// Loads a Hugging Face folder: <c>config.json</c>, weights (single or sharded, f32/bf16) and the tokenizer, plus the LoRA
    /// adapter in its <see cref="PeftAdapter.PolicySubfolder"/> subfolder when <see cref="Save"/> wrote one.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The config or the weights are invalid, or a weight holds NaN or infinity (the message lists every problem).
    /// </exception>
    public static Policy Load(string folder, PolicyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        TorchRuntime.EnsureAvailable();
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Policy folder not found: '{folder}'.");
        options ??= new PolicyOptions();
        var config = ModelConfig.Load(Path.Combine(folder, "config.json"));
        var tokenizer = TokenizerFiles.Load(folder);
        if (tokenizer.VocabSize > config.VocabSize)
            throw new InvalidDataException(
                $"'{folder}': the tokenizer has {tokenizer.VocabSize} ids but config.json's vocab_size is {config.VocabSize}.");
        var (device, dtype) = Resolve(options, config);
        var model = Place(new CausalLM(WithDType(config, dtype)), device, dtype);
        try
        {
            CheckpointFolder.LoadInto(model, folder);
            CheckFinite(model, folder);
        }
        catch { model.Dispose(); throw; }
        var policy = new Policy(model, tokenizer, device, dtype, options) { _sourceFolder = Path.GetFullPath(folder) };
        try { policy.LoadSavedAdapter(folder); }
        catch { policy.Dispose(); throw; }
        return policy;
    }

    /// <summary>Every loaded weight must be finite; names the tensors that hold NaN or infinity.</summary>
    private static void CheckFinite(CausalLM model, string folder)
    {
        var bad = new List<string>();
        using (no_grad())
            foreach (var (name, t) in model.state_dict())
            {
                using var finite = t.isfinite().all();
                if (!finite.item<bool>()) bad.Add(name);
            }
        if (bad.Count > 0)
            throw new InvalidDataException($"The weights in '{folder}' hold NaN or infinite values in: {string.Join(", ", bad)}.");
    }

    /// <summary>
    /// Saves config, weights (in <see cref="DType"/>) and tokenizer to <paramref name="folder"/>. Atomic: everything is written
    /// to a sibling temporary folder that then replaces <paramref name="folder"/>. With LoRA adapters attached, the folder holds
    /// the base model (a plain Hugging Face folder) and the adapter in PEFT's layout in its <see cref="PeftAdapter.PolicySubfolder"/>
    /// subfolder, which <see cref="Load"/> attaches again; call <see cref="MergeAdapters"/> first to export merged weights.
    /// </summary>
    public void Save(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        string temp = full + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(temp);
        try
        {
            WithDType(Config, DType).Save(Path.Combine(temp, "config.json"));
            CheckpointFolder.Save(Model, temp, Options.MaxShardBytes);
            Tokenizer.Save(temp);
            if (_lora is not null) SaveAdapter(Path.Combine(temp, PeftAdapter.PolicySubfolder), full);
            Replace(full, temp);
        }
        catch
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw;
        }
    }

    private static void Replace(string target, string temp)
    {
        if (!Directory.Exists(target)) { Directory.Move(temp, target); return; }
        string old = target + ".old-" + Guid.NewGuid().ToString("N")[..8];
        Directory.Move(target, old);
        Directory.Move(temp, target);
        Directory.Delete(old, recursive: true);
    }

    /// <summary>
    /// A deep copy for use as the frozen reference model: same weights (LoRA adapters included), <c>requires_grad = false</c>, eval mode.
    /// </summary>
    public Policy CloneFrozen()
    {
        var copy = Place(new CausalLM(Config), Device, DType);
        using (no_grad())
        {
            var source = Model.state_dict();
            foreach (var (name, t) in copy.state_dict()) t.copy_(source[name]);
        }
        var clone = new Policy(copy, Tokenizer, Device, DType, Options) { IsFrozen = true, _sourceFolder = _sourceFolder };
        CopyAdaptersTo(clone);
        foreach (var p in copy.parameters()) p.requires_grad = false;
        copy.eval();
        return clone;
    }

    private static (Device Device, ScalarType DType) Resolve(PolicyOptions options, ModelConfig config)
    {
        if (options.NumThreads is { } threads)
        {
            if (threads <= 0) throw new ArgumentException($"NumThreads must be positive (got {threads}).", nameof(options));
            set_num_threads(threads);
        }
        var device = new Device(options.Device);
        if (device.type == DeviceType.CUDA && !cuda.is_available())
            throw new InvalidOperationException(
                $"Device '{options.Device}' was requested but CUDA is not available (reference TorchSharp-cuda-linux and check the driver).");
        var dtype = options.DType ?? SafeTensorsDType.FromTorchDType(config.TorchDType);
        if (dtype is not (ScalarType.Float32 or ScalarType.BFloat16 or ScalarType.Float16))
            throw new ArgumentException($"DType must be Float32, BFloat16 or Float16, not {dtype}.", nameof(options));
        return (device, dtype);
    }

    private static ModelConfig WithDType(ModelConfig config, ScalarType dtype)
    {
        var copy = config.Clone();
        copy.TorchDType = SafeTensorsDType.ToTorchDType(dtype);
        return copy;
    }

    private static CausalLM Place(CausalLM model, Device device, ScalarType dtype)
    {
        model.to(dtype);
        model.to(device);
        return model;
    }

    /// <summary>
    /// Generates one completion per prompt
    /// (see <see cref="RolloutGenerator.Generate(IReadOnlyList{IReadOnlyList{int}}, SamplingOptions?)"/>).
    /// </summary>
    public IReadOnlyList<GenerationResult> Generate(IReadOnlyList<IReadOnlyList<int>> prompts, SamplingOptions? options = null) =>
        _generator.Generate(prompts, options);

    /// <summary>
    /// Independent requests, each with its own prompt, settings and seed, in one decode batch
    /// (see <see cref="RolloutGenerator.GenerateBatch"/>).
    /// </summary>
    public IReadOnlyList<GenerationResult> GenerateBatch(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken = default) =>
        _generator.GenerateBatch(requests, cancellationToken);

    /// <summary>Group rollouts: <paramref name="groupSize"/> samples per prompt (see <see cref="RolloutGenerator.GenerateGroups"/>).</summary>
    public IReadOnlyList<IReadOnlyList<GenerationResult>> GenerateGroups(
        IReadOnlyList<IReadOnlyList<int>> prompts, int groupSize, SamplingOptions? options = null) =>
        _generator.GenerateGroups(prompts, groupSize, options);

    /// <summary>
    /// Streams one prompt's completion as text pieces
    /// (see <see cref="RolloutGenerator.StreamAsync(string, SamplingOptions?, CancellationToken)"/>).
    /// </summary>
    public IAsyncEnumerable<string> StreamAsync(string prompt, SamplingOptions? options = null, CancellationToken cancellationToken = default) =>
        _generator.StreamAsync(prompt, options, cancellationToken);

    /// <summary>
    /// Per-token log-probs of completions
    /// (see <see cref="LogProbScorer.Score(IReadOnlyList{IReadOnlyList{int}}, IReadOnlyList{IReadOnlyList{int}}, double)"/>).
    /// </summary>
    public ScoredCompletions ScoreCompletions(
        IReadOnlyList<IReadOnlyList<int>> prompts, IReadOnlyList<IReadOnlyList<int>> completions, double temperature = 1.0) =>
        _scorer.Score(prompts, completions, temperature);

    /// <inheritdoc />
    public void Dispose() => Model.Dispose();
}
