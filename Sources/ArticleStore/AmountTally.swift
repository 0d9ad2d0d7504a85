import Foundation

/// Count, exact total, least and greatest of the amounts of one group of figures (one
/// currency of one summary group), added up as the figures are read.
///
/// Most stored amounts are whole numbers: those are added and compared as `Int64` while
/// the sum fits, and only the others (and a sum past `Int64`) go through `Decimal`, whose
/// arithmetic allocated on every addition and made a summary over 100,000 matching
/// figures cost ~0.4 s. The results are the same exact decimals.
struct AmountTally {
    private(set) var count = 0
    private var wholeTotal: Int64 = 0
    private var otherTotal: Decimal = 0
    private var wholeLeast: Int64?, wholeGreatest: Int64?
    private var otherLeast: Decimal?, otherGreatest: Decimal?

    init() {}

    /// Adds an amount as the store keeps it (`Decimal.description`).
    mutating func add(stored text: String) throws {
        if let whole = Decimal.storedInteger(text) { add(whole: whole) } else { add(try Decimal.stored(text)) }
    }

    mutating func add(_ amount: Decimal) {
        count += 1
        otherTotal += amount
        otherLeast = otherLeast.map { Swift.min($0, amount) } ?? amount
        otherGreatest = otherGreatest.map { Swift.max($0, amount) } ?? amount
    }

    private mutating func add(whole: Int64) {
        let (sum, overflow) = wholeTotal.addingReportingOverflow(whole)
        if overflow {
            otherTotal += Decimal(wholeTotal)
            wholeTotal = whole
        } else {
            wholeTotal = sum
        }
        count += 1
        wholeLeast = wholeLeast.map { Swift.min($0, whole) } ?? whole
        wholeGreatest = wholeGreatest.map { Swift.max($0, whole) } ?? whole
    }

    var total: Decimal { otherTotal + Decimal(wholeTotal) }
    var min: Decimal { Self.pick(wholeLeast, otherLeast, Swift.min) }
    var max: Decimal { Self.pick(wholeGreatest, otherGreatest, Swift.max) }

    private static func pick(_ whole: Int64?, _ other: Decimal?, _ choose: (Decimal, Decimal) -> Decimal) -> Decimal {
        switch (whole.map { Decimal($0) }, other) {
        case let (w?, o?): choose(w, o)
        case let (w?, nil): w
        case let (nil, o?): o
        case (nil, nil): 0
        }
    }
}
