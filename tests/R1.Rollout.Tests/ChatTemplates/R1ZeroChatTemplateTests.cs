using Microsoft.Extensions.AI;
using R1.Rollout.ChatTemplates;

namespace R1.Rollout.Tests.ChatTemplates;

public sealed class R1ZeroChatTemplateTests
{
    private const string Expected =
        "A conversation between User and Assistant. The user asks a question, and the Assistant solves it. " +
        "The assistant first thinks about the reasoning process in the mind and then provides the user with the answer. " +
        "The reasoning process and answer are enclosed within <think> </think> and <answer> </answer> tags, respectively, " +
        "i.e., <think> reasoning process here </think> <answer> answer here </answer>. User: What is 6*7?. Assistant:";

    [Test]
    public void Renders_the_paper_prompt()
    {
        new R1ZeroChatTemplate().Render([new ChatMessage(ChatRole.User, "What is 6*7?")], addGenerationPrompt: true).Should().Be(Expected);
    }

    [Test]
    public void Without_generation_prompt_stops_after_the_question()
    {
        new R1ZeroChatTemplate().Render([new ChatMessage(ChatRole.User, "What is 6*7?")], addGenerationPrompt: false)
            .Should().Be(Expected[..^" Assistant:".Length]);
    }

    [Test]
    public void A_reply_follows_the_generation_prompt_directly()
    {
        ChatMessage[] conversation =
            [new ChatMessage(ChatRole.User, "What is 6*7?"), new ChatMessage(ChatRole.Assistant, " <think>6*7=42</think> <answer>42</answer>")];
        new R1ZeroChatTemplate().Render(conversation, addGenerationPrompt: false)
            .Should().Be(Expected + " <think>6*7=42</think> <answer>42</answer>");
    }

    [TestCase("system")]
    [TestCase("two users")]
    public void Rejects_conversations_it_cannot_express(string kind)
    {
        ChatMessage[] messages = kind == "system"
            ? [new ChatMessage(ChatRole.System, "Be nice."), new ChatMessage(ChatRole.User, "Hi")]
            : [new ChatMessage(ChatRole.User, "a"), new ChatMessage(ChatRole.User, "b")];
        var act = () => new R1ZeroChatTemplate().Render(messages, addGenerationPrompt: true);
        act.Should().Throw<ArgumentException>().WithMessage("r1-zero:*");
    }
}
