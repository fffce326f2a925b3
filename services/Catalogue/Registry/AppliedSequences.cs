namespace Federation.Catalogue.Registry;

/// <summary>
/// Which of a hub's sequence numbers the catalogue has applied: everything up to <see cref="ContiguousThrough"/>,
/// plus ranges above it that arrived early. A range left pending means a gap: something in between is missing,
/// or is merely late. Events cover one number each; a resync page covers a whole range.
/// </summary>
public sealed class AppliedSequences
{
    public long ContiguousThrough { get; set; }

    public List<SequenceRange> Pending { get; set; } = [];

    public bool HasGap => Pending.Count > 0;

    public long HighestSeen => Pending.Count > 0 ? Pending[^1].Through : ContiguousThrough;

    public void Cover(long after, long through)
    {
        if (through <= ContiguousThrough || through <= after)
        {
            return;
        }

        if (after <= ContiguousThrough)
        {
            ContiguousThrough = through;
        }
        else
        {
            Insert(new SequenceRange(after, through));
        }

        // Pending ranges that now touch the contiguous prefix join it.
        while (Pending.Count > 0 && Pending[0].After <= ContiguousThrough)
        {
            ContiguousThrough = Math.Max(ContiguousThrough, Pending[0].Through);
            Pending.RemoveAt(0);
        }
    }

    private void Insert(SequenceRange range)
    {
        var merged = range;
        var kept = new List<SequenceRange>(Pending.Count + 1);
        foreach (var existing in Pending)
        {
            if (existing.Through < merged.After || existing.After > merged.Through)
            {
                kept.Add(existing);
            }
            else
            {
                merged = new SequenceRange(Math.Min(existing.After, merged.After), Math.Max(existing.Through, merged.Through));
            }
        }

        kept.Add(merged);
        kept.Sort((a, b) => a.After.CompareTo(b.After));
        Pending = kept;
    }
}
