import Foundation

extension Decimal {
    /// Exactly `description` (how amounts are keyed, stored and written), for a whole number
    /// that fits in Int64, as almost every amount is, without Foundation's formatter, which
    /// cost ~2.8 µs a call (a POST of the seed article made about 30). Anything else is
    /// `description` itself.
    public var plainDescription: String {
        if let whole = exactInt64 { return String(whole) }
        return description
    }

    /// The value when it is a whole number within Int64; nil otherwise (fractions, NaN, and
    /// magnitudes beyond Int64, where `int64Value` gives some other number: the check
    /// against the value itself catches those).
    public var exactInt64: Int64? {
        guard !isNaN else { return nil }
        let whole = NSDecimalNumber(decimal: self).int64Value
        return Decimal(whole) == self ? whole : nil
    }
}
