namespace Federation.Contracts;

/// <summary>The use of one resource, counted by the hub that holds it: how many people did each thing, never who.</summary>
/// <param name="Downloads">People who downloaded its files (anonymous downloads counted once a day).</param>
/// <param name="AccessRequests">People who asked for access to it.</param>
/// <param name="Introductions">People who asked for an introduction (expertise offers).</param>
public sealed record ResourceActivity(Guid ResourceId, long Downloads, long AccessRequests, long Introductions);
