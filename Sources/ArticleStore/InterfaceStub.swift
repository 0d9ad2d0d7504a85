// Temporary: the agreed interface, so the API compiles before the store lands. Replaced on merge.
import Foundation
import EntityExtraction
public struct NewArticle: Sendable { public var text: String; public var title: String?; public var url: String?; public var source: String?; public var publishedAt: CivilDate; public var receivedAt: Date
    public init(text: String, title: String?, url: String?, source: String?, publishedAt: CivilDate, receivedAt: Date = Date()) { self.text = text; self.title = title; self.url = url; self.source = source; self.publishedAt = publishedAt; self.receivedAt = receivedAt } }
public struct StoredArticle: Sendable { public let id: String; public let title: String?; public let url: String?; public let source: String?; public let publishedAt: CivilDate; public let receivedAt: Date; public let textHash: String; public let extractorVersion: String; public let text: String }
public struct Page<Item: Sendable>: Sendable { public let items: [Item]; public let nextCursor: String? }
public struct ArticleListQuery: Sendable { public var limit = 20; public var cursor: String?; public var entity: String?; public var type: EntityType?; public var since: CivilDate?; public var until: CivilDate?; public init() {} }
public enum FigureSort: String, Sendable { case amount, amountDescending = "-amount", publishedAt = "published_at", publishedAtDescending = "-published_at" }
public struct FigureQuery: Sendable { public var currency: String?; public var minAmount: Decimal?; public var maxAmount: Decimal?; public var since: CivilDate?; public var until: CivilDate?; public var articleID: String?; public var entity: String?; public var sort: FigureSort = .amountDescending; public var limit = 50; public var cursor: String?; public init() {} }
public struct FigureRecord: Sendable { public let id: Int64; public let value: MoneyValue; public let mention: Mention; public let sentence: String; public let articleID: String; public let articleTitle: String?; public let articlePublishedAt: CivilDate }
public enum FigureGrouping: String, Sendable { case currency, month, article }
public struct FigureSummaryRow: Sendable { public let group: String; public let currency: String; public let count: Int; public let total: Decimal; public let min: Decimal; public let max: Decimal; public let articleTitle: String? }
public struct EntitySummary: Sendable { public let key: String; public let type: EntityType; public let name: String; public let articleCount: Int; public let mentionCount: Int }
public enum StoreError: Error, Sendable { case invalidCursor; case sqlite(code: Int32, message: String) }
public final class ArticleStore: @unchecked Sendable {
    public init(path: String) throws {}
    public func insert(_ article: NewArticle, extraction: Extraction) throws -> (article: StoredArticle, created: Bool) { throw StoreError.invalidCursor }
    public func article(id: String) throws -> StoredArticle? { nil }
    public func entities(articleID: String, type: EntityType?) throws -> [Entity]? { nil }
    public func deleteArticle(id: String) throws -> Bool { false }
    public func articles(_ query: ArticleListQuery) throws -> Page<StoredArticle> { Page(items: [], nextCursor: nil) }
    public func figures(_ query: FigureQuery) throws -> Page<FigureRecord> { Page(items: [], nextCursor: nil) }
    public func figureSummary(groupBy: FigureGrouping, filter: FigureQuery) throws -> [FigureSummaryRow] { [] }
    public func entitySummaries(type: EntityType?, query: String?, limit: Int, cursor: String?) throws -> Page<EntitySummary> { Page(items: [], nextCursor: nil) }
    public func articleCount() throws -> Int { 0 }
    public func close() {}
}
