using Microsoft.Extensions.AI;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Tokenization;

namespace R1.Rollout.Tests.Tokenization;

public sealed class CharTokenizerTests
{
    [Test]
    public void Round_trips_text_and_special_tokens()
    {
        var t = CharTokenizer.CreateDefault();
        const string text = "<think>12+30=42</think> <answer>42</answer>";
        var ids = t.Encode(text);
        ids[0].Should().Be(t.SpecialTokens.ToList().IndexOf("<think>"));
        ids.Should().HaveCount(text.Length - "<think></think><answer></answer>".Length + 4);
        t.Decode(ids).Should().Be(text);
        t.Decode(ids, skipSpecialTokens: true).Should().Be("12+30=42 42");
    }

    [Test]
    public void Unknown_characters_become_unk()
    {
        var t = CharTokenizer.CreateDefault();
        t.Decode(t.Encode("a€b")).Should().Be("a<unk>b");
    }

    [Test]
    public void Save_and_load_give_the_same_tokenizer()
    {
        var t = CharTokenizer.CreateDefault();
        string dir = Path.Combine(Path.GetTempPath(), "r1-char-" + Guid.NewGuid().ToString("N"));
        try
        {
            t.Save(dir);
            var loaded = TokenizerFiles.Load(dir);
            loaded.Should().BeOfType<CharTokenizer>();
            loaded.VocabSize.Should().Be(t.VocabSize);
            loaded.EosIds.Should().Equal(t.EosIds);
            loaded.PadId.Should().Be(t.PadId);
            loaded.BosId.Should().Be(t.BosId);
            const string text = "x = (3*4) - 5; <answer>7</answer>";
            loaded.Encode(text).Should().Equal(t.Encode(text));
            loaded.Decode(loaded.Encode(text)).Should().Be(text);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
    }

    [Test]
    public void The_R1_Zero_preamble_can_be_one_token_and_the_rest_of_the_template_stays_characters()
    {
        var t = CharTokenizer.CreateDefault(R1ZeroChatTemplate.Preamble);
        string prompt = new R1ZeroChatTemplate().Render([new ChatMessage(ChatRole.User, "3+4*5")], addGenerationPrompt: true);

        var ids = t.Encode(prompt);

        ids[0].Should().Be(t.SpecialTokens.ToList().IndexOf(R1ZeroChatTemplate.Preamble));
        ids.Should().HaveCount(1 + " User: 3+4*5. Assistant:".Length);
        t.Decode(ids).Should().Be(prompt);
        t.Decode(ids, skipSpecialTokens: true).Should().Be(" User: 3+4*5. Assistant:");
        t.Encode("Assistant").Should().HaveCount("Assistant".Length, "a word that merely starts like a special token stays characters");
    }
}
