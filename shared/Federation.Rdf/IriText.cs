using System.Text;

namespace Federation.Rdf;

/// <summary>
/// What the RDF grammars allow inside an IRI. Turtle's and N-Triples' IRIREF forbids the characters below U+0021 and
/// <c>&lt;&gt;"{}|^`\</c>; JSON-LD and RDF/XML processors check IRIs as well. A value that holds one (a web address
/// typed with a space, a contact page with a brace) is written with those characters percent-encoded as UTF-8, which
/// is how RFC 3987 maps them to a URI: every writer prints the same IRI, and reading it back gives that IRI unchanged.
/// </summary>
public static class IriText
{
    public static bool IsForbidden(char c) => c <= ' ' || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\';

    /// <summary>An absolute IRI (a scheme, then anything) with no character the grammars forbid.</summary>
    public static bool IsValidAbsolute(string iri) => HasScheme(iri) && !iri.Any(IsForbidden) && !HasLoneSurrogate(iri);

    /// <summary>The IRI with every forbidden character (and any unpaired surrogate, as U+FFFD) percent-encoded.</summary>
    public static string Escape(string iri)
    {
        if (!iri.Any(IsForbidden) && !HasLoneSurrogate(iri))
        {
            return iri;
        }

        var escaped = new StringBuilder(iri.Length + 16);
        for (var i = 0; i < iri.Length; i++)
        {
            var c = iri[i];
            if (char.IsHighSurrogate(c) && i + 1 < iri.Length && char.IsLowSurrogate(iri[i + 1]))
            {
                escaped.Append(c).Append(iri[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                escaped.Append("%EF%BF%BD");
            }
            else if (IsForbidden(c))
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>A scheme as RFC 3986 spells it (a letter, then letters, digits, '+', '-' or '.'), then a colon.</summary>
    public static bool HasScheme(string iri)
    {
        var colon = iri.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && char.IsAsciiLetter(iri[0]) && iri.AsSpan(1, colon - 1).IndexOfAnyExcept(SchemeCharacters) < 0;
    }

    /// <summary>
    /// Resolves a reference against a base by RFC 3986, section 5.2, on the text as it is (no case folding, no
    /// percent-encoding of other characters, as other RDF tools resolve). Null when the reference is relative and
    /// there is no absolute base: the reader that met it says so.
    /// </summary>
    public static string? Resolve(string reference, string? baseIri)
    {
        if (HasScheme(reference))
        {
            return reference; // an absolute IRI is taken as written, as other RDF tools take it
        }

        if (baseIri is null || !HasScheme(baseIri))
        {
            return null;
        }

        var root = Split(baseIri);
        var target = Split(reference);
        string? authority, path, query;
        if (target.Authority is not null)
        {
            (authority, path, query) = (target.Authority, RemoveDotSegments(target.Path), target.Query);
        }
        else if (target.Path.Length == 0)
        {
            (authority, path, query) = (root.Authority, root.Path, target.Query ?? root.Query);
        }
        else
        {
            path = target.Path[0] == '/' ? RemoveDotSegments(target.Path)
                : RemoveDotSegments(root.Authority is not null && root.Path.Length == 0 ? "/" + target.Path : root.Path[..(root.Path.LastIndexOf('/') + 1)] + target.Path);
            (authority, query) = (root.Authority, target.Query);
        }

        return root.Scheme + ":" + (authority is null ? "" : "//" + authority) + path + (query is null ? "" : "?" + query) + (target.Fragment is null ? "" : "#" + target.Fragment);
    }

    // The five components of RFC 3986, appendix B: scheme, authority, path, query, fragment.
    private static (string? Scheme, string? Authority, string Path, string? Query, string? Fragment) Split(string iri)
    {
        string? fragment = null, query = null, scheme = null, authority = null;
        var hash = iri.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            (iri, fragment) = (iri[..hash], iri[(hash + 1)..]);
        }

        var question = iri.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            (iri, query) = (iri[..question], iri[(question + 1)..]);
        }

        if (HasScheme(iri))
        {
            var colon = iri.IndexOf(':', StringComparison.Ordinal);
            (scheme, iri) = (iri[..colon], iri[(colon + 1)..]);
        }

        if (iri.StartsWith("//", StringComparison.Ordinal))
        {
            var slash = iri.IndexOf('/', 2);
            (authority, iri) = slash < 0 ? (iri[2..], "") : (iri[2..slash], iri[slash..]);
        }

        return (scheme, authority, iri, query, fragment);
    }

    // RFC 3986, section 5.2.4.
    private static string RemoveDotSegments(string path)
    {
        var input = path;
        var output = new StringBuilder();
        while (input.Length > 0)
        {
            if (input.StartsWith("../", StringComparison.Ordinal))
            {
                input = input[3..];
            }
            else if (input.StartsWith("./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input.StartsWith("/./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input == "/.")
            {
                input = "/";
            }
            else if (input.StartsWith("/../", StringComparison.Ordinal) || input == "/..")
            {
                input = input == "/.." ? "/" : input[3..];
                var last = output.ToString().LastIndexOf('/');
                output.Length = Math.Max(0, last);
            }
            else if (input is "." or "..")
            {
                input = "";
            }
            else
            {
                var next = input.IndexOf('/', input[0] == '/' ? 1 : 0);
                var segment = next < 0 ? input : input[..next];
                output.Append(segment);
                input = input[segment.Length..];
            }
        }

        return output.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> SchemeCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
