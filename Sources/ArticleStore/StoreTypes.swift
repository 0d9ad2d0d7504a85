import EntityExtraction
import Foundation

/// An article to store: its text and what the client said about it.
public struct NewArticle: Sendable {
    public var text: String
    public var title: String?
    public var url: String?
    public var source: String?
    public var publishedAt: CivilDate
    public var receivedAt: Date

    public init(text: String, title: String? = nil, url: String? = nil, source: String? = nil,
                publishedAt: CivilDate, receivedAt: Date = Date()) {
        self.text = text
        self.title = title
        self.url = url
        self.source = source
        self.publishedAt = publishedAt
        self.receivedAt = receivedAt
    }
}

/// An article as stored. `receivedAt` is kept to the millisecond.
public struct StoredArticle: Sendable, Hashable {
    public let id: String
    public let title: String?
    public let url: String?
    public let source: String?
    public let publishedAt: CivilDate
    public let receivedAt: Date
    /// SHA-256 of the UTF-8 text, lower-case hex.
    public let textHash: String
    public let extractorVersion: String
    public let text: String

    public init(id: String, title: String?, url: String?, source: String?, publishedAt: CivilDate, receivedAt: Date,
                textHash: String, extractorVersion: String, text: String) {
        self.id = id
        self.title = title
        self.url = url
        self.source = source
        self.publishedAt = publishedAt
        self.receivedAt = receivedAt
        self.textHash = textHash
        self.extractorVersion = extractorVersion
        self.text = text
    }
}

/// One page of a listing; pass `nextCursor` back to get the next page (nil: no more).
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    public let nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// Filters for listing articles, newest first (published_at, then received_at, then id).
public struct ArticleListQuery: Sendable {
    public var limit = 20
    public var cursor: String?
    /// An entity key-or-name (matched through `EntityKeys.nameKey`) or an entity id.
    public var entity: String?
    /// Alone: articles with at least one entity of this type. With `entity`: restricts it.
    public var type: EntityType?
    /// Inclusive bounds on published_at.
    public var since: CivilDate?
    public var until: CivilDate?
    /// False leaves `text` empty in the listed articles: listings that show metadata only
    /// need not read every article's full text.
    public var includeText = true

    public init() {}
}

public enum FigureSort: String, Sendable, CaseIterable {
    case amount
    case amountDescending = "-amount"
    case publishedAt = "published_at"
    case publishedAtDescending = "-published_at"
}

/// Filters for the figures ledger (one row per money mention across articles).
public struct FigureQuery: Sendable {
    /// ISO 4217 code, compared exactly (callers upper-case it).
    public var currency: String?
    /// Inclusive bounds on the amount.
    public var minAmount: Decimal?
    public var maxAmount: Decimal?
    /// Inclusive bounds on the first day of the figure's date (its sentence's, else the article's).
    public var since: CivilDate?
    public var until: CivilDate?
    public var articleID: String?
    /// An archive id (`ent_…`) or a name: figures whose sentence mentions it, or with
    /// `entityScope = .article` figures of articles that mention it anywhere.
    public var entity: String?
    public var entityScope: EntityScope = .sentence
    /// Words that must all be in the figure's sentence (full-text, FTS5 syntax quoted away).
    public var text: String?
    public var sort: FigureSort = .amountDescending
    public var limit = 50
    public var cursor: String?

    public init() {}

    /// True when no filter but `currency` is set: a summary can read the kept totals.
    var onlyCurrency: Bool {
        minAmount == nil && maxAmount == nil && since == nil && until == nil && articleID == nil && entity == nil && text == nil
    }
}

public enum EntityScope: String, Sendable, CaseIterable {
    case sentence, article
}

/// What a figure's sum refers to in time: a date of its sentence, or the article's date.
public struct FigureDate: Sendable, Hashable {
    public enum Source: String, Sendable { case sentence, article }
    public let value: DateValue
    public let source: Source
    /// The date mention's text, when from the sentence.
    public let text: String?
}

/// A person, organisation or place that a figure's sentence mentions.
public struct SentenceEntity: Sendable, Hashable {
    public let id: String
    public let type: EntityType
    public let name: String
}

/// One sum of money as mentioned in one article.
public struct FigureRecord: Sendable, Hashable {
    public let id: Int64
    public let value: MoneyValue
    public let mention: Mention
    public let sentence: String
    public let sentenceStart: Int
    public let sentenceEnd: Int
    public let sentenceEntities: [SentenceEntity]
    public let date: FigureDate
    public let articleID: String
    public let articleTitle: String?
    public let articlePublishedAt: CivilDate
}

public enum FigureGrouping: String, Sendable, CaseIterable {
    case currency, month, entity, article
}

/// Count and exact totals of figures in one group and one currency: month and article
/// groups are split per currency so different currencies are never added up.
public struct FigureSummaryRow: Sendable, Hashable {
    /// The currency code, `YYYY-MM` of published_at, the archive entity id, or the article id.
    public let group: String
    public let currency: String
    public let count: Int
    public let total: Decimal
    public let min: Decimal
    public let max: Decimal
    /// Set for article groups.
    public let articleTitle: String?
    /// The entity's canonical name, for entity groups.
    public let entityName: String?
}

/// One entity across all articles: entities sharing type and key, and persons named by
/// surname alone joined to it (see `ArchiveIdentity`).
public struct EntitySummary: Sendable, Hashable {
    /// `ent_` + 16 hex digits of SHA-256 of type, U+001F, key.
    public let id: String
    public let key: String
    public let type: EntityType
    /// The canonical name: the longest an article gave it.
    public let name: String
    /// Names as mentioned (possessives removed), most mentioned first.
    public let names: [String]
    public let articleCount: Int
    public let mentionCount: Int
}

/// `GET /v1/entities/{id}`: the summary, every name seen, first and last seen, recent articles.
public struct EntityDetail: Sendable {
    public let summary: EntitySummary
    public let firstSeen: CivilDate
    public let lastSeen: CivilDate
    public let recentArticles: [StoredArticle]
}

public enum EntitySort: String, Sendable, CaseIterable {
    case articles, mentions, name
}
