namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>Maps character offsets of a template source to 1-based lines and columns.</summary>
internal sealed class JinjaSourcePosition
{
    private readonly List<int> _lineStarts = [0];

    public JinjaSourcePosition(string source)
    {
        for (int i = 0; i < source.Length; i++)
            if (source[i] == '\n') _lineStarts.Add(i + 1);
    }

    public (int Line, int Column) At(int offset)
    {
        int index = _lineStarts.BinarySearch(offset);
        int line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - _lineStarts[line] + 1);
    }
}
