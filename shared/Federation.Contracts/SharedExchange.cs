namespace Federation.Contracts;

/// <summary>An exchange of the federation's vhost that the operator declares (durable, never deleted automatically).</summary>
public sealed record SharedExchange(string Name, string Type)
{
    public const string Fanout = "fanout";
    public const string Topic = "topic";
}
