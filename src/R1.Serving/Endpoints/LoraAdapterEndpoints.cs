using System.Text.Json;
using Microsoft.AspNetCore.Http;
using R1.Serving.Contracts;
using R1.Serving.Hosting;

namespace R1.Serving.Endpoints;

/// <summary>
/// vLLM's runtime adapter endpoints: <c>POST /v1/load_lora_adapter</c> and <c>POST /v1/unload_lora_adapter</c>. They answer 200
/// with a short text, 400 when <see cref="ServerOptions.EnableLora"/> is off or the request is refused, 404 for an unknown name.
/// </summary>
internal sealed class LoraAdapterEndpoints(AdapterRegistry adapters, ServerOptions options)
{
    public async Task LoadAsync(HttpContext context)
    {
        var request = await Read(context);
        string path = Required(request.LoraPath, "lora_path");
        await adapters.LoadAsync(request.LoraName!, path, context.RequestAborted);
        await Results.Text($"Success: LoRA adapter '{request.LoraName}' added successfully.").ExecuteAsync(context);
    }

    public async Task UnloadAsync(HttpContext context)
    {
        var request = await Read(context);
        await adapters.UnloadAsync(request.LoraName!, context.RequestAborted);
        await Results.Text($"Success: LoRA adapter '{request.LoraName}' removed successfully.").ExecuteAsync(context);
    }

    private async Task<LoraAdapterRequest> Read(HttpContext context)
    {
        if (!options.EnableLora)
            throw OpenAiException.BadRequest("LoRA adapters are not enabled on this server (start it with EnableLora / --enable-lora).");
        var request = await JsonSerializer.DeserializeAsync<LoraAdapterRequest>(context.Request.Body, ServingJson.Options, context.RequestAborted)
                      ?? throw OpenAiException.BadRequest("The request body is empty.");
        Required(request.LoraName, "lora_name");
        return request;
    }

    private static string Required(string? value, string param) =>
        string.IsNullOrWhiteSpace(value) ? throw OpenAiException.BadRequest($"{param} is required.", param) : value;
}
