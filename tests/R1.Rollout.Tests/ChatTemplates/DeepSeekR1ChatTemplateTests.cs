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
        ("user only", [ChatMessage.User("What is 2+2?")], true),
        ("user only, no generation prompt", [ChatMessage.User("What is 2+2?")], false),
        ("system and user", [ChatMessage.System("You are a helpful assistant."), ChatMessage.User("Solve x+3=5.")], true),
        ("multi-turn", [ChatMessage.System("Be brief."), ChatMessage.User("Hi"), ChatMessage.Assistant("Hello! How can I help?"), ChatMessage.User("Add 17 and 25.")], true),
        ("reply with reasoning", [ChatMessage.User("2+2?"), ChatMessage.Assistant("<think>\n2 plus 2 is 4.\n</think>\n\nThe answer is 4."), ChatMessage.User("And 3+3?")], true),
        ("two replies with reasoning, ending with the assistant",
            [ChatMessage.User("1+1?"), ChatMessage.Assistant("<think>one and one</think>2"), ChatMessage.User("2+2?"), ChatMessage.Assistant("<think>\ntwo and two\n</think>\n4")], false),
        ("two system messages", [ChatMessage.System("Rule one."), ChatMessage.System("Rule two."), ChatMessage.User("Go.")], true),
        ("system message after the user", [ChatMessage.User("Question?"), ChatMessage.System("Late instructions.")], true),
        ("multilingual and multi-line", [ChatMessage.System("한국어로 답하세요."), ChatMessage.User("제넷의 오리는 하루에 16개의 알을 낳습니다.\n몇 개일까요?"), ChatMessage.Assistant("16개입니다."), ChatMessage.User("中文呢？😀")], true),
        ("empty contents", [ChatMessage.System(""), ChatMessage.User("")], true),
    ];

    private string[] _reference = null!;

    [OneTimeSetUp]
    public void RenderWithReference()
    {
        var conversations = Conversations.Select(c => new ReferenceTokenizer.Conversation(
            c.Messages.Select(m => new ReferenceTokenizer.Message(m.Role, m.Content)).ToArray(), c.AddGenerationPrompt)).ToArray();
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
        new DeepSeekR1ChatTemplate().Render([ChatMessage.User("Hi")], addGenerationPrompt: true)
            .Should().Be("<｜begin▁of▁sentence｜><｜User｜>Hi<｜Assistant｜><think>\n");
    }

    [Test]
    public void Rejects_unknown_roles_naming_them()
    {
        var act = () => new DeepSeekR1ChatTemplate().Render([new ChatMessage("tool", "{}")], true);
        act.Should().Throw<ArgumentException>().WithMessage("*'tool'*");
    }
}
