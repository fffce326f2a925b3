using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Federation.Testing;

/// <summary>
/// Turns a genuine JWT into the forgeries an attacker would try: re-signed with their own key under the same key id,
/// a changed payload under the old signature, <c>alg: none</c>, or other claims signed with their own key.
/// </summary>
public static class ForgedTokens
{
    public static string Resigned(string token) => Sign(Header(token), Payload(token));

    public static string Tampered(string token, Action<JsonObject> change)
    {
        var parts = token.Split('.');
        var payload = Payload(token);
        change(payload);
        return $"{parts[0]}.{Encode(payload)}.{parts[2]}";
    }

    public static string Unsigned(string token)
    {
        var header = Header(token);
        header["alg"] = "none";
        return $"{Encode(header)}.{Encode(Payload(token))}.";
    }

    public static string WithClaims(string token, Action<JsonObject> change)
    {
        var payload = Payload(token);
        change(payload);
        return Sign(Header(token), payload);
    }

    public static JsonObject Payload(string token) => Decode(token.Split('.')[1]);

    private static JsonObject Header(string token) => Decode(token.Split('.')[0]);

    private static string Sign(JsonObject header, JsonObject payload)
    {
        using var attacker = RSA.Create(2048);
        var signingInput = $"{Encode(header)}.{Encode(payload)}";
        var signature = attacker.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    private static JsonObject Decode(string part)
    {
        var padded = part.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return JsonNode.Parse(Convert.FromBase64String(padded))!.AsObject();
    }

    private static string Encode(JsonObject json) => Base64Url(Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions())));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
