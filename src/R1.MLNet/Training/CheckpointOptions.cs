namespace R1.MLNet.Training;

/// <summary>Where and how often a trainer writes checkpoints, and where it resumes from.</summary>
public sealed class CheckpointOptions
{
    /// <summary>
    /// Folder for checkpoints (<c>step-000040/</c>, each written atomically and complete only once its <c>manifest.json</c> of
    /// SHA-256 checksums is written; the frozen KL reference once beside them). One run per folder. Default none (no checkpoints).
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>Write a checkpoint every this many steps (and when the run stops early); 0 only when it stops early. Default 0.</summary>
    public int Every { get; set; }

    /// <summary>
    /// Resume from this checkpoint folder, or from the newest complete one in <see cref="Directory"/> when <c>latest</c> (newer
    /// damaged or partial folders are skipped with a warning). Default none.
    /// </summary>
    public string? ResumeFrom { get; set; }

    /// <summary>Keep only the newest this many checkpoints, deleting older ones after each write; 0 keeps all. Default 3.</summary>
    public int KeepLast { get; set; } = 3;

    /// <summary>A copy.</summary>
    public CheckpointOptions Clone() => (CheckpointOptions)MemberwiseClone();

    internal void Validate(string owner)
    {
        if (Every < 0) throw new ArgumentOutOfRangeException(nameof(Every), Every, $"{owner}.Checkpoints.Every must not be negative.");
        if (KeepLast < 0) throw new ArgumentOutOfRangeException(nameof(KeepLast), KeepLast, $"{owner}.Checkpoints.KeepLast must not be negative.");
        if (Every > 0 && string.IsNullOrWhiteSpace(Directory))
            throw new ArgumentException($"{owner}.Checkpoints.Every is set but {owner}.Checkpoints.Directory is not.");
        if (ResumeFrom == "latest" && string.IsNullOrWhiteSpace(Directory))
            throw new ArgumentException($"{owner}.Checkpoints.ResumeFrom = \"latest\" needs {owner}.Checkpoints.Directory.");
    }
}
