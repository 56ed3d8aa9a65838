using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace R1.Tests.Shared;

/// <summary>
/// One rollout engine as a child process: <c>dotnet r1.dll serve &lt;model&gt; --urls http://127.0.0.1:&lt;port&gt; --enable-lora</c>
/// (the project's OpenAI-compatible server, a stand-in for a vLLM server). <see cref="StartAsync"/> returns once the server
/// printed its <c>Serving '…' at …</c> line; the first start takes a free port, <see cref="RestartAsync(CancellationToken)"/> reuses it, so an
/// engine configured with <see cref="BaseAddress"/> reaches the restarted process. <see cref="Kill"/> ends the whole process tree;
/// <see cref="Dispose"/> kills it too, and <see cref="KillAll"/> (run after the last test, or at the end of a benchmark) kills any
/// that a failing test left, so no process outlives the run. Shared by R1.ScaleOut.Tests and bench/R1.Bench: a project that links
/// it references src/R1.Cli (not its assembly) and records the built <c>r1.dll</c> as assembly metadata <c>R1CliDll</c>.
/// </summary>
public sealed partial class EngineProcess : IDisposable
{
    private static readonly ConcurrentDictionary<EngineProcess, byte> Live = new();
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly EngineProcessOptions _options;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private Process? _process;
    private int _port;

    private EngineProcess(string modelFolder, EngineProcessOptions options)
    {
        ModelFolder = modelFolder;
        _options = options;
        Live[this] = 0;
    }

    /// <summary>The <c>r1.dll</c> of the R1.Cli build this test project references (built before it).</summary>
    public static string CliDll { get; } = FindCliDll();

    /// <summary>The served policy folder (or saved model); <see cref="RestartAsync(string, CancellationToken)"/> changes it.</summary>
    public string ModelFolder { get; private set; }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>: what <c>OpenAiRolloutEngineOptions.Endpoints</c> take.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

    /// <summary>The OpenAI API root the server printed, <see cref="BaseAddress"/> + <c>v1/</c>.</summary>
    public Uri ApiAddress { get; private set; } = null!;

    /// <summary>The model id the server printed (its <c>--model-id</c>, or the folder name).</summary>
    public string ModelId { get; private set; } = "";

    /// <summary>Whether the current process is alive.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The current process's id (changes on restart).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("Not started.");

    /// <summary>What the processes printed so far (stdout, then stderr), for failure messages.</summary>
    public string Output => $"stdout:\n{Read(_stdout)}\nstderr:\n{Read(_stderr)}";

    /// <summary>Starts <c>r1 serve</c> over <paramref name="modelFolder"/> and waits until it serves.</summary>
    /// <exception cref="TimeoutException">No <c>Serving</c> line within <see cref="EngineProcessOptions.StartTimeout"/>; the
    /// message holds the process's output and stderr.</exception>
    /// <exception cref="InvalidOperationException">The process exited before serving; the message holds its output.</exception>
    public static async Task<EngineProcess> StartAsync(string modelFolder, EngineProcessOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var engine = new EngineProcess(Path.GetFullPath(modelFolder), options ?? new EngineProcessOptions());
        try { await engine.LaunchAsync(cancellationToken); }
        catch
        {
            engine.Dispose();
            throw;
        }
        return engine;
    }

    /// <summary>Kills the process tree (as a crash or an OOM kill would end it) and waits for it to exit. Idempotent.</summary>
    public void Kill()
    {
        var process = _process;
        if (process is null) return;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { }   // not started or already reaped
    }

    /// <summary>
    /// Freezes the process (<c>SIGSTOP</c>): a hung engine, whose port still accepts connections but never answers, until
    /// <see cref="Resume"/>. Linux and macOS only.
    /// </summary>
    public void Freeze() => Signal("-STOP");

    /// <summary>Lets a frozen process run again (<c>SIGCONT</c>).</summary>
    public void Resume() => Signal("-CONT");

    /// <summary>Kills the process if it runs and starts a new one on the same port with the same arguments.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        Kill();
        _process?.Dispose();
        _process = null;
        await LaunchAsync(cancellationToken);
    }

    /// <summary>
    /// Kills the process and starts a new one on the same port serving <paramref name="modelFolder"/> instead: how a stock server
    /// picks up fully fine-tuned weights (a checkpoint folder written by the trainer, then a restart).
    /// </summary>
    public Task RestartAsync(string modelFolder, CancellationToken cancellationToken = default)
    {
        ModelFolder = Path.GetFullPath(modelFolder);
        return RestartAsync(cancellationToken);
    }

    /// <summary>Starts it again unless it runs (what a fixture's set-up calls after a test that killed it).</summary>
    public Task EnsureRunningAsync(CancellationToken cancellationToken = default) =>
        IsRunning ? Task.CompletedTask : RestartAsync(cancellationToken);

    /// <summary>The body of <c>GET /health</c>: status, model and the batcher's counters (<c>batching.rows</c>, <c>in_flight</c>, …).</summary>
    public async Task<JsonObject> HealthAsync(CancellationToken cancellationToken = default) =>
        (JsonObject)JsonNode.Parse(await Http.GetStringAsync(new Uri(BaseAddress, "health"), cancellationToken))!;

    /// <summary>
    /// Rows this process decoded since it started (a request with <c>n</c> choices is n rows), with the base model and with any LoRA
    /// adapter, from <c>/health</c>'s <c>batching</c> and <c>lora_batching</c>.
    /// </summary>
    public async Task<long> RowsDecodedAsync(CancellationToken cancellationToken = default)
    {
        var health = await HealthAsync(cancellationToken);
        return (long)health["batching"]!["rows"]! + (long)health["lora_batching"]!["rows"]!;
    }

    /// <summary>Requests the process admitted and has not answered yet, from <c>/health</c>.</summary>
    public async Task<int> InFlightAsync(CancellationToken cancellationToken = default) =>
        (int)(await HealthAsync(cancellationToken))["batching"]!["in_flight"]!;

    /// <summary><c>POST /v1/load_lora_adapter</c> (vLLM's runtime adapter loading) with a PEFT folder the process can read.</summary>
    /// <exception cref="HttpRequestException">The server refused it; the message holds its answer.</exception>
    public Task LoadLoraAdapterAsync(string name, string folder, CancellationToken cancellationToken = default) =>
        PostAsync("v1/load_lora_adapter", new { lora_name = name, lora_path = Path.GetFullPath(folder) }, cancellationToken);

    /// <summary><c>POST /v1/unload_lora_adapter</c>.</summary>
    public Task UnloadLoraAdapterAsync(string name, CancellationToken cancellationToken = default) =>
        PostAsync("v1/unload_lora_adapter", new { lora_name = name }, cancellationToken);

    /// <summary>Kills every engine process not disposed yet (the assembly's last tear-down; safe to call at any time).</summary>
    public static void KillAll()
    {
        foreach (var engine in Live.Keys) engine.Dispose();
    }

    /// <summary>Kills the process and forgets it.</summary>
    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        _process = null;
        Live.TryRemove(this, out _);
    }

    /// <inheritdoc />
    public override string ToString() => $"r1 serve '{ModelId}' at {BaseAddress} (pid {_process?.Id.ToString() ?? "none"})";

    private async Task PostAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(BaseAddress, path), body, cancellationToken);
        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{this} answered {(int)response.StatusCode} to {path}: {text}", null, response.StatusCode);
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var serving = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = StartInfo(), EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            Append(_stdout, e.Data);
            if (ServingLine().Match(e.Data) is { Success: true } m) serving.TrySetResult(m);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Append(_stderr, e.Data); };
        process.Exited += (_, _) =>
        {
            if (serving.Task.IsCompleted) return;
            process.WaitForExit();   // drains the redirected streams, so the message has the last lines
            serving.TrySetException(new InvalidOperationException(
                $"{StartCommand(process.StartInfo)} exited with code {ExitCode(process)} before serving.\n{Output}"));
        };
        Append(_stdout, $"[{DateTime.Now:HH:mm:ss.fff}] {StartCommand(process.StartInfo)}");
        process.Start();
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var line = await serving.Task.WaitAsync(_options.StartTimeout, cancellationToken);
            ApiAddress = new Uri(line.Groups["api"].Value);
            ModelId = line.Groups["id"].Value;
            _port = ApiAddress.Port;
        }
        catch (TimeoutException)
        {
            Kill();
            throw new TimeoutException($"{StartCommand(process.StartInfo)} printed no 'Serving … at' line within " +
                                       $"{_options.StartTimeout.TotalSeconds:F0} s.\n{Output}");
        }
        catch
        {
            Kill();
            throw;
        }
    }

    private ProcessStartInfo StartInfo()
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,   // the child never waits on the test host's console
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(CliDll)!,
        };
        foreach (var a in Arguments()) info.ArgumentList.Add(a);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (k, v) in _options.Environment) info.Environment[k] = v;
        return info;
    }

    private IEnumerable<string> Arguments()
    {
        yield return CliDll;
        yield return "serve";
        yield return ModelFolder;
        yield return "--urls";
        yield return $"http://127.0.0.1:{_port}";
        if (_options.ModelId is { } id) foreach (var a in new[] { "--model-id", id }) yield return a;
        if (_options.EnableLora) yield return "--enable-lora";
        if (_options.MaxLoras is { } max) foreach (var a in new[] { "--max-loras", max.ToString() }) yield return a;
        foreach (var a in _options.ExtraArguments) yield return a;
    }

    /// <summary>The <c>dotnet</c> running these tests (the SDK exports it to its children), else the one on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string FindCliDll()
    {
        string? path = typeof(EngineProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "R1CliDll")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
            throw new FileNotFoundException($"r1.dll not found at '{path}': build the project that links EngineProcess (it builds R1.Cli).");
        return path;
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [signal, ProcessId.ToString()]) { UseShellExecute = false })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill {signal} {ProcessId} exited with code {kill.ExitCode}.");
    }

    private static string StartCommand(ProcessStartInfo info) => $"{Path.GetFileName(info.FileName)} {string.Join(' ', info.ArgumentList)}";

    private static string ExitCode(Process process)
    {
        try { return process.ExitCode.ToString(); }
        catch (InvalidOperationException) { return "?"; }
    }

    private static void Append(StringBuilder buffer, string line)
    {
        lock (buffer) buffer.AppendLine(line);
    }

    private static string Read(StringBuilder buffer)
    {
        lock (buffer) return buffer.ToString();
    }

    [GeneratedRegex(@"^Serving '(?<id>[^']*)' at (?<api>\S+)")]
    private static partial Regex ServingLine();
}
