import Foundation

/// The five kinds of thing the service recognises. The raw values are the API's words.
public enum EntityType: String, Codable, CaseIterable, Sendable {
    case person, organisation, place, money, date
}

/// One occurrence of an entity in the text. Offsets are Unicode code point offsets,
/// end exclusive, so `text[start..<end]` (in code points) equals `text`.
public struct Mention: Codable, Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var text: String

    public init(start: Int, end: Int, text: String) {
        self.start = start
        self.end = end
        self.text = text
    }
}

/// How the currency of a sum of money was decided.
public enum CurrencyResolution: String, Codable, Sendable {
    /// The text names it: `€`, `EUR`, `euros`, `US$`.
    case explicit
    /// A bare symbol such as `$` resolved from the article's other explicit sums.
    case inferred
    /// A bare symbol resolved only by the configured default.
    case ambiguous
}

/// The normalised value of a sum of money. `amount` is exact; for a range it is the
/// lower bound and `min`/`max` carry both ends.
public struct MoneyValue: Codable, Hashable, Sendable {
    public var amount: Decimal
    /// ISO 4217 code.
    public var currency: String
    public var currencyResolution: CurrencyResolution
    /// What decided an `inferred` or `ambiguous` currency: `place:New Zealand` (the article's
    /// places), `earlier:Danish kroner` (a full name the article writes), `major:HKD` (cents of
    /// the article's dollars), `default` (nothing did: the configured default). Nil when explicit.
    public var currencyEvidence: String?
    /// `more_than`, `less_than`, `about`, `up_to`, `at_least`, `nearly`, … or nil.
    public var qualifier: String?
    public var min: Decimal?
    public var max: Decimal?

    public init(amount: Decimal, currency: String, currencyResolution: CurrencyResolution = .explicit,
                qualifier: String? = nil, min: Decimal? = nil, max: Decimal? = nil, currencyEvidence: String? = nil) {
        self.amount = amount
        self.currencyEvidence = currencyEvidence
        self.currency = currency
        self.currencyResolution = currencyResolution
        self.qualifier = qualifier
        self.min = min
        self.max = max
    }

    enum CodingKeys: String, CodingKey {
        case amount, currency, qualifier, min, max
        case currencyResolution = "currency_resolution"
        case currencyEvidence = "currency_evidence"
    }
}

/// The grain of a date value: the size of the period it names.
public enum DateGrain: String, Codable, Sendable {
    case day, week, month, quarter, half, year, decade, century
    /// A length of time that names no calendar period (`two years`, `annual`).
    case duration
}

/// The normalised value of a date expression: either `date` (`YYYY-MM-DD`, `YYYY-MM`
/// or `YYYY`) or an inclusive `from`/`to` range, each with its grain. Both are nil for
/// expressions that are dates but name no single period (`annual`, `two years`).
public struct DateValue: Codable, Hashable, Sendable {
    public var date: String?
    public var from: String?
    public var to: String?
    public var grain: DateGrain

    public init(date: String? = nil, from: String? = nil, to: String? = nil, grain: DateGrain) {
        self.date = date
        self.from = from
        self.to = to
        self.grain = grain
    }
}

/// The value of an entity: only money and dates have one.
public enum EntityValue: Hashable, Sendable {
    case money(MoneyValue)
    case date(DateValue)
}

/// One real-world thing mentioned in an article, with every mention of it.
public struct Entity: Hashable, Sendable {
    /// Stable within an article: derived from type and key.
    public var id: String
    public var type: EntityType
    /// The fullest form seen in the article (`Jens Stoltenberg`, not `Stoltenberg`).
    public var name: String
    /// Normalised name shared across articles (`jens stoltenberg`, `united states`).
    public var key: String
    public var value: EntityValue?
    public var mentions: [Mention]

    public init(id: String, type: EntityType, name: String, key: String, value: EntityValue? = nil, mentions: [Mention]) {
        self.id = id
        self.type = type
        self.name = name
        self.key = key
        self.value = value
        self.mentions = mentions
    }
}

/// A sum of money as the figures ledger keeps it: one per money mention, with its sentence.
public struct Figure: Hashable, Sendable {
    public var entityID: String
    public var mention: Mention
    public var value: MoneyValue
    public var sentence: String
    public var sentenceStart: Int
    public var sentenceEnd: Int

    public init(entityID: String, mention: Mention, value: MoneyValue, sentence: String, sentenceStart: Int, sentenceEnd: Int) {
        self.entityID = entityID
        self.mention = mention
        self.value = value
        self.sentence = sentence
        self.sentenceStart = sentenceStart
        self.sentenceEnd = sentenceEnd
    }
}

/// Everything extracted from one text. Pure data: the store writes it, the API encodes it.
public struct Extraction: Sendable {
    public var entities: [Entity]
    public var figures: [Figure]
    public var extractorVersion: String

    public init(entities: [Entity], figures: [Figure], extractorVersion: String) {
        self.entities = entities
        self.figures = figures
        self.extractorVersion = extractorVersion
    }
}
