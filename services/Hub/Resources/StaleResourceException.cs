namespace Federation.Hub.Resources;

/// <summary>The stored resource moved on since this grain read it: another writer exists, which must not happen quietly.</summary>
[GenerateSerializer]
public sealed class StaleResourceException(Guid id, int expectedVersion)
    : Exception($"Resource {id} is no longer at version {expectedVersion} in the database.");
