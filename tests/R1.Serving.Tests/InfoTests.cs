using Microsoft.Extensions.AI;
using R1.MLNet;
using R1.MLNet.Persistence;
using R1.Rollout;

namespace R1.Serving.Tests;

/// <summary><c>/v1/models</c>, <c>/health</c>, and serving a saved model (<c>.zip</c>).</summary>
[TestFixture]
public sealed class InfoTests
{
    [Test]
    public async Task Models_lists_the_served_model_and_health_reports_ok()
    {
        await using var server = await TinyServer.StartAsync();
        var models = await server.OpenAi().GetOpenAIModelClient().GetModelsAsync();
        models.Value.Select(m => m.Id).Should().Equal("tiny");
        models.Value[0].OwnedBy.Should().Be("r1mlnet");
        var health = await server.HealthAsync();
        ((string)health["status"]!).Should().Be("ok");
        ((string)health["model"]!).Should().Be("tiny");
        ((long)health["batching"]!["batches"]!).Should().Be(0);
    }

    [Test]
    public async Task A_saved_model_zip_is_served_under_its_file_name()
    {
        string zip = Path.Combine(Path.GetTempPath(), "r1-serving-" + Guid.NewGuid().ToString("N")[..8], "tiny-saved.zip");
        using (var policy = Policy.Load(TinyServer.ModelFolder)) ReasoningModel.Save(new PolicyTransformer(policy), zip);
        try
        {
            await using var server = await TinyServer.StartAsync(o => { o.ModelPath = zip; o.ModelId = null; });
            server.Server.ModelId.Should().Be("tiny-saved");
            var response = await server.OpenAi().GetChatClient("tiny-saved").AsIChatClient()
                .GetResponseAsync("hi", new ChatOptions { MaxOutputTokens = 6, Seed = 1 });
            response.Usage!.OutputTokenCount.Should().BeInRange(1, 6);
        }
        finally { Directory.Delete(Path.GetDirectoryName(zip)!, recursive: true); }
    }
}
