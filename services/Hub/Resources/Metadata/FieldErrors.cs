namespace Federation.Hub.Resources.Metadata;

/// <summary>Collects validation problems by the JSON path of their field, and checks the common shapes of values.</summary>
public sealed class FieldErrors
{
    public Dictionary<string, string[]> ByField { get; } = [];

    public bool Any => ByField.Count > 0;

    public void Fail(string field, string message) =>
        ByField[field] = ByField.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public string? Text(string? value, string field, int max, bool required = false)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Fail(field, $"'{field}' is required.");
            }

            return null;
        }

        if (text.Length > max)
        {
            Fail(field, $"'{field}' may have at most {max} characters; it has {text.Length}.");
        }
        else if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            Fail(field, $"'{field}' contains control characters.");
        }

        return text;
    }

    public string? OneOf(string? value, string field, IEnumerable<string> allowed, bool required = false)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Fail(field, $"'{field}' is required: one of {string.Join(", ", allowed)}.");
            }

            return null;
        }

        var match = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            Fail(field, $"Unknown {field} '{(text.Length > 40 ? text[..40] + "…" : text)}': use one of {string.Join(", ", allowed)}.");
        }

        return match;
    }

    public List<string> ListOf(IReadOnlyList<string?>? values, string field, int maxCount, Func<string?, string, string?> check)
    {
        var result = new List<string>();
        if (values is null)
        {
            return result;
        }

        if (values.Count > maxCount)
        {
            Fail(field, $"At most {maxCount} values for '{field}'; there are {values.Count}.");
            return result;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (check(values[i], $"{field}[{i}]") is { } value && !result.Contains(value))
            {
                result.Add(value);
            }
        }

        return result;
    }

    /// <summary>
    /// The items of a bounded list that pass <paramref name="check"/>, each checked under its own path
    /// (<c>field[i]</c>); a list longer than <paramref name="maxCount"/> is refused whole, with <paramref name="tooMany"/>.
    /// </summary>
    public List<TItem> Items<TInput, TItem>(IReadOnlyList<TInput>? inputs, string field, int maxCount, string tooMany, Func<TInput, string, TItem?> check)
        where TItem : class
    {
        var result = new List<TItem>();
        if (inputs is { Count: var count } && count > maxCount)
        {
            Fail(field, tooMany);
            return result;
        }

        for (var i = 0; i < (inputs?.Count ?? 0); i++)
        {
            if (check(inputs![i], $"{field}[{i}]") is { } item)
            {
                result.Add(item);
            }
        }

        return result;
    }

    /// <summary>An ISO 3166-1 alpha-2 country code, upper-cased.</summary>
    public string? Country(string? value, string field, bool required = false)
    {
        var code = value?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code))
        {
            if (required)
            {
                Fail(field, $"'{field}' is required: an ISO 3166-1 country code such as NL.");
            }

            return null;
        }

        if (!Countries.IsKnown(code))
        {
            Fail(field, $"'{code}' is not an ISO 3166-1 alpha-2 country code such as NL or DE.");
        }

        return code;
    }
}
