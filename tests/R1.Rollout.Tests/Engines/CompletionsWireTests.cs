using R1.Rollout.Engines;
using R1.Rollout.Generation;

namespace R1.Rollout.Tests.Engines;

/// <summary>The JSON the remote engine sends and reads, without a server.</summary>
public sealed class CompletionsWireTests
{
    [Test]
    public void The_request_carries_token_ids_n_seed_sampling_stop_and_asks_for_token_ids_with_logprobs()
    {
        var options = new SamplingOptions { MaxNewTokens = 7, Temperature = 0.7, TopP = 0.9, StopStrings = ["</answer>"] };
        var body = CompletionsWire.Body("m", [5, 6], 4, options, 12);
        var expected = System.Text.Json.Nodes.JsonNode.Parse(
            "{\"model\":\"m\",\"prompt\":[5,6],\"n\":4,\"max_tokens\":7,\"temperature\":0.7,\"top_p\":0.9,\"logprobs\":0," +
            "\"return_tokens_as_token_ids\":true,\"seed\":12,\"stop\":[\"</answer>\"]}");
        System.Text.Json.Nodes.JsonNode.DeepEquals(body, expected).Should().BeTrue(body.ToJsonString());
    }

    [Test]
    public void Choices_are_read_in_index_order_with_ids_log_probs_and_finish_reasons()
    {
        const string json = """
            {"choices":[
              {"index":1,"text":"b","finish_reason":"length","logprobs":{"tokens":["token_id:9","token_id:3"],"token_logprobs":[-0.5,-1.25]}},
              {"index":0,"text":"a","finish_reason":"stop","logprobs":{"tokens":["token_id:2"],"token_logprobs":[-0.125]}}]}
            """;
        var results = CompletionsWire.Parse(json, [1], 2);
        results[0].Should().BeEquivalentTo(new GenerationResult([1], [2], "a", [-0.125f], FinishReason.Stop));
        results[1].Should().BeEquivalentTo(new GenerationResult([1], [9, 3], "b", [-0.5f, -1.25f], FinishReason.Length));
    }

    [TestCase("""{"choices":[{"index":0,"text":"a","logprobs":{"tokens":["a"],"token_logprobs":[-1]}}]}""", "token_id:N")]
    [TestCase("""{"choices":[{"index":0,"text":"a","logprobs":null}]}""", "no logprobs")]
    [TestCase("""{"choices":[]}""", "0 choices for n = 1")]
    [TestCase("""{"error":{"message":"x"}}""", "no choices")]
    public void A_response_the_engine_cannot_use_is_a_clear_error(string json, string reason)
    {
        var act = () => CompletionsWire.Parse(json, [1], 1);
        act.Should().Throw<RolloutEngineException>().Which.Message.Should().Contain(reason);
    }
}
