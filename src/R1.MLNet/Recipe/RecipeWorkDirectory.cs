using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace R1.MLNet.Recipe;

/// <summary>
/// The recipe's work directory: one folder per stage (<c>0-base</c>, <c>1-cold-start</c>, <c>2-reasoning-rl</c>,
/// <c>3-rejection-sampling-sft</c>, <c>4-all-scenarios-rl</c>), each with <c>policy/</c>, the trainer's <c>checkpoints/</c> (and
/// stage 3's <c>samples.jsonl</c>) and, once the stage is complete, <c>stage.json</c>.
/// </summary>
internal sealed class RecipeWorkDirectory(string root, ILogger logger)
{
    public const string RecordFile = "stage.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public string StageFolder(RecipeStage stage) => Path.Combine(root, stage switch
    {
        RecipeStage.Base => "0-base",
        RecipeStage.ColdStart => "1-cold-start",
        RecipeStage.ReasoningRl => "2-reasoning-rl",
        RecipeStage.RejectionSamplingSft => "3-rejection-sampling-sft",
        RecipeStage.AllScenariosRl => "4-all-scenarios-rl",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown recipe stage."),
    });

    public string PolicyFolder(RecipeStage stage) => Path.Combine(StageFolder(stage), "policy");

    public string CheckpointFolder(RecipeStage stage) => Path.Combine(StageFolder(stage), "checkpoints");

    /// <summary>The completed stage's record, or <see langword="null"/> (with a warning) when it is missing, damaged or its policy changed.</summary>
    public RecipeStageRecord? TryLoad(RecipeStage stage)
    {
        string path = Path.Combine(StageFolder(stage), RecordFile);
        if (!File.Exists(path)) return null;
        try
        {
            var record = JsonSerializer.Deserialize<RecipeStageRecord>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException("the record is empty");
            if (record.Version != RecipeStageRecord.CurrentVersion || record.Stage != stage)
                throw new InvalidDataException($"it records stage {record.Stage} version {record.Version}");
            var actual = HashPolicy(PolicyFolder(stage));
            if (record.PolicyFiles.Count == 0 || !actual.OrderBy(p => p.Key).SequenceEqual(record.PolicyFiles.OrderBy(p => p.Key)))
                throw new InvalidDataException("the policy folder does not match the checksums in the record");
            return record;
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException or NotSupportedException)
        {
            logger.LogWarning("Recipe: the record of stage {Stage} ({Path}) is unusable ({Reason}); the stage runs again",
                stage, path, e.Message);
            return null;
        }
    }

    /// <summary>Writes the record last: to a temporary file, flushed, then moved over <c>stage.json</c>.</summary>
    public void Write(RecipeStageRecord record)
    {
        string path = Path.Combine(StageFolder(record.Stage), RecordFile), temp = path + ".tmp";
        var complete = record with { PolicyFiles = HashPolicy(PolicyFolder(record.Stage)) };
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, complete, Json);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Deletes the folders of every stage after <paramref name="stage"/>: they derive from a stage that runs again.</summary>
    public void ClearAfter(RecipeStage stage)
    {
        foreach (var later in Enum.GetValues<RecipeStage>().Where(s => s > stage))
        {
            string folder = StageFolder(later);
            if (!Directory.Exists(folder)) continue;
            logger.LogInformation("Recipe: removing {Folder}: it derives from stage {Stage}, which runs again", folder, stage);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, string> HashPolicy(string folder)
    {
        if (!Directory.Exists(folder)) throw new InvalidDataException($"the policy folder '{folder}' is missing");
        return Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToDictionary(f => Path.GetFileName(f), f =>
        {
            using var stream = File.OpenRead(f);
            return Convert.ToHexString(SHA256.HashData(stream));
        });
    }
}
