namespace R1.Serving.Contracts;

/// <summary><c>stream_options</c>: whether the last chunk carries the usage.</summary>
internal sealed class StreamOptions
{
    public bool? IncludeUsage { get; set; }
}
