/// A sum of money found in a document: its span (code points, end exclusive) and value.
public struct MoneyMatch: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var value: MoneyValue

    public init(start: Int, end: Int, value: MoneyValue) {
        self.start = start
        self.end = end
        self.value = value
    }
}

/// Settings for money recognition.
public struct MoneyOptions: Sendable {
    /// ISO 4217 code a bare `$` falls back to when the article names no dollar of its own.
    public var defaultDollar: String

    public init(defaultDollar: String = "USD") {
        self.defaultDollar = defaultDollar
    }
}

/// Finds and normalises sums of money. (Stub: replaced by the money grammar.)
public struct MoneyRecognizer: Sendable {
    public var options: MoneyOptions

    public init(options: MoneyOptions = MoneyOptions()) {
        self.options = options
    }

    public func recognize(_ document: Document) -> [MoneyMatch] {
        []
    }
}
