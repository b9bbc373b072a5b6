namespace Tagnn.Model.Baselines;

/// <summary>The setting checks the baselines' specifications share (each throws <see cref="ArgumentException"/>
/// naming the setting).</summary>
internal static class BaselineChecks
{
    public static void ItemTable(int itemTableSize, int minimumItems)
    {
        if (itemTableSize < minimumItems + 1)
            throw new ArgumentException($"ItemTableSize must be at least {minimumItems + 1} (padding row + {minimumItems} item(s)), got {itemTableSize}.");
    }

    public static void Hidden(int hiddenSize)
    {
        if (hiddenSize < 1) throw new ArgumentException($"HiddenSize must be positive, got {hiddenSize}.");
    }

    public static void Dropout(string name, double p)
    {
        if (!(p is >= 0 and < 1)) throw new ArgumentException($"{name} must be in [0, 1), got {p}.");
    }
}
