using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using R1.Rollout.Generation;
using R1.Serving.Batching;
using R1.Serving.Contracts;

namespace R1.Serving.Endpoints;

/// <summary>
/// A streamed text completion: <c>data: {text_completion}</c> events with each choice's new text (stop strings held back and
/// left out), the last one of a choice with its <c>finish_reason</c>, then <c>data: [DONE]</c>.
/// </summary>
internal static class CompletionStream
{
    public static async Task WriteAsync(HttpContext context, DecodeBatcher batcher, string modelId,
        List<(IReadOnlyList<int> Prompt, SamplingOptions Options)> rows)
    {
        var ct = context.RequestAborted;
        var pieces = Channel.CreateUnbounded<(int Choice, string Text)>(new UnboundedChannelOptions { SingleReader = true });
        var submission = new Submission(rows, null, (i, text) => pieces.Writer.TryWrite((i, text)), ct);
        _ = submission.Results.ContinueWith(_ => pieces.Writer.TryComplete(), TaskScheduler.Default);
        batcher.Enqueue(submission);
        var filters = rows.Select(r => new StopTextFilter(r.Options.StopStrings)).ToArray();
        string id = "cmpl-" + Guid.NewGuid().ToString("N");
        long created = ChatCompletionsEndpoint.Now();
        TextCompletion Chunk(int i, string text, string? finish) => new(id, created, modelId, [new TextChoice(i, text, null, finish)], null);
        await ServerSentEvents.StartAsync(context.Response);
        await foreach (var (i, text) in pieces.Reader.ReadAllAsync(ct))
            if (filters[i].Append(text) is { Length: > 0 } safe)
                await ServerSentEvents.WriteAsync(context.Response, Chunk(i, safe, null), ct);
        var results = await submission.Results.WaitAsync(ct);
        for (int i = 0; i < results.Count; i++)
        {
            string rest = filters[i].Finish(results[i]);
            await ServerSentEvents.WriteAsync(context.Response, Chunk(i, rest, ChatCompletionsEndpoint.Finish(results[i])), ct);
        }
        await ServerSentEvents.DoneAsync(context.Response, ct);
    }
}
