using R1.Cli.Configuration;
using R1.Rollout;
using R1.Rollout.ChatTemplates;

namespace R1.Cli.Models;

/// <summary>The <c>template</c> key: how a question becomes the model input.</summary>
internal static class PromptFormats
{
    public static PromptFormat For(string? template, Policy policy)
    {
        if (template is null or "r1-zero") return PromptFormat.R1Zero;
        if (template == "model") return new PromptFormat(policy.ChatTemplate);
        try
        {
            return PromptFormat.FromName(template);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"template: {e.Message.Split(" (Parameter")[0]} Or 'model' for the checkpoint's own.", e);
        }
    }
}
