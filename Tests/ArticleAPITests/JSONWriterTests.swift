import XCTest
import ArticleAPI
import EntityExtraction

final class JSONWriterTests: XCTestCase {
    func testNestingEscapingAndExactDecimals() {
        var w = JSONWriter()
        w.beginObject()
        w.field("text", "a \"quote\"\n\u{1}é")
        w.field("amount", Decimal(string: "55000000000")!)
        w.field("half", Decimal(string: "0.5")!)
        w.field("missing", nil as String?)
        w.key("list")
        w.beginArray()
        w.value(1)
        w.beginObject()
        w.endObject()
        w.null()
        w.endArray()
        w.endObject()
        XCTAssertEqual(w.string, #"{"text":"a \"quote\"\n\u0001é","amount":55000000000,"half":0.5,"list":[1,{},null]}"#)
    }

    /// Escapes at the start, the end and side by side, around runs copied whole.
    func testEscapesBetweenPlainRuns() {
        var w = JSONWriter()
        w.value("\\start\tmid\r\n\"\"\u{1F}€ end\u{0}")
        XCTAssertEqual(w.string, #""\\start\tmid\r\n\"\"\u001f€ end\u0000""#)
        var empty = JSONWriter()
        empty.value("")
        XCTAssertEqual(empty.string, #""""#)
    }

    func testEntityJSONShape() throws {
        let value = MoneyValue(amount: 276_000_000, currency: "EUR", qualifier: "about")
        let e = Entity(id: "mon_1", type: .money, name: "€276 million", key: "276000000 EUR", value: .money(value),
                       mentions: [Mention(start: 2199, end: 2211, text: "€276 million")])
        let json = String(decoding: EntityJSON.entitiesDocument([e]), as: UTF8.self)
        XCTAssertEqual(json, #"{"entities":[{"id":"mon_1","type":"money","name":"€276 million","key":"276000000 EUR","value":{"amount":276000000,"currency":"EUR","currency_resolution":"explicit","qualifier":"about"},"mentions":[{"start":2199,"end":2211,"text":"€276 million"}]}]}"#)
    }
}
