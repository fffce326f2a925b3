using Federation.Catalogue.Registry;

namespace Federation.Catalogue.Tests;

public sealed class AppliedSequencesSpecs
{
    [Fact]
    public void Events_in_order_advance_the_contiguous_prefix()
    {
        var applied = new AppliedSequences();
        for (var sequence = 1; sequence <= 5; sequence++)
        {
            applied.Cover(sequence - 1, sequence);
        }

        Assert.Equal(5, applied.ContiguousThrough);
        Assert.False(applied.HasGap);
    }

    [Fact]
    public void An_event_past_a_hole_leaves_a_gap_until_the_hole_is_filled()
    {
        var applied = new AppliedSequences();
        applied.Cover(0, 1);
        applied.Cover(2, 3);
        applied.Cover(3, 4);

        Assert.Equal(1, applied.ContiguousThrough);
        Assert.True(applied.HasGap);
        Assert.Equal(4, applied.HighestSeen);

        applied.Cover(1, 2);

        Assert.Equal(4, applied.ContiguousThrough);
        Assert.False(applied.HasGap);
    }

    [Fact]
    public void A_resync_page_covers_a_whole_range_at_once()
    {
        var applied = new AppliedSequences();
        applied.Cover(0, 1);
        applied.Cover(9, 10);

        applied.Cover(1, 8);
        Assert.True(applied.HasGap);

        applied.Cover(8, 12);
        Assert.Equal(12, applied.ContiguousThrough);
        Assert.False(applied.HasGap);
    }

    [Fact]
    public void Duplicates_and_old_ranges_change_nothing()
    {
        var applied = new AppliedSequences();
        applied.Cover(0, 3);
        applied.Cover(1, 2);
        applied.Cover(0, 3);
        applied.Cover(5, 6);
        applied.Cover(5, 6);

        Assert.Equal(3, applied.ContiguousThrough);
        Assert.Single(applied.Pending);
    }

    [Fact]
    public void Overlapping_pending_ranges_merge()
    {
        var applied = new AppliedSequences();
        applied.Cover(10, 20);
        applied.Cover(15, 30);
        applied.Cover(30, 31);

        Assert.Equal([new SequenceRange(10, 31)], applied.Pending);
    }
}
