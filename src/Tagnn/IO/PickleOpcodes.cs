namespace Tagnn.IO;

/// <summary>Pickle opcode names (all protocols), for messages.</summary>
internal static class PickleOpcodes
{
    /// <summary>The name of a pickle opcode (all protocols), for messages.</summary>
    public static string Name(byte op)
    {
        var name = op switch
        {
            (byte)'(' => "MARK", (byte)'.' => "STOP", (byte)'0' => "POP", (byte)'1' => "POP_MARK", (byte)'2' => "DUP",
            (byte)'F' => "FLOAT", (byte)'I' => "INT", (byte)'J' => "BININT", (byte)'K' => "BININT1", (byte)'L' => "LONG",
            (byte)'M' => "BININT2", (byte)'N' => "NONE", (byte)'P' => "PERSID", (byte)'Q' => "BINPERSID", (byte)'R' => "REDUCE",
            (byte)'S' => "STRING", (byte)'T' => "BINSTRING", (byte)'U' => "SHORT_BINSTRING", (byte)'V' => "UNICODE",
            (byte)'X' => "BINUNICODE", (byte)'a' => "APPEND", (byte)'b' => "BUILD", (byte)'c' => "GLOBAL", (byte)'d' => "DICT",
            (byte)'}' => "EMPTY_DICT", (byte)'e' => "APPENDS", (byte)'g' => "GET", (byte)'h' => "BINGET", (byte)'i' => "INST",
            (byte)'j' => "LONG_BINGET", (byte)'l' => "LIST", (byte)']' => "EMPTY_LIST", (byte)'o' => "OBJ", (byte)'p' => "PUT",
            (byte)'q' => "BINPUT", (byte)'r' => "LONG_BINPUT", (byte)'s' => "SETITEM", (byte)'t' => "TUPLE",
            (byte)')' => "EMPTY_TUPLE", (byte)'u' => "SETITEMS", (byte)'G' => "BINFLOAT", 0x80 => "PROTO", 0x81 => "NEWOBJ",
            0x82 => "EXT1", 0x83 => "EXT2", 0x84 => "EXT4", 0x85 => "TUPLE1", 0x86 => "TUPLE2", 0x87 => "TUPLE3",
            0x88 => "NEWTRUE", 0x89 => "NEWFALSE", 0x8a => "LONG1", 0x8b => "LONG4", 0x8c => "SHORT_BINUNICODE",
            0x8d => "BINUNICODE8", 0x8e => "BINBYTES8", 0x8f => "EMPTY_SET", 0x90 => "ADDITEMS", 0x91 => "FROZENSET",
            0x92 => "NEWOBJ_EX", 0x93 => "STACK_GLOBAL", 0x94 => "MEMOIZE", 0x95 => "FRAME", 0x96 => "BYTEARRAY8",
            0x97 => "NEXT_BUFFER", 0x98 => "READONLY_BUFFER", (byte)'B' => "BINBYTES", (byte)'C' => "SHORT_BINBYTES",
            _ => null,
        };
        var shown = op is >= 0x20 and < 0x7f ? $"'{(char)op}' " : "";
        return name is null ? $"0x{op:x2} {shown}(unknown)" : $"{name} ({shown}0x{op:x2})";
    }
}
