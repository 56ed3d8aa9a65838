using System.Text.Json.Nodes;
using R1.MLNet.Training;
using R1.Rollout;
using R1.Rollout.Engines;
using R1.Rollout.Generation;
using R1.Rollout.Lora;
using R1.Serving;

namespace R1.MLNet.Tests.Training;

/// <summary>
/// What the remote-rollout trainer tests talk to: the micro policy of <see cref="TrainingFixtures"/> saved once, the project's
/// OpenAI-compatible server over it (in this process, on free loopback ports, LoRA enabled), engines with short timeouts, and the
/// GRPO options of those tests (LoRA, few steps, small groups).
/// </summary>
internal static class RemoteRollouts
{
    public const string ModelId = "micro";
    private static readonly Lazy<string> Folder = new(() =>
    {
        string folder = Path.Combine(Path.GetTempPath(), "r1-remote-rollouts-" + Guid.NewGuid().ToString("N")[..8], "micro");
        using var policy = Create();
        policy.Save(folder);
        return folder;
    });

    /// <summary>The base model's folder (what the servers serve).</summary>
    public static string ModelFolder => Folder.Value;

    /// <summary>A fresh copy of the base policy (seed 1), as the trainer trains it.</summary>
    public static Policy Create() => TrainingFixtures.Create(seed: 1);

    public static Task<RunningServer> StartServerAsync(bool enableLora = true) => OpenAiServer.StartAsync(new ServerOptions
    {
        ModelPath = ModelFolder, ModelId = ModelId, Urls = "http://127.0.0.1:0", EnableLora = enableLora,
    });

    public static OpenAiCompatibleRolloutEngine Engine(string model, params RunningServer[] servers) => new(new OpenAiRolloutEngineOptions
    {
        Endpoints = servers.Select(s => s.BaseAddress).ToList(), Model = model, MaxConcurrencyPerEndpoint = 2,
        Timeout = TimeSpan.FromSeconds(30), RetryDelay = TimeSpan.FromMilliseconds(10),
    });

    public static OpenAiCompatibleRolloutEngine Engine(params RunningServer[] servers) => Engine(ModelId, servers);

    public static GrpoOptions Options(IRolloutEngine? engine, int steps = 4) => new()
    {
        MaxSteps = steps, PromptsPerStep = 2, NumGenerations = 4, Seed = 11,
        Sampling = { MaxNewTokens = 8 },
        Loss = { Beta = 0.04 },
        Optimizer = { LearningRate = 2e-2 },
        Lora = new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0, Seed = 5 },
        Rollout = { Engine = engine },
    };

    /// <summary>The model ids a server lists on <c>/v1/models</c>, in its order (the base first, then the adapters).</summary>
    public static List<string> Models(RunningServer server)
    {
        using var http = new HttpClient();
        var json = JsonNode.Parse(http.GetStringAsync(new Uri(server.BaseAddress, "/v1/models")).GetAwaiter().GetResult())!;
        return json["data"]!.AsArray().Select(m => (string)m!["id"]!).ToList();
    }
}

/// <summary>An <see cref="ILoraRolloutEngine"/> that passes every call on and counts them.</summary>
internal sealed class CountingLoraEngine(ILoraRolloutEngine inner) : ILoraRolloutEngine
{
    private int _loads, _unloads, _generations;

    public int Loads => _loads;
    public int Unloads => _unloads;
    public int Generations => _generations;
    public List<string> LoadedFolders { get; } = [];

    public string? Adapter
    {
        get => inner.Adapter;
        set => inner.Adapter = value;
    }

    public Task<IReadOnlyList<IReadOnlyList<GenerationResult>>> GenerateGroupsAsync(IReadOnlyList<IReadOnlyList<int>> prompts, int groupSize,
        SamplingOptions options, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _generations);
        return inner.GenerateGroupsAsync(prompts, groupSize, options, cancellationToken);
    }

    public Task ValidateAsync(RolloutEngineRequirements requirements, CancellationToken cancellationToken = default) =>
        inner.ValidateAsync(requirements, cancellationToken);

    public Task LoadAdapterAsync(string name, string folder, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _loads);
        lock (LoadedFolders) LoadedFolders.Add(folder);
        return inner.LoadAdapterAsync(name, folder, cancellationToken);
    }

    public Task UnloadAdapterAsync(string name, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _unloads);
        return inner.UnloadAdapterAsync(name, cancellationToken);
    }
}

/// <summary>Servers that a full fine-tuning reload hook restarts on each pushed folder, at the same addresses.</summary>
internal sealed class RestartingServers : IAsyncDisposable
{
    private RestartingServers(List<RunningServer> servers) => Current = servers;

    public List<RunningServer> Current { get; private set; }

    public int Restarts { get; private set; }

    public static async Task<RestartingServers> StartAsync(int count)
    {
        var servers = new List<RunningServer>();
        for (int i = 0; i < count; i++) servers.Add(await RemoteRollouts.StartServerAsync(enableLora: false));
        return new RestartingServers(servers);
    }

    /// <summary>Stops each server and starts it again on <paramref name="folder"/>, at its address and under the same model id.</summary>
    public async Task RestartAsync(string folder)
    {
        var next = new List<RunningServer>();
        foreach (var server in Current)
        {
            string url = server.BaseAddress.ToString().TrimEnd('/');
            await server.DisposeAsync();
            next.Add(await OpenAiServer.StartAsync(new ServerOptions { ModelPath = folder, ModelId = RemoteRollouts.ModelId, Urls = url }));
        }
        Current = next;
        Restarts++;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Current) await server.DisposeAsync();
    }
}
