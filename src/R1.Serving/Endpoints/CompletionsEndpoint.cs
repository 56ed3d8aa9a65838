using System.Text.Json;
using Microsoft.AspNetCore.Http;
using R1.Rollout.Generation;
using R1.Serving.Batching;
using R1.Serving.Contracts;
using R1.Serving.Hosting;

namespace R1.Serving.Endpoints;

/// <summary>
/// <c>POST /v1/completions</c>: text or token-id prompts, <c>n</c> choices per prompt, and <c>logprobs</c> (tokens, token_logprobs,
/// top_logprobs, text_offset), all decoded in the shared batch.
/// </summary>
internal sealed class CompletionsEndpoint(ServedModel model, DecodeBatcher batcher, AdapterRegistry adapters, ServerOptions options)
{
    /// <summary>vLLM's default cap on <c>logprobs</c>.</summary>
    public const int MaxLogprobs = 20;

    public async Task HandleAsync(HttpContext context)
    {
        var request = await JsonSerializer.DeserializeAsync<CompletionRequest>(context.Request.Body, ServingJson.Options, context.RequestAborted)
                      ?? throw OpenAiException.BadRequest("The request body is empty.");
        var target = SamplingMapper.Target(request, model, adapters);
        var (prompts, rows) = Plan(request);
        var queue = target?.Batcher ?? batcher;
        string id = target?.Name ?? model.Id;
        if (!batcher.TryAdmit()) throw ChatCompletionsEndpoint.TooManyRequests(options);
        try
        {
            if (request.Stream == true)
            {
                await CompletionStream.WriteAsync(context, queue, id, rows);
                return;
            }
            var submission = new Submission(rows, request.Logprobs, null, context.RequestAborted);
            queue.Enqueue(submission);
            var results = await submission.Results.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsJsonAsync(Response(request, id, prompts, rows, results), ServingJson.Options);
        }
        finally { batcher.Release(); }
    }

    private (IReadOnlyList<IReadOnlyList<int>> Prompts, List<(IReadOnlyList<int>, SamplingOptions)> Rows) Plan(CompletionRequest request)
    {
        if (request.Stream == true && request.Logprobs is not null)
            throw OpenAiException.BadRequest("logprobs are not streamed; ask without stream.", "logprobs");
        if (request.Echo == true) throw OpenAiException.BadRequest("echo is not supported.", "echo");
        if (request.Logprobs is < 0 or > MaxLogprobs)
            throw OpenAiException.BadRequest($"logprobs must be between 0 and {MaxLogprobs} (got {request.Logprobs}).", "logprobs");
        int n = SamplingMapper.Choices(request, options.MaxChoices);
        var prompts = CompletionPrompts.Read(request.Prompt, model.Policy.Tokenizer);
        if (prompts.Count * n > options.MaxChoices)
            throw OpenAiException.BadRequest($"prompts × n must be at most {options.MaxChoices} (got {prompts.Count * n}).", "n");
        var rows = prompts.SelectMany(p => SamplingMapper.Map(request, request.MaxTokens, p.Count, n, model, options, "prompt")
            .Select(o => (p, o))).ToList();
        return (prompts, rows);
    }

    private TextCompletion Response(CompletionRequest request, string id, IReadOnlyList<IReadOnlyList<int>> prompts,
        List<(IReadOnlyList<int> Prompt, SamplingOptions Options)> rows, IReadOnlyList<GenerationResult> results)
    {
        var choices = results.Select((r, i) =>
        {
            string text = StopTextFilter.Final(r, rows[i].Options.StopStrings);
            var logprobs = request.Logprobs is null ? null
                : LegacyLogprobs.From(r, text, model.Policy.Tokenizer, request.ReturnTokensAsTokenIds == true);
            return new TextChoice(i, text, logprobs, ChatCompletionsEndpoint.Finish(r));
        }).ToList();
        var usage = new Usage(prompts.Sum(p => p.Count), results.Sum(r => r.CompletionIds.Count));
        return new TextCompletion("cmpl-" + Guid.NewGuid().ToString("N"), ChatCompletionsEndpoint.Now(), id, choices, usage);
    }
}
