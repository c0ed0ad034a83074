namespace MoviePipeline.Media;

/// <summary>
/// Gives each character of a cast one of <c>slotCount</c> choices (a look, a voice): each name starts from its stable
/// hash, and a name whose choice is taken moves on to the next free one, in name order. So, within one cast, nobody
/// shares a choice while there are enough of them, and the result depends only on the names.
/// </summary>
public static class CastAssignment
{
    /// <summary>Slot of every distinct (normalized) name in <paramref name="cast"/>.</summary>
    public static IReadOnlyDictionary<string, int> Assign(IEnumerable<string> cast, int slotCount, string salt)
    {
        ArgumentNullException.ThrowIfNull(cast);
        ArgumentOutOfRangeException.ThrowIfLessThan(slotCount, 1);
        var names = cast.Where(n => !string.IsNullOrWhiteSpace(n)).Select(StableHash.Normalize).Distinct().Order(StringComparer.Ordinal).ToList();
        var taken = new HashSet<int>();
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var slot = Preferred(name, slotCount, salt);
            if (taken.Count < slotCount)
            {
                while (!taken.Add(slot))
                    slot = (slot + 1) % slotCount;
            }

            result[name] = slot;
        }

        return result;
    }

    /// <summary>Slot of <paramref name="name"/> within <paramref name="cast"/>, or its own hash slot when it is not in the cast.</summary>
    public static int SlotOf(string name, IEnumerable<string>? cast, int slotCount, string salt)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = StableHash.Normalize(name);
        if (cast is not null && Assign(cast, slotCount, salt).TryGetValue(key, out var slot))
            return slot;
        return Preferred(key, slotCount, salt);
    }

    private static int Preferred(string name, int slotCount, string salt) => (int)(StableHash.Of(name, salt) % (ulong)slotCount);
}
