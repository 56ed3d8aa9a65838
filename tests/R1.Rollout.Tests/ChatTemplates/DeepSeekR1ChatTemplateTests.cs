using Microsoft.Extensions.AI;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Tests.Tokenization;

namespace R1.Rollout.Tests.ChatTemplates;

/// <summary>
/// Renders conversations with DeepSeek-V3's own chat_template (tokenizer_config.json) through @lenml/tokenizers in node,
/// once for the fixture, and compares with <see cref="DeepSeekR1ChatTemplate"/>.
/// </summary>
public sealed class DeepSeekR1ChatTemplateTests
{
    private static readonly (string Name, ChatMessage[] Messages, bool AddGenerationPrompt)[] Conversations =
    [
        ("user only", [new ChatMessage(ChatRole.User, "What is 2+2?")], true),
        ("user only, no generation prompt", [new ChatMessage(ChatRole.User, "What is 2+2?")], false),
        ("system and user", [new ChatMessage(ChatRole.System, "You are a helpful assistant."), new ChatMessage(ChatRole.User, "Solve x+3=5.")], true),
        ("multi-turn", [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Hi"), new ChatMessage(ChatRole.Assistant, "Hello! How can I help?"), new ChatMessage(ChatRole.User, "Add 17 and 25.")], true),
        ("reply with reasoning", [new ChatMessage(ChatRole.User, "2+2?"), new ChatMessage(ChatRole.Assistant, "<think>\n2 plus 2 is 4.\n</think>\n\nThe answer is 4."), new ChatMessage(ChatRole.User, "And 3+3?")], true),
        ("two replies with reasoning, ending with the assistant",
            [new ChatMessage(ChatRole.User, "1+1?"), new ChatMessage(ChatRole.Assistant, "<think>one and one</think>2"), new ChatMessage(ChatRole.User, "2+2?"), new ChatMessage(ChatRole.Assistant, "<think>\ntwo and two\n</think>\n4")], false),
        ("two system messages", [new ChatMessage(ChatRole.System, "Rule one."), new ChatMessage(ChatRole.System, "Rule two."), new ChatMessage(ChatRole.User, "Go.")], true),
        ("system message after the user", [new ChatMessage(ChatRole.User, "Question?"), new ChatMessage(ChatRole.System, "Late instructions.")], true),
        ("multilingual and multi-line", [new ChatMessage(ChatRole.System, "한국어로 답하세요."), new ChatMessage(ChatRole.User, "제넷의 오리는 하루에 16개의 알을 낳습니다.\n몇 개일까요?"), new ChatMessage(ChatRole.Assistant, "16개입니다."), new ChatMessage(ChatRole.User, "中文呢？😀")], true),
        ("empty contents", [new ChatMessage(ChatRole.System, ""), new ChatMessage(ChatRole.User, "")], true),
    ];

    private string[] _reference = null!;

    [OneTimeSetUp]
    public void RenderWithReference()
    {
        var conversations = Conversations.Select(c => new ReferenceTokenizer.Conversation(
            c.Messages.Select(m => new ReferenceTokenizer.Message(m.Role.Value, m.Text)).ToArray(), c.AddGenerationPrompt)).ToArray();
        _reference = ReferenceTokenizer.Run(TestPaths.TestData("tokenizers/deepseek-v3"), [], conversations).Chats;
        _reference.Should().HaveCount(Conversations.Length);
    }

    private static IEnumerable<TestCaseData> Cases => Conversations.Select((c, i) => new TestCaseData(i).SetArgDisplayNames(c.Name));

    [TestCaseSource(nameof(Cases))]
    public void Matches_the_reference_plus_the_forced_think(int i)
    {
        var (name, messages, addGenerationPrompt) = Conversations[i];
        string expected = _reference[i] + (addGenerationPrompt ? "<think>\n" : "");
        new DeepSeekR1ChatTemplate().Render(messages, addGenerationPrompt).Should().Be(expected, name);
    }

    [TestCaseSource(nameof(Cases))]
    public void Without_forced_think_matches_the_reference_exactly(int i)
    {
        var (name, messages, addGenerationPrompt) = Conversations[i];
        new DeepSeekR1ChatTemplate(forceThink: false).Render(messages, addGenerationPrompt).Should().Be(_reference[i], name);
    }

    [Test]
    public void Generation_prompt_opens_the_assistant_turn_with_think()
    {
        new DeepSeekR1ChatTemplate().Render([new ChatMessage(ChatRole.User, "Hi")], addGenerationPrompt: true)
            .Should().Be("<｜begin▁of▁sentence｜><｜User｜>Hi<｜Assistant｜><think>\n");
    }

    [Test]
    public void Rejects_unknown_roles_naming_them()
    {
        var act = () => new DeepSeekR1ChatTemplate().Render([new ChatMessage(ChatRole.Tool, "{}")], true);
        act.Should().Throw<ArgumentException>().WithMessage("*'tool'*");
    }
}
