using System.Text;

namespace Federation.Cli.Import;

/// <summary>
/// The text of an import file: UTF-8 (a byte order mark skipped) when it is that; otherwise Windows-1252, which is
/// what Excel's "CSV (semicolon separated)" writes on a Dutch Windows machine, said in a note rather than read with
/// replacement characters in place of every é.
/// </summary>
public static class ImportText
{
    static ImportText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (string Text, string? Note) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF'), null);
        }
        catch (DecoderFallbackException)
        {
            return (Encoding.GetEncoding(1252).GetString(bytes),
                $"{Path.GetFileName(path)} is not UTF-8; it was read as Windows-1252 (what Excel writes on Windows). Save it as \"CSV UTF-8\" to be sure.");
        }
    }
}
