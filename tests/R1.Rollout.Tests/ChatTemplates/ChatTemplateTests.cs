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
}
