/// A date expression found in a document: its span (code points, end exclusive) and value.
public struct DateMatch: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var value: DateValue

    public init(start: Int, end: Int, value: DateValue) {
        self.start = start
        self.end = end
        self.value = value
    }
}

/// Which way numeric dates such as `3/4/24` are read when both readings are valid.
public enum NumericDateOrder: String, Sendable {
    case monthDay = "month-day"
    case dayMonth = "day-month"
}

/// Settings for date recognition.
public struct DateOptions: Sendable {
    /// The day relative expressions resolve against (the article's publication date).
    public var reference: CivilDate
    public var numericOrder: NumericDateOrder

    public init(reference: CivilDate, numericOrder: NumericDateOrder = .monthDay) {
        self.reference = reference
        self.numericOrder = numericOrder
    }
}

/// Finds and resolves date expressions. (Stub: replaced by the date grammar.)
public struct DateRecognizer: Sendable {
    public var options: DateOptions

    public init(options: DateOptions) {
        self.options = options
    }

    public func recognize(_ document: Document) -> [DateMatch] {
        []
    }
}
