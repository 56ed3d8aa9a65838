using System.Text;

namespace R1.Rollout.Tokenization;

/// <summary>
/// The GPT-2 byte-level alphabet used by byte-level BPE: every byte maps to one printable character
/// (printable Latin-1 bytes map to themselves, the others to U+0100 and up, so a space becomes <c>Ġ</c>).
/// </summary>
internal static class HfByteLevel
{
    private static readonly char[] ByteToChar = BuildByteToChar();
    private static readonly Dictionary<char, byte> CharToByte =
        Enumerable.Range(0, 256).ToDictionary(b => ByteToChar[b], b => (byte)b);

    private static char[] BuildByteToChar()
    {
        var map = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++)
        {
            bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map[b] = printable ? (char)b : (char)next++;
        }
        return map;
    }

    /// <summary>The byte-level form of <paramref name="text"/>: its UTF-8 bytes, one alphabet character each.</summary>
    public static string Encode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return string.Create(bytes.Length, bytes, (chars, b) => { for (int i = 0; i < b.Length; i++) chars[i] = ByteToChar[b[i]]; });
    }

    /// <summary>Appends the bytes a byte-level token stands for; false if it holds a character outside the alphabet.</summary>
    public static bool TryAppendBytes(string token, List<byte> bytes)
    {
        foreach (char c in token)
            if (!CharToByte.ContainsKey(c)) return false;
        foreach (char c in token) bytes.Add(CharToByte[c]);
        return true;
    }

    /// <summary>Decodes accumulated bytes as UTF-8; invalid sequences become U+FFFD (as in the reference decoders).</summary>
    public static string DecodeUtf8(List<byte> bytes) =>
        bytes.Count == 0 ? "" : Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes));
}
