using Microsoft.Extensions.AI;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Tests.Tokenization;
using R1.Rollout.Tokenization;

namespace R1.Rollout.Tests.ChatTemplates;

public sealed class ChatTemplateTests
{
    [Test]
    public void Templates_are_found_by_name()
    {
        ChatTemplate.FromName("R1-Zero").Should().BeOfType<R1ZeroChatTemplate>();
        ChatTemplate.FromName("deepseek-r1").Should().BeOfType<DeepSeekR1ChatTemplate>();
        ChatTemplate.FromName("chatml").Should().BeOfType<ChatMlTemplate>();
        var act = () => ChatTemplate.FromName("llama3");
        act.Should().Throw<ArgumentException>().WithMessage("*llama3*");
    }

    [Test]
    public void Each_tokenizer_gets_the_template_of_its_vocabulary()
    {
        ChatTemplate.For(TestTokenizers.Qwen3).Should().BeOfType<ChatMlTemplate>();
        ChatTemplate.For(TestTokenizers.DeepSeekV3).Should().BeOfType<DeepSeekR1ChatTemplate>();
        ChatTemplate.For(CharTokenizer.CreateDefault()).Should().BeOfType<R1ZeroChatTemplate>();
    }

    [TestCase("r1-zero")]
    [TestCase("deepseek-r1")]
    [TestCase("chatml")]
    [TestCase("none")]
    public void Every_template_rejects_contents_other_than_text(string name)
    {
        var message = new ChatMessage(ChatRole.User, [new TextContent("Look: "), new DataContent(new byte[] { 1, 2, 3 }, "image/png")]);
        var act = () => ChatTemplate.FromName(name).Render([message], addGenerationPrompt: true);
        act.Should().Throw<ArgumentException>().WithMessage("*message 0*DataContent*only text*");
    }

    [TestCase("r1-zero")]
    [TestCase("deepseek-r1")]
    [TestCase("chatml")]
    [TestCase("none")]
    public void Every_template_renders_the_concatenated_text_contents(string name)
    {
        var template = ChatTemplate.FromName(name);
        var split = new ChatMessage(ChatRole.User, [new TextContent("What is "), new TextContent("6*7?")]);
        template.Render([split], addGenerationPrompt: true).Should().Be(template.Render([new ChatMessage(ChatRole.User, "What is 6*7?")], true));
    }
}
