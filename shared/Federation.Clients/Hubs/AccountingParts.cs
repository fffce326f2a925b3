using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Federation.Clients.Hubs;

/// <summary>
/// A scheduler's accounting file cut into parts a facility takes in one request each: the header line, then up to a
/// number of jobs. A facility numbers a part's lines from its header (line 1); <see cref="InFile"/> turns a refusal's
/// "Line 17" back into the file's own line number, so the person fixes the right line.
/// </summary>
public static partial class AccountingParts
{
    public const int DefaultLines = 50_000;

    public static async IAsyncEnumerable<AccountingPart> ReadAsync(TextReader reader, int linesPerPart, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(linesPerPart, 1);
        var header = await reader.ReadLineAsync(cancellationToken) ?? "";
        var firstLine = 2L;
        while (true)
        {
            var part = new StringBuilder(header).Append('\n');
            var lines = 0;
            while (lines < linesPerPart && await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                part.Append(line).Append('\n');
                lines++;
            }

            if (lines == 0)
            {
                yield break;
            }

            yield return new AccountingPart(part.ToString(), firstLine, lines);
            firstLine += lines;
        }
    }

    /// <summary>"Line 17: …" of the part that starts at the file's <paramref name="firstLine"/>, as the file's line.</summary>
    public static string InFile(string reason, long firstLine) =>
        firstLine == 2 ? reason : PartLine().Replace(reason, match => $"Line {long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + firstLine - 2}");

    [GeneratedRegex(@"Line (\d+)", RegexOptions.NonBacktracking)]
    private static partial Regex PartLine();
}

/// <summary>One part: its text (header included), the file's line number of its first job, and how many jobs it has.</summary>
public sealed record AccountingPart(string Text, long FirstLine, int Lines);
