using Microsoft.Extensions.AI;
using R1.Rollout.ChatTemplates;

namespace R1.Rollout.Tests.ChatTemplates;

/// <summary>ChatML against its documented format (the reference's Jinja engine cannot parse Qwen3's template).</summary>
public sealed class ChatMlTemplateTests
{
    [Test]
    public void Renders_each_message_and_the_generation_prompt()
    {
        var text = new ChatMlTemplate().Render(
            [
                new ChatMessage(ChatRole.System, "You are Qwen."), new ChatMessage(ChatRole.User, "2+2?"),
                new ChatMessage(ChatRole.Assistant, "4"), new ChatMessage(ChatRole.User, "3+3?"),
            ],
            addGenerationPrompt: true);
        text.Should().Be(
            "<|im_start|>system\nYou are Qwen.<|im_end|>\n" +
            "<|im_start|>user\n2+2?<|im_end|>\n" +
            "<|im_start|>assistant\n4<|im_end|>\n" +
            "<|im_start|>user\n3+3?<|im_end|>\n" +
            "<|im_start|>assistant\n");
    }

    [Test]
    public void Without_generation_prompt_ends_after_the_last_message()
    {
        new ChatMlTemplate().Render([new ChatMessage(ChatRole.User, "hi")], addGenerationPrompt: false)
            .Should().Be("<|im_start|>user\nhi<|im_end|>\n");
    }

    [Test]
    public void Tokenizes_to_single_chatml_tokens_with_qwen()
    {
        var tokenizer = R1.Rollout.Tests.Tokenization.TestTokenizers.Qwen3;
        var ids = tokenizer.Encode(new ChatMlTemplate().Render([new ChatMessage(ChatRole.User, "hi")], addGenerationPrompt: true));
        ids.Count(id => id == tokenizer.TokenToId("<|im_start|>")).Should().Be(2);
        ids.Count(id => id == tokenizer.TokenToId("<|im_end|>")).Should().Be(1);
    }

    [Test]
    public void Roles_are_matched_ignoring_case_and_rendered_in_lower_case()
    {
        new ChatMlTemplate().Render([new ChatMessage(new ChatRole("User"), "hi")], addGenerationPrompt: false)
            .Should().Be("<|im_start|>user\nhi<|im_end|>\n");
    }

    [Test]
    public void Rejects_an_empty_conversation()
    {
        var act = () => new ChatMlTemplate().Render([], addGenerationPrompt: true);
        act.Should().Throw<ArgumentException>().WithMessage("*no messages*");
    }
}
