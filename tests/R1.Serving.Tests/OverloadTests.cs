using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace R1.Serving.Tests;

/// <summary>The request limit: past <see cref="ServerOptions.MaxConcurrentRequests"/>, requests are answered 429 with an OpenAI error body.</summary>
[TestFixture]
public sealed class OverloadTests
{
    [Test]
    public async Task Requests_over_the_limit_get_429_and_the_admitted_ones_are_answered()
    {
        // One request at a time; the admitted one waits 300 ms in the batch window, so the others arrive while it is in flight.
        await using var server = await TinyServer.StartAsync(o => { o.MaxConcurrentRequests = 1; o.BatchWindow = TimeSpan.FromMilliseconds(300); });
        var body = new { model = "tiny", messages = new[] { new { role = "user", content = "hi" } }, max_tokens = 4 };
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => server.Http.PostAsJsonAsync("/v1/chat/completions", body)));
        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        statuses.Should().Contain(200).And.Contain(429).And.OnlyContain(s => s == 200 || s == 429);
        var rejected = responses.First(r => (int)r.StatusCode == 429);
        var error = JsonNode.Parse(await rejected.Content.ReadAsStringAsync())!["error"]!;
        ((string)error["type"]!).Should().Be("rate_limit_exceeded");
        ((string)error["message"]!).Should().Contain("limit of 1");
        var health = await server.HealthAsync();
        ((long)health["batching"]!["rejected"]!).Should().Be(statuses.Count(s => s == 429));
        ((int)health["batching"]!["in_flight"]!).Should().Be(0);
        foreach (var r in responses) r.Dispose();
    }
}
