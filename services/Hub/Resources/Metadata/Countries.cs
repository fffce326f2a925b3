using System.Globalization;

namespace Federation.Hub.Resources.Metadata;

/// <summary>ISO 3166-1 alpha-2 country codes, as the platform's region data knows them.</summary>
public static class Countries
{
    public static bool IsKnown(string code)
    {
        if (code.Length != 2 || !code.All(char.IsAsciiLetterUpper))
        {
            return false;
        }

        try
        {
            return new RegionInfo(code).TwoLetterISORegionName == code;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
