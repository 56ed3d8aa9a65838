using R1.MLNet.Inference;
using R1.MLNet.Reason;

namespace R1.MLNet.Tests.Inference;

public class ParsedCompletionTests
{
    [TestCase("<think> 2 plus 2 </think> <answer> 4 </answer>", "2 plus 2", "4")]
    [TestCase(" add them</think><answer>4</answer>", "add them", "4")]       // prompt ended inside <think>
    [TestCase("<think>add</think> 4 ", "add", "4")]                           // no <answer> tags
    [TestCase("<think>still thinking", "still thinking", "")]                 // cut off
    [TestCase("no tags at all", "no tags at all", "")]
    [TestCase("<think>x</think><answer>5", "x", "5")]                         // unclosed answer
    public void Splits_reasoning_and_answer(string completion, string reasoning, string answer)
    {
        var parsed = ParsedCompletion.Parse(completion);
        parsed.Reasoning.Should().Be(reasoning);
        parsed.Answer.Should().Be(answer);
    }
}
