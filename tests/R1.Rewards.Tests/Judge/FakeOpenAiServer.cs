using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;

namespace R1.Rewards.Tests.Judge;

/// <summary>
/// A loopback OpenAI-compatible chat-completions endpoint (HttpListener on 127.0.0.1, random port). Each request is answered
/// by <see cref="Reply"/>: a status code, the assistant's text, and an optional delay. Requests are counted.
/// </summary>
internal sealed class FakeOpenAiServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public FakeOpenAiServer(Func<string, (int Status, string Content, TimeSpan Delay)> reply)
    {
        Reply = reply;
        int port = FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/v1/");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Func<string, (int Status, string Content, TimeSpan Delay)> Reply { get; set; }

    public Uri BaseUri { get; }

    public int RequestCount => Volatile.Read(ref _requests);

    public List<string> Bodies { get; } = new();

    /// <summary>An <see cref="IChatClient"/> over this server through Microsoft.Extensions.AI.OpenAI, with the SDK's own retries off.</summary>
    public IChatClient CreateChatClient() =>
        new OpenAI.Chat.ChatClient("judge-model", new ApiKeyCredential("test-key"),
            new OpenAIClientOptions { Endpoint = BaseUri, RetryPolicy = new ClientRetryPolicy(maxRetries: 0) }).AsIChatClient();

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            string body = await reader.ReadToEndAsync();
            Interlocked.Increment(ref _requests);
            lock (Bodies) Bodies.Add(body);
            var (status, content, delay) = Reply(body);
            if (delay > TimeSpan.Zero) await Task.Delay(delay, _stop.Token);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            byte[] bytes = Encoding.UTF8.GetBytes(status == 200 ? Completion(content)
                : JsonSerializer.Serialize(new { error = new { message = content, type = "server_error" } }));
            await context.Response.OutputStream.WriteAsync(bytes, _stop.Token);
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client gave up (timeout) or the server is stopping.
        }
    }

    private static string Completion(string content) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = "judge-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = 50, completion_tokens = 1, total_tokens = 51 },
    });

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}
