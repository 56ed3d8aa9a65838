using Microsoft.Extensions.Logging;
using R1.Rollout;
using R1.Rollout.Engines;

namespace R1.MLNet.Training;

/// <summary>
/// Pushes the trained weights to a remote rollout engine: under LoRA the adapter (<see cref="Policy.SaveAdapter"/> to
/// <c>SyncDirectory/step-N</c>, <see cref="ILoraRolloutEngine.LoadAdapterAsync"/> as <c>step-N</c>, then <see cref="ILoraRolloutEngine.Adapter"/>);
/// in full fine-tuning the whole policy (<see cref="Policy.Save"/>, then <see cref="RolloutOptions.ReloadFullWeights"/>). A replaced
/// adapter is retired and unloaded once no rollout uses it (<see cref="UnloadRetired"/>).
/// </summary>
internal sealed class WeightSync : IDisposable
{
    private readonly Policy _policy;
    private readonly RolloutOptions _options;
    private readonly ILoraRolloutEngine? _lora;
    private readonly ILogger _logger;
    private readonly string _directory;
    private readonly bool _ownsDirectory;
    private readonly string? _originalAdapter;
    private readonly List<(string Name, string Folder)> _retired = [];
    private (string Name, string Folder)? _current;

    public WeightSync(Policy policy, RolloutOptions options, ILogger logger)
    {
        (_policy, _options, _logger) = (policy, options, logger);
        _lora = policy.Lora is null ? null : (ILoraRolloutEngine)options.Engine!;
        _ownsDirectory = options.SyncDirectory is null;
        string temp = Path.Combine(Path.GetTempPath(), "r1-grpo-sync-" + Guid.NewGuid().ToString("N")[..12]);
        _directory = Path.GetFullPath(options.SyncDirectory ?? temp);
        Directory.CreateDirectory(_directory);
        _originalAdapter = _lora?.Adapter;
    }

    /// <summary>The optimisation steps behind the weights the engine samples with; null before the first push.</summary>
    public int? Version { get; private set; }

    /// <summary>Pushes replace the servers' whole model (no LoRA): rollouts in flight must finish before one.</summary>
    public bool IsFullWeights => _lora is null;

    /// <summary>How many pushes this run made.</summary>
    public int Pushes { get; private set; }

    /// <summary>Whether step <paramref name="step"/> (0-based) must push first: the first step of a run, then every SyncEvery steps.</summary>
    public bool Due(int step) => Version is not { } v || step - v >= _options.SyncEvery;

    /// <summary>Pushes the weights after <paramref name="step"/> optimisation steps.</summary>
    /// <exception cref="RolloutEngineException">No server took the weights.</exception>
    public void Push(int step)
    {
        string name = $"step-{step}", folder = Path.Combine(_directory, name);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        if (_lora is not null)
        {
            _policy.SaveAdapter(folder);
            _lora.LoadAdapterAsync(name, folder).GetAwaiter().GetResult();
            _lora.Adapter = name;
        }
        else
        {
            _policy.Save(folder);
            _options.ReloadFullWeights!(folder, CancellationToken.None).GetAwaiter().GetResult();
        }
        if (_current is { } previous) _retired.Add(previous);
        _current = (name, folder);
        Version = step;
        Pushes++;
        if (_lora is null) UnloadRetired();                               // the engine now serves the new folder
    }

    /// <summary>Unloads the replaced adapters (call when no rollout is in flight) and removes their folders.</summary>
    public void UnloadRetired()
    {
        foreach (var (name, folder) in _retired)
        {
            if (_lora is not null) _lora.UnloadAdapterAsync(name).GetAwaiter().GetResult();
            TryDelete(folder);
        }
        _retired.Clear();
    }

    /// <summary>Unloads this run's adapters, gives the engine back its original <see cref="ILoraRolloutEngine.Adapter"/>, and removes the
    /// temporary folder (a given <see cref="RolloutOptions.SyncDirectory"/> keeps the newest push). Never throws.</summary>
    public void Dispose()
    {
        if (_lora is not null) _lora.Adapter = _originalAdapter;
        try
        {
            UnloadRetired();
            if (_lora is not null && _current is { } current) _lora.UnloadAdapterAsync(current.Name).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is RolloutEngineException or IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("GRPO: could not unload the synced adapters from the rollout engine: {Error}", e.Message);
        }
        if (_ownsDirectory) TryDelete(_directory);
    }

    private void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("GRPO: could not remove the sync folder {Folder}: {Error}", folder, e.Message);
        }
    }
}
