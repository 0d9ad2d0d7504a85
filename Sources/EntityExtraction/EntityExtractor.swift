/// Settings for one extraction: what the text's relative expressions and bare
/// currency symbols resolve against.
public struct ExtractionOptions: Sendable {
    public var publishedAt: CivilDate
    public var money: MoneyOptions
    public var numericDateOrder: NumericDateOrder
    /// The kinds of entity to look for; recognizers for the others do not run.
    public var types: Set<EntityType>
    /// What counts as a date: calendar references (the service) or OntoNotes DATE (its scorer).
    public var dateConvention: DateConvention

    public init(publishedAt: CivilDate, money: MoneyOptions = MoneyOptions(), numericDateOrder: NumericDateOrder = .monthDay,
                types: Set<EntityType> = Set(EntityType.allCases), dateConvention: DateConvention = .calendar) {
        self.publishedAt = publishedAt
        self.money = money
        self.numericDateOrder = numericDateOrder
        self.types = types
        self.dateConvention = dateConvention
    }
}

/// The extraction pipeline: text → document → money and dates → names → entities.
/// Money and dates keep priority on their spans; names that overlap them are dropped.
public struct EntityExtractor: Sendable {
    /// Stored with every article so that text can be re-extracted when this changes.
    public static let version = "2026.12.07-2"

    /// This extractor's version as articles record it: `version`, plus a fingerprint of the
    /// operator's aliases when there are any, so `reextract` redoes articles after they change.
    public var versionWithAliases: String {
        identity.aliases.operatorFingerprint.map { "\(Self.version)+aliases.\($0)" } ?? Self.version
    }

    public let nameTagger: (any NameTagging)?
    /// Titles and aliases that decide which name mentions are one entity.
    public let identity: EntityIdentity

    public init(nameTagger: (any NameTagging)?, identity: EntityIdentity = EntityIdentity()) {
        self.nameTagger = nameTagger
        self.identity = identity
    }

    public func extract(_ text: String, options: ExtractionOptions) -> Extraction {
        extract(Document(text: text), options: options)
    }

    public func extract(_ document: Document, options: ExtractionOptions) -> Extraction {
        do { return try extract(document, options: options, deadline: .unlimited) } catch {
            preconditionFailure("an unlimited deadline expired: \(error)")
        }
    }

    /// Extraction within a time budget: throws `ExtractionDeadlineExceeded` at the first
    /// check after it runs out (between stages, and every few sentences while tagging names).
    public func extract(_ text: String, options: ExtractionOptions, deadline: ExtractionDeadline) throws -> Extraction {
        try deadline.check("reading the text")
        let document = Document(text: text)
        return try extract(document, options: options, deadline: deadline)
    }

    public func extract(_ document: Document, options: ExtractionOptions, deadline: ExtractionDeadline) throws -> Extraction {
        // Names first: which places the tagger sees (and which names are people) decides a bare
        // `dollars`. Money and dates still keep priority on their spans below.
        let wantsNames = !options.types.isDisjoint(with: [.person, .organisation, .place])
        try deadline.check("tagging names")
        let tagged = wantsNames ? try nameTagger?.tag(document, deadline: deadline) : nil
        try deadline.check("finding sums of money")
        var moneyOptions = options.money
        moneyOptions.referenceDate = moneyOptions.referenceDate ?? options.publishedAt
        let money = options.types.contains(.money) ? MoneyRecognizer(options: moneyOptions).recognize(document, names: tagged) : []
        try deadline.check("finding dates")
        let dates = !options.types.contains(.date) ? [] :
            DateRecognizer(options: DateOptions(reference: options.publishedAt, numericOrder: options.numericDateOrder,
                                                convention: options.dateConvention)).recognize(document)
        try deadline.check("resolving overlapping money and dates")
        var taken = SpanSet()
        var moneyKept: [MoneyMatch] = []
        for m in money where taken.insertIfFree(m.start..<m.end) { moneyKept.append(m) }
        var datesKept: [DateMatch] = []
        var outer: DateMatch?
        for d in dates {
            // A date nested in a kept one (the days at the ends of a range) is kept beside it.
            if let o = outer, o.start <= d.start, d.end <= o.end, (o.start, o.end) != (d.start, d.end) {
                datesKept.append(d)
            } else if taken.insertIfFree(d.start..<d.end) {
                datesKept.append(d)
                outer = d
            }
        }
        var names: [NameMatch] = []
        for n in tagged ?? [] where options.types.contains(n.type) && taken.insertIfFree(n.start..<n.end) {
            names.append(n)
        }
        try deadline.check("grouping mentions into entities")
        return EntityGrouper(document: document, identity: identity).group(money: moneyKept, dates: datesKept, names: names,
                                                       version: versionWithAliases)
    }
}

/// Non-overlapping spans, for resolving conflicts between recognizers in priority order.
struct SpanSet {
    private var spans: [Range<Int>] = []  // sorted by lowerBound

    /// Adds the span unless it overlaps one already taken; says whether it was added.
    mutating func insertIfFree(_ span: Range<Int>) -> Bool {
        guard !span.isEmpty else { return false }
        var lo = 0, hi = spans.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if spans[mid].lowerBound < span.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        if lo > 0, spans[lo - 1].overlaps(span) { return false }
        if lo < spans.count, spans[lo].overlaps(span) { return false }
        spans.insert(span, at: lo)
        return true
    }
}
