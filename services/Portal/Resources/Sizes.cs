using System.Globalization;

namespace Federation.Portal.Resources;

/// <summary>File sizes as people read them: 1.4 MB rather than 1468006 bytes (decimal units, as file managers show).</summary>
public static class Sizes
{
    private static readonly string[] Units = ["B", "kB", "MB", "GB", "TB"];

    public static string Readable(long bytes)
    {
        double size = bytes;
        var unit = 0;
        while (size >= 1000 && unit < Units.Length - 1)
        {
            size /= 1000;
            unit++;
        }

        return unit == 0 ? $"{bytes.ToString("N0", CultureInfo.CurrentCulture)} B" : $"{size.ToString("0.#", CultureInfo.CurrentCulture)} {Units[unit]}";
    }
}
