namespace Federation.Hub.Resources;

/// <summary>How a <see cref="FeedChange"/> is written in the feed table.</summary>
public static class FeedChanges
{
    public static string ToColumn(this FeedChange change) => change switch
    {
        FeedChange.Published => "published",
        FeedChange.Changed => "changed",
        FeedChange.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    public static FeedChange Parse(string column) => column switch
    {
        "published" => FeedChange.Published,
        "changed" => FeedChange.Changed,
        "withdrawn" => FeedChange.Withdrawn,
        _ => throw new InvalidDataException($"Unknown feed change '{column}'."),
    };
}
