using System.ClientModel;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using OpenAI;
using R1.Rollout;
using R1.Rollout.Models;
using R1.Rollout.Tokenization;

namespace R1.Serving.Tests;

/// <summary>
/// A server on a free loopback port over a tiny random policy (<see cref="ModelConfig.Tiny"/>, character tokenizer, written once
/// per test run), with the clients the tests talk to it through: the official OpenAI client (through Microsoft.Extensions.AI)
/// and a plain <see cref="HttpClient"/> for the raw JSON.
/// </summary>
internal sealed class TinyServer : IAsyncDisposable
{
    private static readonly Lazy<string> Folder = new(WriteFolder);

    private TinyServer(RunningServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    public RunningServer Server { get; }

    public HttpClient Http { get; }

    /// <summary>The tiny model's folder (a Hugging Face layout with the character tokenizer).</summary>
    public static string ModelFolder => Folder.Value;

    public static async Task<TinyServer> StartAsync(Action<ServerOptions>? configure = null)
    {
        var options = new ServerOptions { ModelPath = ModelFolder, ModelId = "tiny", Urls = "http://127.0.0.1:0" };
        configure?.Invoke(options);
        return new TinyServer(await OpenAiServer.StartAsync(options));
    }

    /// <summary>The official OpenAI client for this server (no retries, so a 429 surfaces).</summary>
    public OpenAIClient OpenAi() => new(new ApiKeyCredential("unused"),
        new OpenAIClientOptions { Endpoint = Server.ApiAddress, RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) });

    /// <summary>The served model as a Microsoft.Extensions.AI chat client over the official OpenAI client.</summary>
    public IChatClient ChatClient() => OpenAi().GetChatClient(Server.ModelId).AsIChatClient();

    public async Task<(int Status, JsonNode Body)> PostAsync(string path, object body)
    {
        using var response = await Http.PostAsJsonAsync(path, body);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>The <c>data:</c> events of a streamed response, parsed, up to <c>[DONE]</c> (which must end it).</summary>
    public async Task<List<JsonNode>> StreamAsync(string path, object body)
    {
        using var response = await Http.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n').Where(l => l.StartsWith("data: ")).Select(l => l[6..]).ToList();
        lines.Should().NotBeEmpty().And.EndWith("[DONE]");
        return lines.SkipLast(1).Select(l => JsonNode.Parse(l)!).ToList();
    }

    public async Task<JsonNode> HealthAsync() => JsonNode.Parse(await Http.GetStringAsync("/health"))!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    private static string WriteFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "r1-serving-tests-" + Guid.NewGuid().ToString("N")[..8], "tiny");
        var tokenizer = CharTokenizer.CreateDefault();
        using var policy = Policy.Create(ModelConfig.Tiny(tokenizer.VocabSize), tokenizer, new PolicyOptions { Seed = 3 });
        policy.Save(folder);
        return folder;
    }
}
