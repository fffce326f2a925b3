using System.Text.RegularExpressions;
using Npgsql;

namespace Federation.Catalogue.Search;

/// <summary>
/// Typo tolerance where it is cheap: only for a search that found nothing, each word of its text that no published
/// resource has ever used is replaced by the most similar word that one has (trigram similarity over the
/// vocabulary table, through its trigram index). Prefix terms (<c>word*</c>) and short words are left as typed.
/// </summary>
public sealed partial class SpellingCorrection(NpgsqlDataSource database)
{
    private const int ShortestCorrected = 4;

    /// <summary>The text with its unknown words corrected, or null when there is nothing to correct.</summary>
    public async Task<string?> CorrectAsync(string text, CancellationToken cancellationToken)
    {
        bool Correctable(Match word) =>
            word.Length >= ShortestCorrected && (word.Index + word.Length == text.Length || text[word.Index + word.Length] != '*');
        var words = Word().Matches(text).Where(Correctable).Select(match => match.Value.ToLowerInvariant()).Distinct().ToArray();
        if (words.Length == 0)
        {
            return null;
        }

        await using var command = database.CreateCommand("""
            SELECT q.word, (SELECT w.word FROM catalogue_search_words w WHERE w.word % q.word
                             ORDER BY similarity(w.word, q.word) DESC, w.word LIMIT 1)
              FROM unnest($1::text[]) AS q(word)
             WHERE NOT EXISTS (SELECT 1 FROM catalogue_search_words k WHERE k.word = q.word)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = words });
        var corrections = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!reader.IsDBNull(1))
                {
                    corrections[reader.GetString(0)] = reader.GetString(1);
                }
            }
        }

        return corrections.Count == 0 ? null
            : Word().Replace(text, match => Correctable(match) && corrections.TryGetValue(match.Value, out var correction) ? correction : match.Value);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
