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
    public void A_tokenizer_that_ships_a_template_gets_it()
    {
        var qwen = ChatTemplate.For(TestTokenizers.Qwen3).Should().BeOfType<JinjaChatTemplate>().Subject;
        qwen.Name.Should().Be(JinjaChatTemplate.CheckpointName);
        qwen.Source.Should().Contain("<|im_start|>");
        var deepSeek = ChatTemplate.For(TestTokenizers.DeepSeekV3).Should().BeOfType<JinjaChatTemplate>().Subject;
        deepSeek.BosToken.Should().Be(DeepSeekR1ChatTemplate.Bos);
        ChatTemplate.For(CharTokenizer.CreateDefault()).Should().BeOfType<R1ZeroChatTemplate>();
    }

    [TestCase("qwen3", typeof(ChatMlTemplate))]
    [TestCase("deepseek-v3", typeof(DeepSeekR1ChatTemplate))]
    public void Without_a_shipped_template_the_vocabulary_picks_the_hand_coded_one(string name, Type expected)
    {
        string dir = Path.Combine(Path.GetTempPath(), "r1-notemplate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.Copy(Path.Combine(TestTokenizers.Dir(name), HfTokenizer.TokenizerFileName), Path.Combine(dir, HfTokenizer.TokenizerFileName));
            var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(TestTokenizers.Dir(name), HfTokenizer.ConfigFileName)))!;
            config.AsObject().Remove("chat_template");
            File.WriteAllText(Path.Combine(dir, HfTokenizer.ConfigFileName), config.ToJsonString());
            ChatTemplate.FromFolder(dir).Should().BeNull();
            ChatTemplate.For(HfTokenizer.Load(dir)).Should().BeOfType(expected);
        }
        finally { Directory.Delete(dir, recursive: true); }
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
