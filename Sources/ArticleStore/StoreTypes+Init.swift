import EntityExtraction
import Foundation

// Public initialisers of the ledger's result types, for stores outside this module (the
// first argument unlabelled, as the synthesized memberwise ones stay internal).

extension FigureRecord {
    public init(_ id: Int64, value: MoneyValue, mention: Mention, sentence: String, sentenceStart: Int, sentenceEnd: Int,
                sentenceEntities: [SentenceEntity], date: FigureDate, articleID: String, articleTitle: String?,
                articlePublishedAt: CivilDate) {
        self.id = id
        self.value = value
        self.mention = mention
        self.sentence = sentence
        self.sentenceStart = sentenceStart
        self.sentenceEnd = sentenceEnd
        self.sentenceEntities = sentenceEntities
        self.date = date
        self.articleID = articleID
        self.articleTitle = articleTitle
        self.articlePublishedAt = articlePublishedAt
    }
}

extension FigureDate {
    public init(_ value: DateValue, source: Source, text: String?) {
        self.value = value
        self.source = source
        self.text = text
    }
}

extension SentenceEntity {
    public init(_ id: String, type: EntityType, name: String) {
        self.id = id
        self.type = type
        self.name = name
    }
}

extension FigureSummaryRow {
    public init(_ group: String, currency: String, count: Int, total: Decimal, min: Decimal, max: Decimal,
                articleTitle: String?, entityName: String?) {
        self.group = group
        self.currency = currency
        self.count = count
        self.total = total
        self.min = min
        self.max = max
        self.articleTitle = articleTitle
        self.entityName = entityName
    }
}

extension EntitySummary {
    public init(_ id: String, key: String, type: EntityType, name: String, names: [String], articleCount: Int, mentionCount: Int) {
        self.id = id
        self.key = key
        self.type = type
        self.name = name
        self.names = names
        self.articleCount = articleCount
        self.mentionCount = mentionCount
    }
}

extension EntityDetail {
    public init(_ summary: EntitySummary, firstSeen: CivilDate, lastSeen: CivilDate, recentArticles: [StoredArticle]) {
        self.summary = summary
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.recentArticles = recentArticles
    }
}
