namespace Federation.Contracts;

/// <summary>The name of the queue on which a hub takes requests addressed to it alone.</summary>
public static class HubQueues
{
    public static string For(string hubId) => $"hub-{hubId}";

    public static Uri AddressFor(string hubId) => new($"queue:{For(hubId)}");
}
