using Federation.Contracts.Serialization;
using Federation.Hub.Resources;

namespace Federation.Hub.Tests;

/// <summary>A feed change is stored by its wire name, the same words the feed table has always held.</summary>
public sealed class FeedChangeSpecs
{
    [Fact]
    public void Each_change_is_written_and_read_by_the_word_in_the_feed_table()
    {
        Assert.Equal(["published", "changed", "withdrawn"], Enum.GetValues<FeedChange>().Select(change => change.ToWireName()));
        Assert.All(Enum.GetValues<FeedChange>(), change =>
        {
            Assert.True(WireNames.TryParseWireName<FeedChange>(change.ToWireName(), out var read));
            Assert.Equal(change, read);
        });
    }
}
