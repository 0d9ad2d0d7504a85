import EntityExtraction
import Foundation
import XCTest
@testable import ArticleStore

/// A measurement, not a check of speed: prints inserts per second for an extraction of
/// realistic size. Run it in a release build:
/// `ARTICLE_STORE_BENCHMARK=2000 swift test -c release -Xswiftc -enable-testing --filter InsertThroughputTests`
final class InsertThroughputTests: StoreTestCase {
    func testInsertThroughput() throws {
        guard let count = ProcessInfo.processInfo.environment["ARTICLE_STORE_BENCHMARK"].flatMap(Int.init) else {
            throw XCTSkip("set ARTICLE_STORE_BENCHMARK=<articles> to measure insert throughput")
        }
        let extraction = Self.realisticExtraction()
        let body = String(repeating: "Ministers met in Brussels on Thursday to discuss €276 million for ammunition. ", count: 60)
        let clock = ContinuousClock()
        let cpuBefore = Self.cpuSeconds()
        let elapsed = try clock.measure {
            for i in 0..<count {
                let article = NewArticle(text: "\(i) " + body, title: "Article \(i)", publishedAt: day("2024-03-14").adding(days: i % 400))
                _ = try store.insert(article, extraction: extraction)
            }
        }
        let cpu = Self.cpuSeconds() - cpuBefore
        XCTAssertEqual(try store.articleCount(), count)
        XCTAssertEqual(try rowCount("figures"), count * extraction.figures.count)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("SQLiteArticleStore: \(count) inserts of \(extraction.entities.count) entities, "
              + "\(extraction.entities.reduce(0) { $0 + $1.mentions.count }) mentions, \(extraction.figures.count) figures "
              + "in \(String(format: "%.2f", seconds)) s = \(Int(Double(count) / seconds)) inserts/s "
              + "(CPU \(String(format: "%.2f", cpu)) s = \(Int(Double(count) / cpu)) inserts per CPU second)")

        var query = FigureQuery()
        query.currency = "EUR"
        query.minAmount = 1_000_000
        query.sort = .amountDescending
        let queries = 200
        let queryTime = try clock.measure {
            for _ in 0..<queries { _ = try store.figures(query) }
        }
        let summaryTime = try clock.measure { _ = try store.figureSummary(groupBy: .month, filter: FigureQuery()) }
        let listTime = try clock.measure {
            var list = ArticleListQuery()
            list.entity = "Jens Stoltenberg"
            for _ in 0..<queries { _ = try store.articles(list) }
        }
        let entityTime = try clock.measure { _ = try store.entitySummaries(type: nil, query: nil, limit: 50, cursor: nil) }
        print("SQLiteArticleStore: figures page \(queryTime / queries), articles by entity page \(listTime / queries), "
              + "month summary \(summaryTime), entity summaries \(entityTime)")
        if let keep = ProcessInfo.processInfo.environment["ARTICLE_STORE_BENCHMARK_KEEP"] {
            store.close()  // the last connection to close checkpoints the WAL into the file
            try FileManager.default.copyItem(atPath: databasePath, toPath: keep)
        }
    }

    /// User and system CPU time of this process: steadier than wall time on a shared machine.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// About what the extractor finds in a long news article: 40 entities, most named
    /// more than once, a dozen sums of money and a dozen dates.
    static func realisticExtraction() -> Extraction {
        var entities: [Entity] = []
        var position = 0
        func next() -> Int { position += 37; return position }
        let people = ["Jens Stoltenberg", "Ursula von der Leyen", "Olaf Scholz", "Emmanuel Macron", "Volodymyr Zelensky",
                      "Josep Borrell", "Lloyd Austin", "Dmytro Kuleba"]
        for name in people { entities.append(Fixtures.person(name, at: [next(), next(), next()])) }
        for name in ["European Union", "NATO", "European Commission", "Rheinmetall", "Reuters", "Pentagon", "Kremlin", "Bundeswehr"] {
            entities.append(Fixtures.named(.organisation, name, at: next()))
        }
        for name in ["Ukraine", "Russia", "Brussels", "Germany", "France", "Kyiv"] {
            var place = Fixtures.named(.place, name, at: next())
            place.mentions.append(Mention(start: next(), end: position + name.unicodeScalars.count, text: name))
            entities.append(place)
        }
        for (i, amount) in ["276000000", "1500000000", "0.5", "2000000", "5000000000", "12.75", "300000", "8000000000", "45000", "100000000"].enumerated() {
            entities.append(Fixtures.money("€\(amount)", MoneyValue(amount: decimal(amount), currency: i % 3 == 0 ? "USD" : "EUR"),
                                           at: i < 2 ? [next(), next()] : [next()]))
        }
        for i in 0..<8 {
            entities.append(Fixtures.date("March \(i + 1)", DateValue(date: "2024-03-0\(i + 1)", grain: .day), at: next()))
        }
        return Fixtures.extraction(entities)
    }
}
