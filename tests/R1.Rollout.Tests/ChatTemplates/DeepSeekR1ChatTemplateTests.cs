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
    private static ChatMessage Sys(string text) => new(ChatRole.System, text);
    private static ChatMessage User(string text) => new(ChatRole.User, text);
    private static ChatMessage Asst(string text) => new(ChatRole.Assistant, text);

    private static readonly (string Name, ChatMessage[] Messages, bool AddGenerationPrompt)[] Conversations =
    [
        ("user only", [User("What is 2+2?")], true),
        ("user only, no generation prompt", [User("What is 2+2?")], false),
        ("system and user", [Sys("You are a helpful assistant."), User("Solve x+3=5.")], true),
        ("multi-turn", [Sys("Be brief."), User("Hi"), Asst("Hello! How can I help?"), User("Add 17 and 25.")], true),
        ("reply with reasoning", [User("2+2?"), Asst("<think>\n2 plus 2 is 4.\n</think>\n\nThe answer is 4."), User("And 3+3?")], true),
        ("two replies with reasoning, ending with the assistant",
            [User("1+1?"), Asst("<think>one and one</think>2"), User("2+2?"), Asst("<think>\ntwo and two\n</think>\n4")], false),
        ("two system messages", [Sys("Rule one."), Sys("Rule two."), User("Go.")], true),
        ("system message after the user", [User("Question?"), Sys("Late instructions.")], true),
        ("multilingual and multi-line",
            [Sys("한국어로 답하세요."), User("제넷의 오리는 하루에 16개의 알을 낳습니다.\n몇 개일까요?"), Asst("16개입니다."), User("中文呢？😀")], true),
        ("empty contents", [Sys(""), User("")], true),
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
        new DeepSeekR1ChatTemplate().Render([User("Hi")], addGenerationPrompt: true)
            .Should().Be("<｜begin▁of▁sentence｜><｜User｜>Hi<｜Assistant｜><think>\n");
    }

    [Test]
    public void Rejects_unknown_roles_naming_them()
    {
        var act = () => new DeepSeekR1ChatTemplate().Render([new ChatMessage(ChatRole.Tool, "{}")], true);
        act.Should().Throw<ArgumentException>().WithMessage("*'tool'*");
    }
}
