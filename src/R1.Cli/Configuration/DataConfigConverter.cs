using System.Text.Json;
using System.Text.Json.Serialization;

namespace R1.Cli.Configuration;

/// <summary>Reads <see cref="DataConfig"/> from a string (the path) or an object; writes it as an object.</summary>
internal sealed class DataConfigConverter : JsonConverter<DataConfig>
{
    public override DataConfig? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType == JsonTokenType.String) return new DataConfig { Path = reader.GetString() };
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("'data' must be a file path or an object with 'path' and field names.");
        var data = new DataConfig();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            reader.Read();
            Set(data, key, ref reader);
        }
        return data;
    }

    private static void Set(DataConfig data, string key, ref Utf8JsonReader reader)
    {
        string? text = reader.TokenType == JsonTokenType.Null ? null
            : reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        switch (key.ToLowerInvariant())
        {
            case "path": data.Path = text; break;
            case "format": data.Format = text; break;
            case "prompt": data.Prompt = text; break;
            case "answer": data.Answer = text; break;
            case "response": data.Response = text; break;
            case "tests": data.Tests = text; break;
            case "entrypoint": data.EntryPoint = text; break;
            case "id": data.Id = text; break;
            case "limit":
                data.Limit = reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : throw new JsonException("'data.limit' must be a number.");
                break;
            default:
                throw new JsonException($"Unknown key 'data.{key}' (expected path, format, prompt, answer, response, tests, entryPoint, id, limit).");
        }
    }

    public override void Write(Utf8JsonWriter writer, DataConfig value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, v) in new (string, string?)[]
                 {
                     ("path", value.Path), ("format", value.Format), ("prompt", value.Prompt), ("answer", value.Answer),
                     ("response", value.Response), ("tests", value.Tests), ("entryPoint", value.EntryPoint), ("id", value.Id),
                 })
            if (v is not null) writer.WriteString(name, v);
        if (value.Limit is { } limit) writer.WriteNumber("limit", limit);
        writer.WriteEndObject();
    }
}
