import Foundation

/// Count, exact total, least and greatest of the amounts of one group of figures (one
/// currency of one summary group), added up as the figures are read.
struct AmountTally {
    private(set) var count = 1
    private(set) var total: Decimal
    private(set) var min: Decimal
    private(set) var max: Decimal

    init(_ amount: Decimal) {
        total = amount
        min = amount
        max = amount
    }

    mutating func add(_ amount: Decimal) {
        count += 1
        total += amount
        min = Swift.min(min, amount)
        max = Swift.max(max, amount)
    }
}
