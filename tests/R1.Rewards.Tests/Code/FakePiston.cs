using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace R1.Rewards.Tests.Code;

/// <summary>
/// A loopback stand-in for Piston's <c>POST /api/v2/execute</c>: writes the request's files to a temporary folder and
/// runs <c>python3 file0 args…</c> with the request's stdin and run_timeout, answering in Piston's response shape.
/// Unsandboxed: only for the trusted programs of these tests. <see cref="FailWith"/> makes it answer an error instead.
/// </summary>
internal sealed class FakePiston : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public FakePiston()
    {
        int port = FreePort();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public List<JsonNode> Requests { get; } = new();

    /// <summary>When set, every request gets this status and body.</summary>
    public (int Status, string Body)? FailWith { get; set; }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream);
        var request = JsonNode.Parse(await reader.ReadToEndAsync())!;
        lock (Requests) Requests.Add(request);
        var (status, body) = context.Request.Url!.AbsolutePath != "/api/v2/execute" || context.Request.HttpMethod != "POST"
            ? (404, """{"message":"not found"}""")
            : FailWith ?? (200, (await RunAsync(request)).ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body);
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private static async Task<JsonObject> RunAsync(JsonNode request)
    {
        var dir = Directory.CreateTempSubdirectory("fake-piston-");
        try
        {
            var files = request["files"]!.AsArray();
            foreach (var file in files)
                await File.WriteAllTextAsync(Path.Combine(dir.FullName, file!["name"]!.GetValue<string>()), file["content"]!.GetValue<string>());
            var psi = new ProcessStartInfo("python3") { WorkingDirectory = dir.FullName, RedirectStandardInput = true, RedirectStandardOutput = true,
                RedirectStandardError = true };
            psi.ArgumentList.Add(files[0]!["name"]!.GetValue<string>());
            foreach (var arg in request["args"]!.AsArray()) psi.ArgumentList.Add(arg!.GetValue<string>());
            using var process = Process.Start(psi)!;
            await process.StandardInput.WriteAsync(request["stdin"]!.GetValue<string>());
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            string? signal = null;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(request["run_timeout"]!.GetValue<long>()));
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { process.Kill(true); await process.WaitForExitAsync(); signal = "SIGKILL"; }
            return new JsonObject
            {
                ["language"] = "python", ["version"] = "3.11.0",
                ["run"] = new JsonObject
                {
                    ["stdout"] = await stdout, ["stderr"] = await stderr,
                    ["code"] = signal == null ? process.ExitCode : null, ["signal"] = signal,
                    ["output"] = await stdout + await stderr,
                },
            };
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
