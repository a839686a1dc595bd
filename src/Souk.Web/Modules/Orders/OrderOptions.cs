namespace Souk.Web.Modules.Orders;

/// <summary>
/// Buyer-protection rules (Carousell Protection), configurable under "Orders" in appsettings. Deadlines are stored on each
/// order when it enters a state, so a change of these settings applies to orders from then on.
/// </summary>
public sealed class OrderOptions
{
    /// <summary>A paid order the seller has not accepted within this is cancelled and refunded.</summary>
    public double AcceptDays { get; set; } = 3;
    /// <summary>An accepted order not shipped (or handed over) within this is cancelled and refunded.</summary>
    public double ShipDays { get; set; } = 3;
    /// <summary>A shipped order the buyer neither confirms nor disputes within this is released to the seller.</summary>
    public double AutoReleaseDays { get; set; } = 7;
    /// <summary>The platform fee on the amount released to a seller, in basis points (500 = 5 %), rounded down.</summary>
    public int PlatformFeeBasisPoints { get; set; } = 500;
    /// <summary>How often the deadline sweeper looks for due orders; 0 turns the background sweep off (tests sweep by hand).</summary>
    public double SweepSeconds { get; set; } = 30;

    /// <summary>The fee on a released amount (rounded down, so a seller is never charged a fraction of a minor unit extra).</summary>
    public long FeeOn(long releasedAmount) => releasedAmount * PlatformFeeBasisPoints / 10_000;
}
