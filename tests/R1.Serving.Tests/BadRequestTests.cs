using System.ClientModel;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace R1.Serving.Tests;

/// <summary>Bad requests are answered 400 with OpenAI's error body <c>{"error":{"message","type","param","code"}}</c>.</summary>
[TestFixture]
public sealed class BadRequestTests
{
    private TinyServer _server = null!;

    [OneTimeSetUp] public async Task SetUp() => _server = await TinyServer.StartAsync();
    [OneTimeTearDown] public async Task TearDown() => await _server.DisposeAsync();

    private static object[] Messages => [new { role = "user", content = "hi" }];

    private static JsonNode Error(JsonNode body, string? param)
    {
        var error = body["error"]!;
        ((string)error["type"]!).Should().Be("invalid_request_error");
        ((string)error["message"]!).Should().NotBeNullOrWhiteSpace();
        error.AsObject().Select(p => p.Key).Should().BeEquivalentTo("message", "type", "param", "code");
        ((string?)error["param"]).Should().Be(param);
        return error;
    }

    [Test]
    public async Task An_unknown_model_is_refused_also_through_the_official_client()
    {
        var (status, body) = await _server.PostAsync("/v1/chat/completions", new { model = "gpt-4o", messages = Messages });
        status.Should().Be(400);
        ((string)Error(body, "model")["code"]!).Should().Be("model_not_found");
        var client = _server.OpenAi().GetChatClient("gpt-4o").AsIChatClient();
        var call = () => client.GetResponseAsync("hi");
        (await call.Should().ThrowAsync<ClientResultException>()).Which.Status.Should().Be(400);
    }

    [Test]
    public async Task Empty_messages_are_refused()
    {
        var (status, body) = await _server.PostAsync("/v1/chat/completions", new { model = "tiny", messages = Array.Empty<object>() });
        status.Should().Be(400);
        Error(body, "messages");
    }

    [Test]
    public async Task Max_tokens_over_the_context_window_is_refused()
    {
        var (status, body) = await _server.PostAsync("/v1/chat/completions", new { model = "tiny", messages = Messages, max_tokens = 5000 });
        status.Should().Be(400);
        var error = Error(body, "max_tokens");
        ((string)error["code"]!).Should().Be("context_length_exceeded");
        ((string)error["message"]!).Should().Contain("1024");
        var (completionStatus, completion) = await _server.PostAsync("/v1/completions", new { model = "tiny", prompt = "hi", max_tokens = 1024 });
        completionStatus.Should().Be(400);
        ((string)Error(completion, "max_tokens")["code"]!).Should().Be("context_length_exceeded");
    }

    [TestCase("temperature", 2.5)]
    [TestCase("top_p", 0.0)]
    [TestCase("n", 0)]
    [TestCase("max_tokens", 0)]
    public async Task Out_of_range_settings_are_refused(string field, double value)
    {
        var request = new JsonObject { ["model"] = "tiny", ["messages"] = JsonValue.Create(Messages), [field] = value };
        var (status, body) = await _server.PostAsync("/v1/chat/completions", request);
        status.Should().Be(400);
        Error(body, field);
    }

    [Test]
    public async Task Malformed_json_unknown_roles_and_bad_prompts_are_refused()
    {
        using var malformed = await _server.Http.PostAsync(
            "/v1/chat/completions", new StringContent("{\"model\":", Encoding.UTF8, "application/json"));
        ((int)malformed.StatusCode).Should().Be(400);
        Error(JsonNode.Parse(await malformed.Content.ReadAsStringAsync())!, null);
        var (roleStatus, role) = await _server.PostAsync(
            "/v1/chat/completions", new { model = "tiny", messages = new[] { new { role = "robot", content = "x" } } });
        roleStatus.Should().Be(400);
        Error(role, "messages[0].role");
        var (idStatus, ids) = await _server.PostAsync("/v1/completions", new { model = "tiny", prompt = new[] { 1, 999999 } });
        idStatus.Should().Be(400);
        Error(ids, "prompt");
        var (lpStatus, lp) = await _server.PostAsync("/v1/completions", new { model = "tiny", prompt = "x", logprobs = 50 });
        lpStatus.Should().Be(400);
        Error(lp, "logprobs");
    }
}
