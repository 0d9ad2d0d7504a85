import Foundation
import XCTest
@testable import EntityExtraction

/// Every currency of the generated CLDR table (`Resources/currencies.tsv`), read the ways
/// news writes it: by code before and after the number, by symbol, by its singular and plural
/// English names, and in words (`ten …`, `a …`). The cases come from the table itself, so a
/// currency added by regenerating it is tested without a new line here.
final class CurrencyTableTests: XCTestCase {
    let facts = CurrencyFacts.bundled
    let recognizer = MoneyRecognizer(options: MoneyOptions(referenceDate: CivilDate(year: 2024, month: 3, day: 14)))

    /// Current currencies that are money (not funds, metals or test codes).
    var current: [CurrencyFacts.Currency] {
        facts.currencies.values.filter { !$0.historic && MoneyLexicon.isMoney($0.code) }.sorted { $0.code < $1.code }
    }

    func read(_ text: String) -> [(String, MoneyValue)] {
        let doc = Document(text: text)
        return recognizer.recognize(doc).map { (doc.text(from: $0.start, to: $0.end), $0.value) }
    }

    func assertSum(_ text: String, span: String, amount: Decimal, code: String, file: StaticString = #filePath, line: UInt = #line) {
        let found = read(text)
        guard found.count == 1, let (s, v) = found.first else {
            return XCTFail("\(text): found \(found.map(\.0))", file: file, line: line)
        }
        XCTAssertEqual(s, span, text, file: file, line: line)
        XCTAssertEqual(v.amount, amount, text, file: file, line: line)
        XCTAssertEqual(v.currency, code, text, file: file, line: line)
    }

    func testTableCoversISO4217() {
        XCTAssertGreaterThan(current.count, 150)
        XCTAssertGreaterThan(facts.currencies.count, 280, "historic currencies are in the table too")
        for code in ["USD", "EUR", "GBP", "JPY", "NZD", "HKD", "LKR", "CHF", "DEM", "FRF", "ITL", "ZWL"] {
            XCTAssertNotNil(facts.currencies[code], code)
        }
        XCTAssertEqual(facts.currencies["NZD"]?.plural, "New Zealand dollars")
        XCTAssertEqual(facts.currencies["FRF"]?.historic, true)
    }

    func testEveryCodeBeforeAndAfterTheNumber() {
        for c in current where MoneyLexicon.codes[c.code] == c.code {
            assertSum("The fund paid 250 \(c.code) last week.", span: "250 \(c.code)", amount: 250, code: c.code)
            assertSum("The fund paid \(c.code) 4.5 million last week.", span: "\(c.code) 4.5 million", amount: 4_500_000, code: c.code)
        }
    }

    /// Names that belong to one currency only (CLDR gives a few names twice).
    func uniqueNames() -> [(name: String, plural: String, code: String)] {
        var owners: [String: Set<String>] = [:]
        for c in facts.currencies.values where MoneyLexicon.isMoney(c.code) {
            owners[MoneyLexicon.key(c.singular), default: []].insert(c.code)
            owners[MoneyLexicon.key(c.plural), default: []].insert(c.code)
        }
        return current.compactMap { c in
            guard !c.singular.contains("("), owners[MoneyLexicon.key(c.singular)] == [c.code],
                  owners[MoneyLexicon.key(c.plural)] == [c.code],
                  MoneyLexicon.names[MoneyLexicon.key(c.plural)]?.code == c.code else { return nil }
            return (c.singular, c.plural, c.code)
        }
    }

    func testEveryNameSingularPluralAndInWords() {
        let names = uniqueNames()
        XCTAssertGreaterThan(names.count, 120)
        for n in names {
            assertSum("Exports reached 1.2 billion \(n.plural) in 2023.", span: "1.2 billion \(n.plural)", amount: 1_200_000_000, code: n.code)
            assertSum("Exports reached 30,500 \(n.plural) in 2023.", span: "30,500 \(n.plural)", amount: 30_500, code: n.code)
            assertSum("The fee is ten \(n.plural) a day.", span: "ten \(n.plural)", amount: 10, code: n.code)
            assertSum("It cost a million \(n.plural).", span: "a million \(n.plural)", amount: 1_000_000, code: n.code)
            assertSum("The stamp cost 1 \(n.name).", span: "1 \(n.name)", amount: 1, code: n.code)
        }
    }

    func testEverySymbolBeforeTheNumber() {
        for c in current where !c.symbol.isEmpty && c.symbol.unicodeScalars.allSatisfy({ !$0.properties.isAlphabetic }) {
            assertSum("Shares closed at \(c.symbol)12.50 on Friday.", span: "\(c.symbol)12.50", amount: Decimal(string: "12.5")!, code: c.code)
        }
        for (symbol, code) in [("A$", "AUD"), ("NZ$", "NZD"), ("HK$", "HKD"), ("CA$", "CAD"), ("NT$", "TWD"), ("R$", "BRL")] {
            XCTAssertEqual(facts.currencies[code]?.symbol, symbol)
            assertSum("It raised \(symbol)3.5bn in bonds.", span: "\(symbol)3.5bn", amount: 3_500_000_000, code: code)
        }
        assertSum("It raised US$3.5bn in bonds.", span: "US$3.5bn", amount: 3_500_000_000, code: "USD")
    }

    /// A territory's name before a unit it used is that territory's currency on the day:
    /// generated from the tender history, so `Turkish lira` follows Turkey's redenomination.
    func testTerritoryAndUnitFollowTheDate() {
        let before = MoneyRecognizer(options: MoneyOptions(referenceDate: CivilDate(year: 2004, month: 6, day: 1)))
        let after = MoneyRecognizer(options: MoneyOptions(referenceDate: CivilDate(year: 2006, month: 6, day: 1)))
        let doc = Document(text: "The bank lent 5 billion Turkish lira.")
        XCTAssertEqual(before.recognize(doc).map(\.value.currency), ["TRL"])
        XCTAssertEqual(after.recognize(doc).map(\.value.currency), ["TRY"])
        assertSum("It borrowed 30.07\nbillion N.Z. Dlrs in all.", span: "30.07\nbillion N.Z. Dlrs", amount: 30_070_000_000, code: "NZD")
        assertSum("It owes 105 mln Australian dlrs.", span: "105 mln Australian dlrs", amount: 105_000_000, code: "AUD")
        assertSum("Fares rose by 20 Hong Kong cents.", span: "20 Hong Kong cents", amount: Decimal(string: "0.2")!, code: "HKD")
    }

    func testHomographUnitsNeedAScaleOrTwoDecimals() {
        XCTAssertTrue(facts.homographs.contains("won"))
        XCTAssertEqual(read("He won 5 races and weighed 200 pounds.").count, 0)
        assertSum("Samsung earned 5 trillion won.", span: "5 trillion won", amount: 5_000_000_000_000, code: "KRW")
        XCTAssertEqual(read("Sales were 5.8 million units.").count, 0, "`units` are no currency")
    }
}
