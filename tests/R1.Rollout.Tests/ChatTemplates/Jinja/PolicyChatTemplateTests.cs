using Microsoft.Extensions.AI;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Models;
using R1.Rollout.Tests.Tokenization;
using R1.Rollout.Tokenization;

namespace R1.Rollout.Tests.ChatTemplates.Jinja;

/// <summary>A policy loaded from a folder that ships a chat template uses it; one without falls back to the hand-coded ones.</summary>
public sealed class PolicyChatTemplateTests
{
    private static ModelConfig Minimal(int vocab) => new()
    {
        ModelType = "qwen2", VocabSize = vocab, HiddenSize = 16, IntermediateSize = 32, NumHiddenLayers = 1,
        NumAttentionHeads = 2, NumKeyValueHeads = 1, MaxPositionEmbeddings = 64, RopeTheta = 10000, TieWordEmbeddings = true,
    };

    [Test]
    public void A_saved_and_reloaded_policy_keeps_the_checkpoint_template()
    {
        string dir = Path.Combine(Path.GetTempPath(), "r1-policy-template-" + Guid.NewGuid().ToString("N"));
        try
        {
            string source = TestTokenizers.Dir("deepseek-v3");
            using (var policy = Policy.Create(Minimal(TestTokenizers.DeepSeekV3.VocabSize), HfTokenizer.Load(source)))
            {
                policy.ChatTemplate.Should().BeOfType<JinjaChatTemplate>();
                policy.Save(dir);
            }
            using var loaded = Policy.Load(dir);
            var template = loaded.ChatTemplate.Should().BeOfType<JinjaChatTemplate>().Subject;
            template.Source.Should().Be(ChatTemplate.FromFolder(source)!.Source);
            var chat = new[] { new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "2+2?") };
            template.Render(chat, addGenerationPrompt: true).Should().Be("<｜begin▁of▁sentence｜>Be brief.<｜User｜>2+2?<｜Assistant｜>");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void A_character_tokenizer_policy_uses_the_R1_Zero_template()
    {
        var tokenizer = CharTokenizer.CreateDefault();
        using var policy = Policy.Create(Minimal(tokenizer.VocabSize), tokenizer);
        policy.ChatTemplate.Should().BeOfType<R1ZeroChatTemplate>();
    }
}
