import EntityExtraction
import XCTest
@testable import ArticleAPI
@testable import ArticleStore

/// A POST answers with the bytes rendered for the article's tag, archive ids put in: the
/// JSON must be byte for byte what rendering the entities again writes.
final class EntityJSONReuseTests: XCTestCase {
    private static func mention(_ text: String, at start: Int) -> Mention {
        Mention(start: start, end: start + text.unicodeScalars.count, text: text)
    }

    private static let person = Entity(id: "ent_a1", type: .person, name: "Jens \"J\" Stoltenberg", key: "jens stoltenberg",
                                       mentions: [mention("Jens \"J\" Stoltenberg", at: 0), mention("Stoltenberg", at: 40)])
    private static let money = Entity(id: "mon_b2", type: .money, name: "€276 million", key: "276000000 EUR",
                                      value: .money(MoneyValue(amount: 276_000_000, currency: "EUR")),
                                      mentions: [mention("€276 million", at: 20)])
    private static let place = Entity(id: "ent_c3", type: .place, name: "Ukraine", key: "ukraine", mentions: [mention("Ukraine", at: 60)])

    private func rendered(_ entities: [Entity], _ ids: [String: String], reusing: Bool) -> String {
        var w = JSONWriter()
        if reusing {
            EntityJSON.writeEntities(entities, archiveIDs: ids, reusing: EntityRendering(entities, renderer: EntityJSON.renderer), to: &w)
        } else {
            EntityJSON.writeEntities(entities, archiveIDs: ids, to: &w)
        }
        return w.string
    }

    func testReusedBytesWithArchiveIDsAreTheRenderedJSON() {
        let entities = [Self.person, Self.money, Self.place]
        let ids = ["ent_a1": "ent_0123456789abcdef", "ent_c3": "ent_fedcba9876543210"]
        let direct = rendered(entities, ids, reusing: false)
        XCTAssertEqual(rendered(entities, ids, reusing: true), direct)
        XCTAssertTrue(direct.hasPrefix(#"[{"id":"ent_a1","entity_id":"ent_0123456789abcdef","type":"person","name":"Jens \"J\" Stoltenberg""#))
        XCTAssertEqual(rendered(entities, [:], reusing: true), rendered(entities, [:], reusing: false))
    }

    /// Entities out of stored order (the rendering holds them sorted) are rendered afresh.
    func testEntitiesOutOfStoredOrderAreRenderedAgain() {
        let entities = [Self.place, Self.person, Self.money]
        let ids = ["ent_a1": "ent_0123456789abcdef"]
        XCTAssertFalse(EntityRendering(entities, renderer: EntityJSON.renderer).inGivenOrder)
        XCTAssertEqual(rendered(entities, ids, reusing: true), rendered(entities, ids, reusing: false))
        XCTAssertTrue(rendered(entities, ids, reusing: true).hasPrefix(#"[{"id":"ent_c3","type":"place""#))
    }

    /// The digest the tag is made from: every entity rendered without archive ids, in stored
    /// order, each followed by a newline, hashed.
    func testTheRenderingsDigestIsOfEveryEntityInStoredOrder() {
        let entities = [Self.place, Self.person, Self.money]
        var all: [UInt8] = []
        for entity in [Self.person, Self.money, Self.place] { all += EntityJSON.renderer(entity, nil) + [0x0A] }
        XCTAssertEqual(EntityRendering(entities, renderer: EntityJSON.renderer).digest, SHA256.digest(all))
    }
}
