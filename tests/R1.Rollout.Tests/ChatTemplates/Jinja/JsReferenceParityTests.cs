using R1.Rollout.ChatTemplates;
using R1.Rollout.Tests.Tokenization;

namespace R1.Rollout.Tests.ChatTemplates.Jinja;

/// <summary>
/// Parity with the JavaScript references on the same conversations (multi-turn, system prompts, with and without the
/// generation prompt): <c>@lenml/tokenizers</c>' <c>apply_chat_template</c> for the templates its engine parses
/// (DeepSeek-V3/R1, Qwen2.5-Instruct, Llama-3.1-Instruct, Llama-3; it cannot parse Qwen3's nor R1-Distill's), and
/// <c>@huggingface/jinja</c> for all six.
/// </summary>
[NonParallelizable]
public sealed class JsReferenceParityTests
{
    private static readonly string[] Folders =
    [
        "testdata/tokenizers/qwen3", "testdata/tokenizers/deepseek-v3", "testdata/chat-templates/qwen2.5-instruct",
        "testdata/chat-templates/deepseek-r1-distill", "testdata/chat-templates/llama-3.1-instruct", "testdata/chat-templates/llama3-lenml",
    ];

    private static readonly string[] LenmlParses = ["deepseek-v3", "qwen2.5-instruct", "llama-3.1-instruct", "llama3-lenml"];

    private List<JinjaChatTemplate> _templates = null!;
    private List<(int Conversation, bool AddGenerationPrompt)> _cases = null!;
    private ReferenceChatTemplates.Result _reference = null!;

    [OneTimeSetUp]
    public void RunReferences()
    {
        _templates = Folders.Select(f => ChatTemplate.FromFolder(Path.Combine(TestPaths.RepoRoot, f))!).ToList();
        var conversations = Jinja2Fixture.Conversations();
        _cases = Enumerable.Range(0, conversations.Count).SelectMany(i => new[] { (i, false), (i, true) }).ToList();
        var requests = _cases.Select(c => new ReferenceTokenizer.Conversation(
            conversations[c.Conversation].Select(m => new ReferenceTokenizer.Message(m.Role.Value, m.Text)).ToList(),
            c.AddGenerationPrompt)).ToList();
        _reference = ReferenceChatTemplates.Run(
            _templates.Select(t => new ReferenceChatTemplates.Template(t.Source, t.BosToken, t.EosToken)).ToList(), requests);
    }

    [Test]
    public void Matches_lenml_apply_chat_template_where_its_engine_parses_the_template()
    {
        var parsed = Folders.Where((_, i) => _reference.Lenml.Errors[i] is null).Select(f => f.Split('/')[^1]);
        parsed.Should().BeEquivalentTo(LenmlParses, "these are the templates @lenml/tokenizers 3.7.2 can parse");
        AssertSame(_reference.Lenml);
    }

    [Test]
    public void Matches_huggingface_jinja_on_every_template()
    {
        _reference.HfJinja.Errors.Should().AllSatisfy(e => e.Should().BeNull());
        AssertSame(_reference.HfJinja);
    }

    private void AssertSame(ReferenceChatTemplates.EngineResult engine)
    {
        var conversations = Jinja2Fixture.Conversations();
        int compared = 0;
        for (int t = 0; t < _templates.Count; t++)
        {
            if (engine.Errors[t] is not null) continue;
            for (int c = 0; c < _cases.Count; c++)
            {
                var (conversation, add) = _cases[c];
                _templates[t].Render(conversations[conversation], add)
                    .Should().Be(engine.Renders[t][c], $"{Folders[t]}, conversation {conversation}, gen={add}");
                compared++;
            }
        }
        compared.Should().BeGreaterThan(0);
    }
}
