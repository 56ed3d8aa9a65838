using System.Net;
using System.Net.Sockets;
using R1.Rollout.Engines;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;
using R1.Serving;

namespace R1.Rollout.Tests.Engines;

/// <summary>
/// What the engine tests talk to: the project's own server on a free loopback port over a tiny random policy (written once per
/// run), a URL whose port is closed, and options with short timeouts.
/// </summary>
internal static class EngineFixtures
{
    private static readonly Lazy<string> Folder = new(WriteFolder);

    /// <summary>The tiny policy's folder (Hugging Face layout, character tokenizer).</summary>
    public static string ModelFolder => Folder.Value;

    public static Task<RunningServer> StartServerAsync(string modelId = "tiny", bool enableLora = false, Uri? url = null) =>
        OpenAiServer.StartAsync(new ServerOptions
        {
            ModelPath = ModelFolder, ModelId = modelId, Urls = (url?.ToString() ?? "http://127.0.0.1:0").TrimEnd('/'), EnableLora = enableLora,
        });

    /// <summary>A loopback URL nothing listens on (a port just freed).</summary>
    public static Uri ClosedPortUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }

    public static OpenAiRolloutEngineOptions Options(params Uri[] endpoints) => new()
    {
        Endpoints = endpoints,
        Model = "tiny",
        Timeout = TimeSpan.FromSeconds(20),
        RetryDelay = TimeSpan.FromMilliseconds(10),
    };

    private static string WriteFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "r1-engine-tests-" + Guid.NewGuid().ToString("N")[..8], "tiny");
        var tokenizer = CharTokenizer.CreateDefault();
        using var policy = Policy.Create(ModelConfig.Tiny(tokenizer.VocabSize), tokenizer, new PolicyOptions { Seed = 3 });
        policy.Save(folder);
        return folder;
    }
}
