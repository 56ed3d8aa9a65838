using Microsoft.Extensions.AI;
using R1.Rollout.ChatTemplates;
using R1.Rollout.Tests.Tokenization;
using R1.Rollout.Tokenization;

namespace R1.Rollout.Tests.ChatTemplates.Jinja;

/// <summary>How a checkpoint's template is found, fed and carried: folders, tokens, saving, and the hand-coded equivalents.</summary>
public sealed class JinjaChatTemplateTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), "r1-jinja-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    private static IReadOnlyList<ChatMessage> Chat(params (ChatRole Role, string Text)[] turns) =>
        turns.Select(t => new ChatMessage(t.Role, t.Text)).ToList();

    private void WriteConfig(string json) => File.WriteAllText(Path.Combine(_dir, HfTokenizer.ConfigFileName), json);

    [Test]
    public void Bos_and_eos_tokens_come_from_the_config_as_strings_or_added_token_objects()
    {
        WriteConfig("""
            { "bos_token": { "__type": "AddedToken", "content": "<s>" }, "eos_token": "</s>",
              "chat_template": "{{ bos_token }}{% for m in messages %}{{ m.role }}={{ m.content }}{{ eos_token }}{% endfor %}" }
            """);
        var template = ChatTemplate.FromFolder(_dir)!;
        template.Render(Chat((ChatRole.User, "hi"), (ChatRole.Assistant, "yo")), addGenerationPrompt: false)
            .Should().Be("<s>user=hi</s>assistant=yo</s>");
    }

    [Test]
    public void Tokens_the_config_does_not_name_stay_undefined_and_tools_is_none()
    {
        WriteConfig("""{ "chat_template": "{{ bos_token is defined }} {{ tools is none }} {{ add_generation_prompt }}" }""");
        ChatTemplate.FromFolder(_dir)!.Render(Chat((ChatRole.User, "x")), addGenerationPrompt: true).Should().Be("False True True");
    }

    [Test]
    public void Extra_variables_cannot_replace_what_the_template_is_given()
    {
        var act = () => new JinjaChatTemplate("x") { Variables = new Dictionary<string, object?> { ["messages"] = "spoofed" } };
        act.Should().Throw<ArgumentException>().WithMessage("*'messages' is set by the chat template itself*");
        var template = new JinjaChatTemplate("{{ greeting }} {{ n + 1 }}")
        {
            Variables = new Dictionary<string, object?> { ["greeting"] = "hi", ["n"] = 1 },
        };
        template.Render(Chat((ChatRole.User, "q")), false).Should().Be("hi 2");
    }

    [Test]
    public void Chat_template_jinja_overrides_the_config()
    {
        WriteConfig("""{ "chat_template": "from config" }""");
        File.WriteAllText(Path.Combine(_dir, "chat_template.jinja"), "from file {{ messages | length }}\n");
        ChatTemplate.FromFolder(_dir)!.Render(Chat((ChatRole.User, "x")), true).Should().Be("from file 1\n");
    }

    [Test]
    public void A_list_of_named_templates_uses_the_default_one()
    {
        WriteConfig("""{ "chat_template": [ { "name": "tool_use", "template": "tools" }, { "name": "default", "template": "plain" } ] }""");
        ChatTemplate.FromFolder(_dir)!.Source.Should().Be("plain");
        WriteConfig("""{ "chat_template": [ { "name": "tool_use", "template": "tools" } ] }""");
        var act = () => ChatTemplate.FromFolder(_dir);
        act.Should().Throw<InvalidDataException>().WithMessage("*tool_use*none is named 'default'*");
    }

    [Test]
    public void A_folder_without_template_has_none_and_a_missing_folder_is_an_error()
    {
        ChatTemplate.FromFolder(_dir).Should().BeNull();
        WriteConfig("""{ "eos_token": "</s>" }""");
        ChatTemplate.FromFolder(_dir).Should().BeNull();
        var act = () => ChatTemplate.FromFolder(Path.Combine(_dir, "missing"));
        act.Should().Throw<DirectoryNotFoundException>();
    }

    [Test]
    public void A_broken_shipped_template_fails_when_loaded_naming_line_and_column()
    {
        WriteConfig("""{ "chat_template": "ok\n{% for m in messages %}{{ m.content | nope }}{% endfor %}" }""");
        var act = () => ChatTemplate.FromFolder(_dir);
        act.Should().Throw<ChatTemplateException>().WithMessage("Chat template line 2, column *: no filter named 'nope'").Which.Line.Should().Be(2);
    }

    [Test]
    public void The_template_raising_an_exception_becomes_a_ChatTemplateException()
    {
        var template = new JinjaChatTemplate(
            "{% for m in messages %}{% if m.role == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}{% endfor %}ok");
        template.Render(Chat((ChatRole.User, "q")), true).Should().Be("ok");
        var act = () => template.Render(Chat((ChatRole.System, "s"), (ChatRole.User, "q")), true);
        var error = act.Should().Throw<ChatTemplateException>().WithMessage("*line 1, column *System role not supported").Which;
        error.RaisedByTemplate.Should().BeTrue();
    }

    [Test]
    public void Conversations_are_checked_before_rendering()
    {
        var template = new JinjaChatTemplate("{{ messages | length }}");
        var empty = () => template.Render([], true);
        empty.Should().Throw<ArgumentException>().WithMessage("*no messages*");
        var image = () => template.Render([new ChatMessage(ChatRole.User, [new DataContent(new byte[] { 1 }, "image/png")])], true);
        image.Should().Throw<ArgumentException>().WithMessage("*only text*");
        template.Render(Chat((ChatRole.Tool, "42")), false).Should().Be("1");
    }

    [Test]
    public void Saving_a_tokenizer_keeps_its_chat_template_jinja()
    {
        foreach (var name in new[] { HfTokenizer.TokenizerFileName, HfTokenizer.ConfigFileName })
            File.Copy(Path.Combine(TestTokenizers.Dir("qwen3"), name), Path.Combine(_dir, name));
        File.WriteAllText(Path.Combine(_dir, "chat_template.jinja"), "custom {{ messages[0].content }}");
        var tokenizer = HfTokenizer.Load(_dir);
        string copy = Path.Combine(_dir, "saved");
        tokenizer.Save(copy);
        var reloaded = ChatTemplate.For(HfTokenizer.Load(copy));
        reloaded.Render(Chat((ChatRole.User, "q")), true).Should().Be("custom q");
    }

    [Test]
    public void DeepSeek_V3_shipped_template_equals_the_hand_coded_one_without_forced_think()
    {
        var shipped = ChatTemplate.For(TestTokenizers.DeepSeekV3);
        var handCoded = new DeepSeekR1ChatTemplate(forceThink: false);
        foreach (var conversation in Jinja2Fixture.Conversations())
            foreach (bool add in new[] { false, true })
                handCoded.Render(conversation, add).Should().Be(shipped.Render(conversation, add));
    }

    [Test]
    public void Qwen3_shipped_template_equals_ChatML_for_conversations_ending_with_a_user_turn()
    {
        var shipped = ChatTemplate.For(TestTokenizers.Qwen3);
        var chatMl = new ChatMlTemplate();
        var endingWithUser = Jinja2Fixture.Conversations()
            .Where(c => c[^1].Role == ChatRole.User && !c.Any(m => m.Text.Contains("</think>"))).ToList();
        endingWithUser.Should().NotBeEmpty();
        foreach (var conversation in endingWithUser)
            chatMl.Render(conversation, addGenerationPrompt: true).Should().Be(shipped.Render(conversation, addGenerationPrompt: true));
    }

    [Test]
    public void A_prompt_format_over_the_shipped_template_renders_a_question()
    {
        var format = new PromptFormat(ChatTemplate.For(TestTokenizers.Qwen3));
        format.Render("What is 1+1?").Should().Be("<|im_start|>user\nWhat is 1+1?<|im_end|>\n<|im_start|>assistant\n");
    }
}
