using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace R1.Rewards.Code;

/// <summary>
/// Runs programs on a remote Piston-compatible service (<c>POST {RemoteUrl}/api/v2/execute</c>) for scale-out: the
/// service provides the isolation, the same Python harness inside it applies the resource limits and reports per test.
/// </summary>
public sealed class PistonExecutor : ICodeExecutor
{
    private readonly HttpClient _http;
    private readonly CodeExecutionOptions _options;

    /// <summary>Creates the executor; <paramref name="http"/>'s base address is taken from <see cref="CodeExecutionOptions.RemoteUrl"/> when it has
    /// none.</summary>
    public PistonExecutor(HttpClient http, CodeExecutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (http.BaseAddress == null)
        {
            if (options.RemoteUrl == null) throw new ArgumentException("PistonExecutor needs CodeExecutionOptions.RemoteUrl or an HttpClient with a"
                + " BaseAddress.", nameof(options));
            http.BaseAddress = new Uri(options.RemoteUrl.TrimEnd('/') + "/");
        }
        _http = http;
        _options = options;
    }

    /// <inheritdoc />
    public async ValueTask<CodeExecutionResult> ExecuteAsync(CodeExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string nonce = PythonHarness.NewNonce();
        var wall = TimeSpan.FromSeconds(_options.WallTimeSeconds);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(wall + TimeSpan.FromSeconds(30)); // queueing and transfer on top of the run itself
        JsonNode? body;
        try
        {
            using var response = await _http.PostAsJsonAsync("api/v2/execute", Payload(request, nonce, wall), timeout.Token).ConfigureAwait(false);
            string text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                return CodeExecutionResult.SandboxFailure($"remote executor returned {(int)response.StatusCode}: {Truncate(text)}");
            body = JsonNode.Parse(text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CodeExecutionResult.SandboxFailure($"remote executor did not answer within {(wall + TimeSpan.FromSeconds(30)).TotalSeconds:0}s");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException)
        {
            return CodeExecutionResult.SandboxFailure($"remote executor failed: {ex.Message}");
        }
        return ToResult(body?["run"], nonce, clock.Elapsed, wall);
    }

    private JsonObject Payload(CodeExecutionRequest request, string nonce, TimeSpan wall) => new()
    {
        ["language"] = _options.RemoteLanguage,
        ["version"] = _options.RemoteLanguageVersion,
        ["files"] = new JsonArray(
            new JsonObject { ["name"] = PythonHarness.ScriptName, ["content"] = PythonHarness.Script },
            new JsonObject { ["name"] = PythonHarness.JobName, ["content"] = PythonHarness.Job(request, _options) }),
        ["args"] = new JsonArray(PythonHarness.JobName),
        ["stdin"] = nonce + "\n",
        ["run_timeout"] = (long)wall.TotalMilliseconds,
        ["run_memory_limit"] = (long)_options.MemoryMb << 20,
    };

    private static CodeExecutionResult ToResult(JsonNode? run, string nonce, TimeSpan elapsed, TimeSpan wall)
    {
        if (run is not JsonObject)
            return CodeExecutionResult.SandboxFailure("remote executor answered without a 'run' object");
        string stdout = run["stdout"]?.GetValue<string>() ?? "";
        string stderr = run["stderr"]?.GetValue<string>() ?? "";
        string? signal = run["signal"]?.GetValue<string>();
        int exitCode = run["code"] is JsonValue code && code.TryGetValue(out int c) ? c : 128 + SignalNumber(signal);
        var report = HarnessReport.Parse(nonce, stdout);
        bool timedOut = !report.Done && signal == "SIGKILL" && elapsed >= wall;
        return report.ToResult(exitCode, timedOut, stderr, elapsed, wall);
    }

    private static int SignalNumber(string? signal) => signal switch
    {
        "SIGKILL" => 9,
        "SIGSEGV" => 11,
        "SIGXCPU" => 24,
        "SIGXFSZ" => 25,
        _ => 0,
    };

    private static string Truncate(string text) => text.Length > 300 ? text[..300] : text;
}
