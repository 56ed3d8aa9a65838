using System.Globalization;
using System.Text;

namespace R1.Rollout.ChatTemplates.Jinja;

/// <summary>
/// Splits a template into text and tag tokens the way Hugging Face renders chat templates: Jinja2 with
/// <c>trim_blocks</c> (the first newline after a block or comment tag is dropped) and <c>lstrip_blocks</c> (spaces and tabs
/// before a block or comment tag at the start of a line are dropped), plus the explicit <c>-</c> / <c>+</c> whitespace control.
/// </summary>
internal sealed class JinjaLexer
{
    private static readonly string[] Operators =
        ["//", "**", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "~", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|", "="];

    private readonly string _src;
    private readonly JinjaSourcePosition _positions;
    private readonly List<JinjaToken> _tokens = [];
    private int _pos;
    private bool _stripNextText;   // the previous tag ended with '-'
    private bool _trimNextNewline; // the previous tag was a block or comment (trim_blocks)

    private JinjaLexer(string source)
    {
        _src = source;
        _positions = new JinjaSourcePosition(source);
    }

    public static IReadOnlyList<JinjaToken> Tokenize(string source)
    {
        var lexer = new JinjaLexer(source);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        while (_pos < _src.Length)
        {
            int open = NextTagStart(_pos);
            string text = _src[_pos..(open < 0 ? _src.Length : open)];
            int textStart = _pos;
            if (open < 0) { EmitText(text, textStart, null, _src.Length); break; }
            char kind = _src[open + 1];
            char control = open + 2 < _src.Length ? _src[open + 2] : '\0';
            EmitText(text, textStart, control == '-' ? '-' : kind == '{' ? null : control == '+' ? '+' : 'l', open);
            _pos = open + 2 + (control is '-' or '+' ? 1 : 0);
            if (kind == '#') SkipComment(open);
            else LexTag(open, kind == '{');
        }
        _tokens.Add(Token(JinjaTokenKind.End, "", _src.Length));
    }

    private int NextTagStart(int from)
    {
        for (int i = _src.IndexOf('{', from); i >= 0 && i + 1 < _src.Length; i = _src.IndexOf('{', i + 1))
            if (_src[i + 1] is '{' or '%' or '#') return i;
        return -1;
    }

    // leftControl: '-' strips all whitespace before the tag, 'l' applies lstrip_blocks, '+' or null leaves the text alone.
    private void EmitText(string text, int start, char? leftControl, int tagOffset)
    {
        if (_stripNextText) text = text.TrimStart();
        else if (_trimNextNewline) text = text.StartsWith("\r\n", StringComparison.Ordinal) ? text[2..] : text.StartsWith('\n') ? text[1..] : text;
        (_stripNextText, _trimNextNewline) = (false, false);
        if (leftControl == '-') text = text.TrimEnd();
        else if (leftControl == 'l') text = StripLineIndent(text, tagOffset);
        if (text.Length > 0) _tokens.Add(Token(JinjaTokenKind.Text, text, start));
    }

    // lstrip_blocks: drop the spaces and tabs between the start of the line and the tag, if nothing else is there.
    private string StripLineIndent(string text, int tagOffset)
    {
        int i = text.Length;
        while (i > 0 && text[i - 1] is ' ' or '\t') i--;
        int indentStart = tagOffset - (text.Length - i);
        bool lineStart = indentStart == 0 || _src[indentStart - 1] == '\n';
        return lineStart ? text[..i] : text;
    }

    private void SkipComment(int open)
    {
        int end = _src.IndexOf("#}", _pos, StringComparison.Ordinal);
        if (end < 0) throw Error("the comment is never closed ('#}' missing)", open);
        _stripNextText = end > _pos && _src[end - 1] == '-';
        _trimNextNewline = !_stripNextText;
        _pos = end + 2;
    }

    private void LexTag(int open, bool variable)
    {
        _tokens.Add(Token(variable ? JinjaTokenKind.VariableStart : JinjaTokenKind.BlockStart, variable ? "{{" : "{%", open));
        string close = variable ? "}}" : "%}";
        int depth = 0;
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _src.Length) throw Error($"the tag is never closed ('{close}' missing)", open);
            if (depth == 0 && TryCloseTag(close, variable)) return;
            char c = _src[_pos];
            if (c is '\'' or '"') LexString();
            else if (char.IsAsciiDigit(c)) LexNumber();
            else if (char.IsAsciiLetter(c) || c == '_') LexName();
            else depth = LexOperator(depth);
        }
    }

    private bool TryCloseTag(string close, bool variable)
    {
        int at = _pos;
        char control = _src[at] is '-' or '+' ? _src[at] : '\0';
        if (control != '\0') at++;
        if (string.CompareOrdinal(_src, at, close, 0, 2) != 0) return false;
        _tokens.Add(Token(variable ? JinjaTokenKind.VariableEnd : JinjaTokenKind.BlockEnd, close, _pos));
        _pos = at + 2;
        _stripNextText = control == '-';
        _trimNextNewline = !variable && control == '\0';
        return true;
    }

    private void SkipWhitespace()
    {
        while (_pos < _src.Length && char.IsWhiteSpace(_src[_pos])) _pos++;
    }

    private void LexName()
    {
        int start = _pos;
        while (_pos < _src.Length && (char.IsAsciiLetterOrDigit(_src[_pos]) || _src[_pos] == '_')) _pos++;
        _tokens.Add(Token(JinjaTokenKind.Name, _src[start.._pos], start));
    }

    private void LexNumber()
    {
        int start = _pos;
        SkipDigits();
        bool isFloat = false;
        if (_pos + 1 < _src.Length && _src[_pos] == '.' && char.IsAsciiDigit(_src[_pos + 1])) { _pos++; SkipDigits(); isFloat = true; }
        if (_pos < _src.Length && _src[_pos] is 'e' or 'E')
        {
            int mark = _pos++;
            if (_pos < _src.Length && _src[_pos] is '+' or '-') _pos++;
            if (_pos < _src.Length && char.IsAsciiDigit(_src[_pos])) { SkipDigits(); isFloat = true; }
            else _pos = mark;
        }
        string text = _src[start.._pos].Replace("_", "");
        _tokens.Add(Token(isFloat ? JinjaTokenKind.Float : JinjaTokenKind.Integer, text, start));
    }

    private void SkipDigits()
    {
        while (_pos < _src.Length && (char.IsAsciiDigit(_src[_pos]) || (_src[_pos] == '_' && IsDigitAt(_pos + 1)))) _pos++;
    }

    private bool IsDigitAt(int i) => i < _src.Length && char.IsAsciiDigit(_src[i]);

    private int LexOperator(int depth)
    {
        foreach (string op in Operators)
        {
            if (string.CompareOrdinal(_src, _pos, op, 0, op.Length) != 0) continue;
            _tokens.Add(Token(JinjaTokenKind.Operator, op, _pos));
            _pos += op.Length;
            return op is "(" or "[" or "{" ? depth + 1 : op is ")" or "]" or "}" ? Math.Max(0, depth - 1) : depth;
        }
        throw Error($"unexpected character '{_src[_pos]}'", _pos);
    }

    private void LexString()
    {
        int start = _pos;
        char quote = _src[_pos++];
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _src.Length) throw Error("the string literal is never closed", start);
            char c = _src[_pos++];
            if (c == quote) break;
            if (c != '\\' || _pos >= _src.Length) { sb.Append(c); continue; }
            AppendEscape(sb, start);
        }
        _tokens.Add(Token(JinjaTokenKind.String, sb.ToString(), start));
    }

    // Python's unicode-escape rules, as Jinja2 applies them to string literals; unknown escapes stay as written.
    private void AppendEscape(StringBuilder sb, int start)
    {
        char e = _src[_pos++];
        switch (e)
        {
            case 'n': sb.Append('\n'); break;
            case 't': sb.Append('\t'); break;
            case 'r': sb.Append('\r'); break;
            case '0': sb.Append('\0'); break;
            case 'a': sb.Append('\a'); break;
            case 'b': sb.Append('\b'); break;
            case 'f': sb.Append('\f'); break;
            case 'v': sb.Append('\v'); break;
            case '\\' or '\'' or '"': sb.Append(e); break;
            case '\n': break;
            case 'x': sb.Append(HexEscape(2, start)); break;
            case 'u': sb.Append(HexEscape(4, start)); break;
            case 'U': sb.Append(HexEscape(8, start)); break;
            default: sb.Append('\\').Append(e); break;
        }
    }

    private string HexEscape(int digits, int start)
    {
        if (_pos + digits > _src.Length
            || !int.TryParse(_src.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code)
            || code > 0x10FFFF)
            throw Error($"invalid \\{(digits == 2 ? 'x' : digits == 4 ? 'u' : 'U')} escape in a string literal", start);
        _pos += digits;
        return char.ConvertFromUtf32(code);
    }

    private JinjaToken Token(JinjaTokenKind kind, string value, int offset)
    {
        var (line, column) = _positions.At(offset);
        return new JinjaToken(kind, value, line, column);
    }

    private ChatTemplateException Error(string message, int offset)
    {
        var (line, column) = _positions.At(offset);
        return new ChatTemplateException(message, line, column);
    }
}
